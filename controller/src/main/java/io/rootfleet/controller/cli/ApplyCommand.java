package io.rootfleet.controller.cli;

import io.rootfleet.controller.playbook.Playbook;
import io.rootfleet.controller.push.AgentRun;
import io.rootfleet.controller.push.FleetRunner;
import io.rootfleet.controller.push.HostConnector;
import io.rootfleet.controller.push.HostOutcome;
import io.rootfleet.controller.report.FleetReport;
import io.rootfleet.controller.report.ProgressPrinter;
import io.rootfleet.controller.ssh.SshClient;
import io.rootfleet.model.BatchSize;
import io.rootfleet.model.ExitStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "apply", description = "Push each host's desired state to its agent and converge it, all hosts in"
        + " parallel. Shows each host's progress and result. On each host, running containers a change restarts go"
        + " batch by batch with health gates (--batch, --max-fail).")
final class ApplyCommand implements FleetCommand {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    PlaybookOptions playbook;

    @Option(names = "--check", description = "Show each host's plan (create, start, stop, update, destroy) and change nothing.")
    boolean check;

    @Option(names = "--prune", description = "Destroy containers an agent manages that the playbook no longer lists"
            + " (their data too). Without it they are only reported.")
    boolean prune;

    @Option(names = "--json", description = "Print the result as one JSON document (progress goes to stderr).")
    boolean json;

    @Option(names = "--batch", paramLabel = "N|P%", description = "On each host, running containers a change restarts"
            + " that are restarted at once, each batch healthy before the next (the agent's apply --batch; default: the"
            + " agent's, 25%%). New and stopped containers start in parallel.")
    String batch;

    @Option(names = "--max-fail", paramLabel = "N|P%", description = "On each host, start no further batch of restarts"
            + " once N (or P%% of them) failed; the rest are not touched (the agent's apply --max-fail; default: the"
            + " agent's, 1).")
    String maxFail;

    @Override
    public ExitStatus run() {
        Optional<String> containerBatch = Optional.ofNullable(batch).map(b -> BatchSize.parse(b, "--batch", "containers").toString());
        Optional<String> failureLimit = Optional.ofNullable(maxFail)
                .map(n -> BatchSize.parse(n, "--max-fail", "failed containers").toString());
        Playbook selected = playbook.read();
        HostConnector connector = new HostConnector(new SshClient(), connection.toConnectOptions());
        AgentRun agent = new AgentRun(connector, Duration.ofSeconds(connection.timeout), containerBatch, failureLimit);
        ProgressPrinter progress = new ProgressPrinter(json ? spec.commandLine().getErr() : spec.commandLine().getOut(),
                !json && ProgressPrinter.onTerminal());
        List<HostOutcome> outcomes = new FleetRunner(connection.forks).run(selected.hosts(), host -> {
            progress.started(host.name());
            HostOutcome outcome = agent.apply(host, selected.desiredFor(host), check, prune, event -> progress.event(host.name(), event));
            progress.finished(outcome);
            return outcome;
        });
        ExitStatus exitCode = ExitCodeOf.outcomes(outcomes);
        FleetReport report = new FleetReport(outcomes, check, exitCode);
        if (json) {
            spec.commandLine().getOut().println(report.toJson());
        } else {
            report.print(spec.commandLine().getOut());
        }
        spec.commandLine().getOut().flush();
        return exitCode;
    }
}
