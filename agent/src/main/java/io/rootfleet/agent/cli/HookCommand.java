package io.rootfleet.agent.cli;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.model.ExitStatus;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(mixinStandardHelpOptions = true, name = "hook",
        description = "The apt/dpkg hook: after packages change on this host, restart the containers still running"
                + " replaced files, with the rolling policy, once per burst of package changes. It never makes apt or"
                + " dpkg fail; what it does goes to HOME/hook.log.",
        subcommands = {HookInstallCommand.class, HookUninstallCommand.class, HookStatusCommand.class, HookRunCommand.class,
                HookSettleCommand.class})
final class HookCommand implements ExitCodeHelp {
    /** Of install, uninstall and status; run and settle always exit 0. */
    static final Map<String, String> EXIT_CODES = ExitStatus.helpText(Map.of(ExitStatus.OK, "done",
            ExitStatus.FAILED, "a file there was not written by rootfleet-agent: nothing changed",
            ExitStatus.INVALID_INPUT, "invalid options: nothing changed",
            ExitStatus.INTERNAL, "a file could not be written or removed"));

    @ParentCommand
    AgentCli parent;

    @Override
    public Map<String, String> exitCodeHelp() {
        return EXIT_CODES;
    }

    @Override
    public String exitCodeHeading() {
        return "Exit codes of install, uninstall and status (hook run, what apt and dpkg call, always exits 0):";
    }

    AgentHome home() {
        return new AgentHome(parent.options.home);
    }
}
