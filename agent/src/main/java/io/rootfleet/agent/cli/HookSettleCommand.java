package io.rootfleet.agent.cli;

import io.rootfleet.agent.hook.AgentProcess;
import io.rootfleet.agent.hook.HookLog;
import io.rootfleet.agent.hook.HookScript;
import io.rootfleet.agent.hook.HookSettler;
import io.rootfleet.agent.hook.RestartFlags;
import io.rootfleet.agent.hook.StaleRestartProcess;
import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.stale.StaleScanner;
import io.rootfleet.agent.state.HostLock;
import io.rootfleet.model.ExitStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "settle", hidden = true,
        description = "The hook's background step, started by 'hook run': wait until apt and dpkg are done, then"
                + " restart the stale containers once. Always exits 0; what it does goes to HOME/hook.log.")
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

    @Override
    public ExitStatus run() {
        AgentHome home = hook.home();
        HookLog log = new HookLog(home.hookLog(), "settle");
        HookFailures.guard(log, spec.commandLine().getErr(), () -> {
            RestartFlags flags = restart.flags();
            HookScript checked = HookScript.of(agent.launcher(), home.dir(), flags);
            HookSettler.StaleCheck scan = () -> {
                AgentContext context = AgentContext.forHome(home.dir());
                try (HostLock lock = HostLock.acquire(home.lockFile(), AGENT_LOCK_WAIT)) {
                    return new StaleScanner(context.engine()).scan(List.of());
                }
            };
            StaleRestartProcess restarter = new StaleRestartProcess(new AgentProcess(checked.agent(), home), flags, log);
            new HookSettler(home, timing.options(), scan, restarter, log).settle();
            MetricsCommand.refreshQuietly(home, spec.commandLine().getErr()); // the hook's run counts, even with nothing stale
        });
        return ExitStatus.OK;
    }

    @Override
    public Map<String, String> exitCodeHelp() {
        return ExitStatus.helpText(Map.of(ExitStatus.OK, "always, whatever happened (see HOME/hook.log)"));
    }
}
