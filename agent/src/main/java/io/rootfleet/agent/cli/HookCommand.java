package io.rootfleet.agent.cli;

import io.rootfleet.agent.host.AgentHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(mixinStandardHelpOptions = true, name = "hook",
        description = "The apt/dpkg hook: after packages change on this host, restart the containers still running"
                + " replaced files, with the rolling policy, once per burst of package changes. It never makes apt or"
                + " dpkg fail; what it does goes to HOME/hook.log.",
        subcommands = {HookInstallCommand.class, HookUninstallCommand.class, HookStatusCommand.class, HookRunCommand.class,
                HookSettleCommand.class},
        footer = HookCommand.HELP)
final class HookCommand {
    static final String HELP = "%nExit codes of install, uninstall and status:%n"
            + "  0  done%n"
            + "  1  a file there was not written by rootfleet-agent: nothing changed%n"
            + "  2  invalid options: nothing changed%n"
            + "  4  a file could not be written or removed%n"
            + "hook run (what apt and dpkg call) always exits 0.%n";

    @ParentCommand
    AgentCli parent;

    AgentHome home() {
        return new AgentHome(parent.options.home);
    }
}
