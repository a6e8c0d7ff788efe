package io.rootfleet.controller.cli;

import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.playbook.Playbook;
import io.rootfleet.controller.push.AgentTeardown;
import io.rootfleet.controller.push.FleetRunner;
import io.rootfleet.controller.push.HostConnector;
import io.rootfleet.controller.push.HostOutcome;
import io.rootfleet.controller.ssh.SshClient;
import io.rootfleet.model.ExitStatus;
import java.io.Console;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "teardown", description = "Take away all rootfleet set up on each host"
        + " of the playbook, all hosts in parallel: every container of the host's agent home and its data, the shared"
        + " root and mask mounts, the agent's hook and boot unit for that home (rootfleet-agent teardown). Asks first"
        + " on a terminal; elsewhere it needs --yes.",
        footer = "%nExample: rootfleet teardown playbooks/quickstart.yml --yes%n")
final class TeardownCommand implements FleetCommand {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    PlaybookOptions playbook;

    @Option(names = "--yes", description = "Do not ask: destroy the containers and their data.")
    boolean yes;

    @Option(names = "--purge", description = "Delete each agent home too, once nothing is mounted under it.")
    boolean purge;

    @Override
    public Map<ExitStatus, String> exitCodes() {
        return Map.of(
                ExitStatus.OK, "torn down on every host",
                ExitStatus.FAILED, "some host failed (takes precedence over 3), or not confirmed: nothing was sent",
                ExitStatus.INVALID_INPUT, "invalid playbook or options, or no terminal to ask on and no --yes: nothing was sent",
                ExitStatus.UNREACHABLE, "some host was unreachable (the others were done)",
                ExitStatus.INTERNAL, "internal error");
    }

    @Override
    public ExitStatus run() {
        Playbook book = playbook.read();
        List<String> hosts = book.hosts().stream().map(HostSpec::name).toList();
        PrintWriter err = spec.commandLine().getErr();
        if (!yes) {
            Console console = System.console();
            if (console == null) {
                err.println("rootfleet: teardown destroys every container of " + hosts.size() + " host(s) with its data;"
                        + " there is no terminal to ask on, so add --yes to go on. Nothing was sent to any host.");
                return ExitStatus.INVALID_INPUT;
            }
            String answer = console.readLine("This kills and deletes every container, with its data, of the agent homes"
                    + " of %d host(s) (%s), and unmounts their layers%s. Go on? [y/N] ", hosts.size(), String.join(", ", hosts),
                    purge ? ", then deletes the homes" : "");
            if (answer == null || !answer.strip().toLowerCase().matches("y|yes")) {
                err.println("rootfleet: not confirmed; nothing was sent to any host");
                return ExitStatus.FAILED;
            }
        }
        AgentTeardown teardown = new AgentTeardown(new HostConnector(new SshClient(), connection.toConnectOptions()), purge,
                Duration.ofSeconds(connection.timeout));
        List<HostOutcome> outcomes = new FleetRunner(connection.forks).run(book.hosts(), teardown::tearDown);
        PrintWriter out = spec.commandLine().getOut();
        for (HostOutcome o : outcomes) {
            out.printf("%-20s %-11s %s%n", o.host(), o.status(), o.error().orElse(""));
        }
        out.flush();
        return ExitCodeOf.outcomes(outcomes);
    }
}
