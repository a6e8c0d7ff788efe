package io.rootfleet.controller.cli;

import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.playbook.Playbook;
import io.rootfleet.controller.playbook.PlaybookReader;
import io.rootfleet.controller.push.HostConnector;
import io.rootfleet.controller.push.HostOutcome;
import io.rootfleet.controller.ssh.CommandResult;
import io.rootfleet.controller.ssh.RemoteHost;
import io.rootfleet.controller.ssh.RemoteHostException;
import io.rootfleet.controller.ssh.SshClient;
import io.rootfleet.model.AbsolutePath;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "exec", description = "Run a command inside a container on its host, in the container's / (or --cwd), with this"
        + " command's standard input; its exit code is passed through.",
        footer = "%nExample: rootfleet exec playbooks/site.yml web-a/web-01 -- cat /etc/hostname%n")
final class ExecCommand implements Callable<Integer>, ExitCodeHelp {
    /** Only when the command could not be run; otherwise its own exit code is exec's. */
    private static final Map<ExitStatus, String> EXIT_CODES = Map.of(
            ExitStatus.FAILED, "talking to the host failed (e.g. the command timed out)",
            ExitStatus.INVALID_INPUT, "invalid playbook or options: nothing was sent",
            ExitStatus.UNREACHABLE, "the host was unreachable",
            ExitStatus.INTERNAL, "internal error");

    @Spec
    CommandSpec spec;

    @ParentCommand
    RootfleetCli parent;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--cwd", paramLabel = "DIR", description = "The directory in the container to run it in, absolute"
            + " (default: /).")
    String cwd;

    @Parameters(index = "0", paramLabel = "PLAYBOOK")
    Path playbook;

    @Parameters(index = "1", paramLabel = "HOST/CONTAINER")
    String target;

    @Parameters(index = "2..*", arity = "1..*", paramLabel = "CMD", description = "The command (after --).")
    List<String> command;

    @Override
    public Map<ExitStatus, String> exitCodes() {
        return EXIT_CODES;
    }

    @Override
    public Map<String, String> exitCodeLines() {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("CMD", "once the command ran: its own exit code, whatever it is");
        lines.putAll(ExitStatus.helpText(EXIT_CODES));
        return lines;
    }

    @Override
    public Integer call() {
        Playbook book = PlaybookReader.read(playbook);
        int slash = target.indexOf('/');
        if (slash < 0) {
            throw new InvalidInputException(Location.of("HOST/CONTAINER"), "'" + target + "' is not HOST/CONTAINER, e.g. web-a/web-01");
        }
        String hostName = target.substring(0, slash);
        HostSpec host = book.hosts().stream().filter(h -> h.name().equals(hostName)).findFirst()
                .orElseThrow(() -> new InvalidInputException(Location.of("HOST/CONTAINER"), "no host '" + hostName
                        + "' in " + playbook + "; known: " + String.join(", ", book.hosts().stream().map(HostSpec::name).toList())));
        ContainerName container;
        try {
            container = new ContainerName(target.substring(slash + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(Location.of("HOST/CONTAINER"), e.getMessage());
        }
        if (cwd != null) {
            try {
                new AbsolutePath(cwd);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(Location.of("--cwd"), e.getMessage());
            }
        }
        HostConnector connector = new HostConnector(new SshClient(), connection.toConnectOptions());
        List<String> argv = new ArrayList<>(List.of(connector.agentPath(host), "--home", host.agentHome().value(), "exec"));
        if (cwd != null) {
            argv.addAll(List.of("--cwd", cwd)); // only when asked: an agent installed before --cwd existed still runs the rest
        }
        argv.addAll(List.of(container.value(), "--"));
        argv.addAll(command);
        PrintWriter out = spec.commandLine().getOut();
        try (RemoteHost remote = connector.open(host)) {
            CommandResult result = remote.run(argv, parent.stdin, Duration.ofSeconds(connection.timeout), line -> {
                out.println(line);
                out.flush();
            });
            spec.commandLine().getErr().print(result.stderr());
            spec.commandLine().getErr().flush();
            return result.exitCode();
        } catch (RemoteHostException e) {
            spec.commandLine().getErr().println("rootfleet: " + e.getMessage());
            return (HostOutcome.Status.of(e) == HostOutcome.Status.UNREACHABLE ? ExitStatus.UNREACHABLE : ExitStatus.FAILED).code();
        }
    }
}
