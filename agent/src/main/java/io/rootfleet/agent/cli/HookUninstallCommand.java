package io.rootfleet.agent.cli;

import io.rootfleet.agent.hook.HookInstaller;
import io.rootfleet.agent.hook.HookSettings;
import io.rootfleet.agent.hook.HookTimer;
import io.rootfleet.agent.hook.PendingRestart;
import io.rootfleet.agent.sys.CommonsExecRunner;
import io.rootfleet.model.ExitStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "uninstall",
        description = "Remove the hook's files, only those rootfleet-agent wrote (they start with its marker line)."
                + " Nothing installed is not an error. The log stays.")
final class HookUninstallCommand implements AgentCommand {
    @Spec
    CommandSpec spec;

    @ParentCommand
    HookCommand hook;

    @Mixin
    HookFileOptions files;

    @Option(names = "--systemd-root", paramLabel = "DIR", hidden = true, description = "Where the window's timer was"
            + " written (default: /); for tests.")
    Path systemdRoot = Path.of("/");

    @Override
    public ExitStatus run() {
        PrintWriter out = spec.commandLine().getOut();
        List<HookInstaller.Target> targets = files.targets();
        List<Path> removed;
        try {
            removed = new HookInstaller().uninstall(targets);
        } catch (HookInstaller.ForeignFileException e) {
            spec.commandLine().getErr().println("rootfleet-agent: " + e.getMessage());
            return ExitStatus.FAILED;
        }
        if (removed.isEmpty()) {
            out.println("no hook installed (" + String.join(", ", targets.stream().map(t -> t.file().toString()).toList()) + ")");
        }
        removed.forEach(file -> out.println("removed " + file));
        if (HookSettings.remove(hook.home())) {
            out.println("removed " + HookSettings.file(hook.home()));
        }
        if (PendingRestart.read(hook.home()).isPresent()) {
            PendingRestart.clear(hook.home());
            out.println("removed " + PendingRestart.file(hook.home()) + " (a restart deferred to the window; not done)");
        }
        new HookTimer(new CommonsExecRunner(), systemdRoot, hook.home()).uninstall().forEach(out::println);
        out.flush();
        return ExitStatus.OK;
    }

    @Override
    public Map<String, String> exitCodeHelp() {
        return HookCommand.EXIT_CODES;
    }
}
