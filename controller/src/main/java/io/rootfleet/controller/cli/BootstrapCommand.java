package io.rootfleet.controller.cli;

import io.rootfleet.controller.playbook.Playbook;
import io.rootfleet.controller.push.AgentInstaller;
import io.rootfleet.controller.push.FleetRunner;
import io.rootfleet.controller.push.HostConnector;
import io.rootfleet.controller.push.HostOutcome;
import io.rootfleet.controller.report.FleetReport;
import io.rootfleet.controller.ssh.SshClient;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "bootstrap", description = "Install or update the agent on each host (SFTP, SHA-256 checked), after"
        + " checking what the host lacks: root login, Java 17, LXC, overlayfs. Where systemd is, it also installs the"
        + " agent's boot unit (rootfleet-agent reconcile at every boot).")
final class BootstrapCommand implements FleetCommand {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    PlaybookOptions playbook;

    @Option(names = "--agent-jar", paramLabel = "FILE", description = "The agent to install (default: the one built in"
            + " this checkout, agent/target/rootfleet-agent.jar).")
    Path agentJar;

    @Option(names = "--apt-hook", description = "Also install the agent's apt/dpkg hook, which restarts the stale"
            + " containers (rolling, with their health checks) after packages change on the host.")
    boolean aptHook;

    @Option(names = "--tune", description = "Also raise the host's kernel limits to production values for many"
            + " containers (rootfleet-agent tune: inotify, pid_max, key quotas...), written into"
            + " /etc/sysctl.d/60-rootfleet.conf and set now.")
    boolean tune;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public ExitStatus run() {
        Playbook book = playbook.read();
        Path jar = agentJar != null ? agentJar
                : Path.of(System.getProperty("rootfleet.checkout", "."), "agent", "target", "rootfleet-agent.jar");
        if (!Files.isRegularFile(jar)) {
            throw new InvalidInputException(Location.of("--agent-jar"), jar + " does not exist; build it (mvn package)"
                    + " or name the agent jar with --agent-jar");
        }
        AgentInstaller installer = new AgentInstaller(new HostConnector(new SshClient(), connection.toConnectOptions()), jar, aptHook,
                tune);
        List<HostOutcome> outcomes = new FleetRunner(connection.forks).run(book.hosts(), installer::install);
        ExitStatus exitCode = ExitCodeOf.outcomes(outcomes);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new FleetReport(outcomes, false, exitCode).toJson());
        } else {
            for (HostOutcome o : outcomes) {
                out.printf("%-20s %-11s %s%n", o.host(), o.status(), o.error().orElse(""));
            }
        }
        out.flush();
        return exitCode;
    }
}
