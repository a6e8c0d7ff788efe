package io.rootfleet.agent.cli;

import io.rootfleet.agent.hook.AgentProcess;
import io.rootfleet.agent.hook.HookLog;
import io.rootfleet.agent.hook.HookRunner;
import io.rootfleet.agent.hook.HookScript;
import io.rootfleet.agent.hook.RestartFlags;
import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.model.ExitStatus;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

@Command(mixinStandardHelpOptions = true, name = "run",
        description = "What apt and dpkg call after changing packages: start a background 'hook settle' that waits for"
                + " them to finish and then restarts the stale containers, and return at once. Always exits 0;"
                + " problems go to HOME/hook.log.")
final class HookRunCommand implements AgentCommand {
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

    /** A newer hook line run by an older agent must still not fail apt: unknown arguments are logged, not refused. */
    @Unmatched
    List<String> unknown;

    @Override
    public ExitStatus run() {
        AgentHome home = hook.home();
        HookLog log = new HookLog(home.hookLog(), "run");
        HookFailures.guard(log, spec.commandLine().getErr(), () -> {
            if (unknown != null && !unknown.isEmpty()) {
                log.line("ignoring arguments this agent does not know: " + String.join(" ", unknown));
            }
            RestartFlags flags = restart.flags();
            HookScript checked = HookScript.of(agent.launcher(), home.dir(), flags);
            new HookRunner(home, new AgentProcess(checked.agent(), home), log).run(flags, timing.options());
        });
        return ExitStatus.OK;
    }

    @Override
    public Map<String, String> exitCodeHelp() {
        return ExitStatus.helpText(Map.of(ExitStatus.OK, "always, whatever happened (see HOME/hook.log): apt and dpkg must never fail because of the hook"));
    }
}
