package io.rootfleet.agent.cli;

import io.rootfleet.agent.hook.HookInstaller;
import io.rootfleet.agent.hook.HookSettings;
import io.rootfleet.agent.hook.Jitter;
import io.rootfleet.agent.hook.PendingRestart;
import io.rootfleet.agent.hook.ScheduledSettle;
import io.rootfleet.model.ExitStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "status",
        description = "Show which hook files are installed, for which agent home, and the last lines of the hook's log.")
final class HookStatusCommand implements AgentCommand {
    private static final int LOG_LINES = 5;

    @Spec
    CommandSpec spec;

    @ParentCommand
    HookCommand hook;

    @Mixin
    HookFileOptions files;

    @Override
    public ExitStatus run() {
        PrintWriter out = spec.commandLine().getOut();
        HookInstaller installer = new HookInstaller();
        for (HookInstaller.Target target : files.targets()) {
            HookInstaller.Installed found = installer.inspect(target);
            String what = switch (found.found()) {
                case ABSENT -> "not installed";
                case OURS -> "installed, for agent home " + found.home().orElse("?");
                case FOREIGN -> "a file rootfleet-agent did not write";
            };
            out.printf("%-5s %-40s %s%n", target.kind().label(), target.file(), what);
        }
        HookSettings settings = HookSettings.read(hook.home());
        if (!settings.isEmpty()) {
            out.println("settings " + HookSettings.file(hook.home()) + ": "
                    + (settings.window() == null ? "any time" : "window " + settings.window())
                    + (settings.jitter() == null ? "" : ", jitter up to " + settings.jitter() + " (this host: "
                            + Jitter.format(ScheduledSettle.schedule(settings, ScheduledSettle.hostName()).delay()) + ")")
                    + (settings.notifyUrl() == null ? "" : ", notify " + settings.notifyUrl().replaceAll("\\?.*", "?...")));
        }
        PendingRestart.read(hook.home()).ifPresent(p -> out.println("pending restart since " + p.since() + ", not before "
                + p.notBefore() + (p.stale().isEmpty() ? "" : ": " + String.join(", ", p.stale()))));
        Path log = hook.home().hookLog();
        if (Files.isRegularFile(log)) {
            out.println("log " + log + ", last lines:");
            lastLines(log).forEach(line -> out.println("  " + line));
        } else {
            out.println("log " + log + ": none yet");
        }
        out.flush();
        return ExitStatus.OK;
    }

    private static List<String> lastLines(Path log) {
        try (Stream<String> lines = Files.lines(log)) {
            List<String> all = lines.toList();
            return all.subList(Math.max(0, all.size() - LOG_LINES), all.size());
        } catch (IOException | UncheckedIOException e) {
            return List.of("(cannot read it: " + e.getMessage() + ")");
        }
    }

    @Override
    public Map<String, String> exitCodeHelp() {
        return HookCommand.EXIT_CODES;
    }
}
