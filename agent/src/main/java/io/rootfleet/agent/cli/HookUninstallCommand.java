package io.rootfleet.agent.cli;

import io.rootfleet.agent.hook.HookInstaller;
import io.rootfleet.model.ExitStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
        out.flush();
        return ExitStatus.OK;
    }

    @Override
    public Map<String, String> exitCodeHelp() {
        return HookCommand.EXIT_CODES;
    }
}
