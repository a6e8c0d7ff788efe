package io.rootfleet.agent.cli;

import io.rootfleet.agent.audit.AuditEntry;
import io.rootfleet.agent.engine.Reporter;
import io.rootfleet.agent.boot.Reconciler;
import io.rootfleet.agent.hook.ScheduledSettle;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.report.AgentEvent;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true,
        name = "reconcile",
        description = "After a reboot, without the controller: mount the shared root and the mask tmpfs again and"
                + " start the autostart containers of the remembered desired state, lowest order first, each order"
                + " healthy before the next starts. Other containers are left as they are. The boot unit"
                + " (rootfleet-agent boot install) runs this.")
final class ReconcileCommand implements AgentCommand, AgentCli.JsonErrors, Audited {
    @Spec
    CommandSpec spec;

    @ParentCommand
    AgentCli parent;

    @Mixin
    ConvergeOptions options;

    private ChangeRecorder recorder;

    @Override
    public ExitStatus run() {
        options.check();
        AgentContext context = AgentContext.forHome(parent.options.home);
        recorder = new ChangeRecorder();
        Reporter reporter = recorder.recording(options.reporter(spec.commandLine().getOut()));
        AgentEvent.Summary summary = new Reconciler(context.engine(), reporter)
                .reconcile(options.parallel, options.lockTimeout());
        ScheduledSettle.startPending(context.home()).ifPresent(spec.commandLine().getErr()::println);
        return summary.failed() == 0 ? ExitStatus.OK : ExitStatus.FAILED;
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
        return ExitCodeHelp.underLock("every autostart container started and healthy, or nothing to start",
                "some container failed to start or is not healthy (the other groups still started)", INVALID_INPUT);
    }
}
