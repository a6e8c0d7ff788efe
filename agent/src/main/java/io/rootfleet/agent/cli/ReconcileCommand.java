package io.rootfleet.agent.cli;

import io.rootfleet.agent.apply.Reporter;
import io.rootfleet.agent.boot.Reconciler;
import io.rootfleet.agent.report.HumanReporter;
import io.rootfleet.agent.report.JsonReporter;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true,
        name = "reconcile",
        description = "After a reboot, without the controller: mount the shared root and the mask tmpfs again and"
                + " start the autostart containers of the remembered desired state, lowest order first, each order"
                + " healthy before the next starts. Other containers are left as they are. The boot unit"
                + " (rootfleet-agent boot install) runs this.",
        footer = ExitCodes.HELP)
final class ReconcileCommand implements Callable<Integer>, AgentCli.JsonErrors {
    @Spec
    CommandSpec spec;

    @ParentCommand
    AgentCli parent;

    @Option(names = "--json", description = "Write newline-delimited JSON events instead of text.")
    boolean json;

    @Option(names = "--parallel", paramLabel = "N", description = "Containers started at once (default: ${DEFAULT-VALUE}).")
    int parallel = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", description = "How long to wait for another agent run"
            + " to finish (default: ${DEFAULT-VALUE}).")
    int lockTimeoutSeconds = 300;

    @Override
    public Integer call() {
        if (parallel < 1) {
            throw new InvalidInputException(Location.of("--parallel"), "--parallel must be at least 1");
        }
        AgentContext context = AgentContext.forHome(parent.options.home);
        Reporter reporter = json ? new JsonReporter(spec.commandLine().getOut()) : new HumanReporter(spec.commandLine().getOut());
        AgentEvent.Summary summary = new Reconciler(context.home(), context.lxc(), context.kernel(), context.facts(), reporter)
                .reconcile(parallel, Duration.ofSeconds(lockTimeoutSeconds));
        return summary.failed() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    @Override
    public boolean jsonOutput() {
        return json;
    }

    @Override
    public void reportError(String message, int exitCode) {
        new JsonReporter(spec.commandLine().getOut()).emit(AgentEvent.error(message, exitCode));
    }
}
