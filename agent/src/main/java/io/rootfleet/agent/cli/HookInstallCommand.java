package io.rootfleet.agent.cli;

import io.rootfleet.agent.hook.HookInstaller;
import io.rootfleet.agent.hook.HookScript;
import io.rootfleet.agent.hook.HookSettings;
import io.rootfleet.agent.hook.HookTimer;
import io.rootfleet.agent.hook.Jitter;
import io.rootfleet.agent.hook.RestartFlags;
import io.rootfleet.agent.hook.RestartSchedule;
import io.rootfleet.agent.hook.ScheduledSettle;
import io.rootfleet.agent.sys.CommonsExecRunner;
import io.rootfleet.model.ExitStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "install",
        description = {"Write the hook's files, 50rootfleet in apt's and dpkg's configuration directories (apt's"
                + " DPkg::Post-Invoke and dpkg's post-invoke), so that after packages change the stale containers are"
                + " restarted. Run it again to change the options; a file there that rootfleet-agent did not write is"
                + " never overwritten.",
            "--window, --jitter and --notify are kept in HOME/hook-settings.json. A restart deferred to the window is"
                    + " recorded in HOME/hook-pending.json and run when the window opens: by a systemd timer the agent"
                    + " writes where systemd is the init, else by the deferring settle, which waits for it; also by"
                    + " any later package change and by reconcile."})
final class HookInstallCommand implements AgentCommand {
    @Spec
    CommandSpec spec;

    @ParentCommand
    HookCommand hook;

    @Mixin
    LauncherOption agent;

    @Mixin
    HookFileOptions files;

    @Mixin
    HookRestartOptions restart;

    @Mixin
    HookScheduleOptions schedule;

    @Override
    public ExitStatus run() {
        RestartFlags flags = restart.flags();
        HookScript script = HookScript.of(agent.launcher(), hook.home().dir(), flags);
        HookSettings settings = schedule.settings();
        PrintWriter out = spec.commandLine().getOut();
        try {
            for (Path written : new HookInstaller().install(script, files.targets())) {
                out.println("wrote " + written);
            }
        } catch (HookInstaller.ForeignFileException e) {
            spec.commandLine().getErr().println("rootfleet-agent: " + e.getMessage());
            return ExitStatus.FAILED;
        }
        settings.write(hook.home()).ifPresent(file -> out.println("wrote " + file));
        HookTimer timer = new HookTimer(new CommonsExecRunner(),
                schedule.systemdRoot == null ? Path.of("/") : schedule.systemdRoot, hook.home());
        RestartSchedule when = ScheduledSettle.schedule(settings, ScheduledSettle.hostName());
        if (when.window().isPresent() && (schedule.systemdRoot != null || HookTimer.systemdRuns())) {
            timer.install(script.agent(), when.window().get(), when.delay()).forEach(out::println);
        } else {
            timer.uninstall().forEach(out::println);
        }
        out.println("After packages change, " + script.agent() + " restarts the stale containers of " + script.home()
                + (flags.argv().isEmpty() ? "" : " (" + String.join(" ", flags.argv()) + ")")
                + when.window().map(w -> " inside the window " + w + " (host local time)").orElse("")
                + (when.delay().isZero() ? "" : ", " + Jitter.format(when.delay()) + " after " + (when.window().isPresent()
                        ? "it opens" : "they change") + " on this host (--jitter " + settings.jitter() + ")")
                + (settings.notifyUrl() == null ? "" : ", notifying " + settings.notifyUrl().replaceAll("\\?.*", "?..."))
                + "; log: " + script.log());
        out.flush();
        return ExitStatus.OK;
    }

    @Override
    public Map<String, String> exitCodeHelp() {
        return HookCommand.EXIT_CODES;
    }
}
