package io.rootfleet.agent.cli;

import io.rootfleet.agent.apply.Converger;
import io.rootfleet.agent.audit.AuditEntry;
import io.rootfleet.agent.engine.Reporter;
import io.rootfleet.model.BatchSize;
import io.rootfleet.model.DesiredState;
import io.rootfleet.agent.lxc.PrivilegePolicy;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.report.AgentEvent;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, 
        name = "apply",
        description = "Converge this host to a desired state (YAML or JSON, apiVersion rootfleet/v1). Idempotent: a"
                + " second apply of the same state changes nothing. New, stopped, stopping and destroyed containers"
                + " are worked on in parallel; running containers a change restarts (files, env, limits, stop policy,"
                + " config) are restarted batch by batch as `restart` does: lower `order` first, each batch healthy"
                + " before the next, and once the failures among them reach --max-fail no further batch starts (the"
                + " rest are reported as not touched and keep running as they were).")
final class ApplyCommand implements AgentCommand, AgentCli.JsonErrors, Audited {
    @Spec
    CommandSpec spec;

    @ParentCommand
    AgentCli parent;

    @Parameters(paramLabel = "FILE|-", description = "The desired state; '-' reads it from standard input.")
    String file;

    @Option(names = "--check", description = "Show the plan and change nothing.")
    boolean check;

    @Option(names = "--prune", description = "Destroy managed containers (and their data) that the desired state"
            + " does not list. Without it they are reported and left alone.")
    boolean prune;

    @Option(names = "--batch", paramLabel = "N|P%", converter = RestartCommand.BatchSizeConverter.class,
            description = "Running containers restarted at once by a change: a count, or a share of those to restart,"
                    + " rounded down, at least 1 (default: ${DEFAULT-VALUE}, as restart).")
    BatchSize batch = BatchSize.parse("25%");

    @Option(names = "--max-fail", paramLabel = "N|P%", converter = RestartCommand.BatchSizeConverter.class,
            description = "Start no further batch once N (or P%% of the running containers to restart, at least 1)"
                    + " of them failed (default: ${DEFAULT-VALUE}: the first failure stops the rollout).")
    BatchSize maxFail = BatchSize.parse("1");

    @Mixin
    ConvergeOptions options;

    /** What this apply changed, once it began changing (not with --check). */
    private ChangeRecorder recorder;

    @Override
    public ExitStatus run() throws IOException {
        options.check();
        DesiredState desired = DesiredInput.read(file);
        AgentContext context = AgentContext.forHome(parent.options.home);
        PrivilegePolicy.check(desired, context.engine().facts(), DesiredInput.source(file));
        Reporter reporter = options.reporter(spec.commandLine().getOut());
        if (!check) {
            recorder = new ChangeRecorder();
            reporter = recorder.recording(reporter);
        }
        AgentEvent.Summary summary = new Converger(context.engine(), reporter)
                .apply(desired, new Converger.Options(check, prune, options.parallel, options.lockTimeout(), batch, maxFail));
        return summary.failed() == 0 && summary.notTouched().isEmpty() ? ExitStatus.OK : ExitStatus.FAILED;
    }

    @Override
    public Optional<AuditEntry.Changes> auditChanges() {
        return Optional.ofNullable(recorder).map(ChangeRecorder::changes);
    }

    @Override
    public boolean jsonOutput() {
        return options.json;
    }

    @Override
    public Map<String, String> exitCodeHelp() {
        return ExitCodeHelp.underLock("ok", "some container failed (the others were converged), or the rolling restart"
                + " stopped at --max-fail", INVALID_INPUT);
    }
}
