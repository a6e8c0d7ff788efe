package io.rootfleet.agent.cli;

import io.rootfleet.agent.hook.AgentProcess;
import io.rootfleet.agent.hook.HookLog;
import io.rootfleet.agent.hook.HookScript;
import io.rootfleet.agent.hook.HookSettings;
import io.rootfleet.agent.hook.HookTimer;
import io.rootfleet.agent.hook.PendingRestart;
import io.rootfleet.agent.hook.ScheduledSettle;
import io.rootfleet.agent.hook.WindowedRestarter;
import io.rootfleet.agent.hook.RestartFlags;
import io.rootfleet.agent.hook.StaleRestartProcess;
import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.stale.StaleScanner;
import io.rootfleet.agent.state.HostLock;
import io.rootfleet.agent.sys.CommonsExecRunner;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.notify.Notifier;
import io.rootfleet.model.report.StaleReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "settle", hidden = true,
        description = "The hook's background step, started by 'hook run': wait until apt and dpkg are done, then"
                + " restart the stale containers once, inside the hook's window (after this host's jitter), notifying"
                + " the hook's webhook. Always exits 0; what it does goes to HOME/hook.log.")
final class HookSettleCommand implements AgentCommand {
    /** How long the scan waits for an apply (or a manual restart) holding the agent lock. */
    private static final Duration AGENT_LOCK_WAIT = Duration.ofMinutes(10);

    @Spec
    CommandSpec spec;

    @ParentCommand
    HookCommand hook;

    @Mixin
    LauncherOption agent;

    @Mixin
    HookRestartOptions restart;

    @Mixin
    HookSettleTimingOptions timing;

    @Option(names = "--pending", description = "Only when a restart is pending (HOME/hook-pending.json): settle it now"
            + " if the window is open, else defer it again; nothing otherwise. What the window's timer and reconcile run.")
    boolean pendingOnly;

    @Override
    public ExitStatus run() {
        AgentHome home = hook.home();
        HookLog log = new HookLog(home.hookLog(), "settle");
        HookFailures.guard(log, spec.commandLine().getErr(), () -> {
            RestartFlags flags = restart.flags();
            HookScript checked = HookScript.of(agent.launcher(), home.dir(), flags);
            if (pendingOnly && PendingRestart.read(home).isEmpty()) {
                return;
            }
            Supplier<StaleReport> scan = () -> {
                AgentContext context = AgentContext.forHome(home.dir());
                try (HostLock lock = HostLock.acquire(home.lockFile(), AGENT_LOCK_WAIT)) {
                    return new StaleScanner(context.engine()).scan(List.of());
                }
            };
            StaleRestartProcess restarter = new StaleRestartProcess(new AgentProcess(checked.agent(), home), flags, log);
            HookSettings settings = HookSettings.read(home);
            String host = ScheduledSettle.hostName();
            Clock clock = Clock.systemDefaultZone();
            Notifier notifier = settings.notifyUrl() == null ? Notifier.none()
                    : Notifier.to(Notifier.parseUrl(settings.notifyUrl()), log::line);
            try {
                // without the window's systemd timer, the deferring settle waits for the window itself
                boolean waitForWindow = !new HookTimer(new CommonsExecRunner(), Path.of("/"), home).installed();
                new ScheduledSettle(home, timing.options(), ScheduledSettle.schedule(settings, host), host, clock,
                        WindowedRestarter.Sleeper.real(clock), notifier, log, scan, restarter).run(waitForWindow);
            } finally {
                notifier.close();
            }
            MetricsCommand.refreshQuietly(home, spec.commandLine().getErr()); // the hook's run counts, even with nothing stale
        });
        return ExitStatus.OK;
    }

    @Override
    public Map<String, String> exitCodeHelp() {
        return ExitStatus.helpText(Map.of(ExitStatus.OK, "always, whatever happened (see HOME/hook.log)"));
    }
}
