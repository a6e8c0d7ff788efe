package io.rootfleet.agent.cli;

import io.rootfleet.agent.hook.HookInstaller;
import io.rootfleet.agent.hook.HookScript;
import io.rootfleet.agent.hook.RestartFlags;
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
        description = "Write the hook's files, 50rootfleet in apt's and dpkg's configuration directories (apt's"
                + " DPkg::Post-Invoke and dpkg's post-invoke), so that after packages change the stale containers are"
                + " restarted. Run it again to change the options; a file there that rootfleet-agent did not write is"
                + " never overwritten.")
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

    @Override
    public ExitStatus run() {
        RestartFlags flags = restart.flags();
        HookScript script = HookScript.of(agent.launcher(), hook.home().dir(), flags);
        PrintWriter out = spec.commandLine().getOut();
        try {
            for (Path written : new HookInstaller().install(script, files.targets())) {
                out.println("wrote " + written);
            }
        } catch (HookInstaller.ForeignFileException e) {
            spec.commandLine().getErr().println("rootfleet-agent: " + e.getMessage());
            return ExitStatus.FAILED;
        }
        out.println("After packages change, " + script.agent() + " restarts the stale containers of " + script.home()
                + (flags.argv().isEmpty() ? "" : " (" + String.join(" ", flags.argv()) + ")") + "; log: " + script.log());
        out.flush();
        return ExitStatus.OK;
    }

    @Override
    public Map<String, String> exitCodeHelp() {
        return HookCommand.EXIT_CODES;
    }
}
