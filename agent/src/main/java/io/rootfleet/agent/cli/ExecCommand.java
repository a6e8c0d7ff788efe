package io.rootfleet.agent.cli;

import io.rootfleet.agent.lxc.LxcStatus;
import io.rootfleet.agent.state.StateStore;
import io.rootfleet.model.AbsolutePath;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "exec", description = "Run a command inside a running container, with the container's environment"
        + " (none of this shell's), in the container's / (or --cwd), with this command's standard input, and pass"
        + " its exit code through.",
        footer = "%nExample: rootfleet-agent exec web-01 -- cat /etc/hostname%n")
final class ExecCommand implements Callable<Integer>, ExitCodeHelp {
    @Spec
    CommandSpec spec;

    @ParentCommand
    AgentCli parent;

    @Option(names = "--cwd", paramLabel = "DIR", description = "The directory in the container to run it in, absolute"
            + " (default: ${DEFAULT-VALUE}).")
    String cwd = "/";

    @Parameters(index = "0", paramLabel = "NAME", description = "The container.")
    String name;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CMD", description = "The command and its arguments"
            + " (put -- before it).")
    List<String> command;

    @Override
    public Integer call() {
        ContainerName container;
        try {
            container = new ContainerName(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(Location.of("NAME"), e.getMessage());
        }
        AbsolutePath dir;
        try {
            dir = new AbsolutePath(cwd);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(Location.of("--cwd"), e.getMessage());
        }
        AgentContext context = AgentContext.forHome(parent.options.home);
        LxcStatus state = context.lxc().list().get(container);
        if (state == null) {
            spec.commandLine().getErr().println("rootfleet-agent: no container '" + container + "' in " + context.home().dir());
            return ExitStatus.FAILED.code();
        }
        if (!state.running()) {
            spec.commandLine().getErr().println("rootfleet-agent: container '" + container + "' is " + state.state().name()
                    .toLowerCase() + "; start it (state: started) and apply");
            return ExitStatus.FAILED.code();
        }
        Map<String, String> env = new StateStore(context.home()).readApplied(container)
                .<Map<String, String>>map(ContainerSpec::env).orElse(Map.of());
        spec.commandLine().getOut().flush();
        return context.lxc().attach(container, env, inDirectory(dir, command));
    }

    /**
     * lxc-attach runs a command in the caller's working directory when the container has that path too (the
     * host's own root is the container's lowest layer, so it mostly does); env -C makes it the one asked for.
     */
    static List<String> inDirectory(AbsolutePath dir, List<String> command) {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/env", "-C", dir.value(), "--"));
        argv.addAll(command);
        return argv;
    }

    @Override
    public Map<String, String> exitCodeHelp() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("CMD", "once the command ran: its own exit code, whatever it is");
        codes.putAll(ExitStatus.helpText(Map.of(
                ExitStatus.FAILED, "no container of that name, or it is not running: the command did not run",
                ExitStatus.INVALID_INPUT, INVALID_INPUT,
                ExitStatus.INTERNAL, HOST_PROBLEM)));
        return codes;
    }
}
