package io.rootfleet.agent.cli;

import io.rootfleet.agent.boot.BootUnit;
import io.rootfleet.agent.boot.BootUnitInstaller;
import io.rootfleet.agent.sys.CommonsExecRunner;
import io.rootfleet.model.AbsolutePath;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "boot",
        description = "The systemd unit " + BootUnit.NAME + " that runs 'rootfleet-agent reconcile' at boot: the"
                + " shared root and mask layers are mounted again and the autostart containers started.",
        subcommands = {BootCommand.Install.class, BootCommand.Uninstall.class},
        footer = BootCommand.HELP)
final class BootCommand {
    static final String HELP = "%nExit codes:%n"
            + "  0  done%n"
            + "  1  a unit of that name was not written by rootfleet-agent: nothing changed%n"
            + "  2  invalid options: nothing changed%n"
            + "  4  the unit could not be written, removed, enabled or disabled%n";

    @ParentCommand
    AgentCli parent;

    /** The root below which etc/systemd/system is (systemctl's --root). */
    static final class RootOption {
        @Option(names = "--root", paramLabel = "DIR", description = "Work below DIR instead of / (default: /),"
                + " as systemctl --root does.")
        Path root = Path.of("/");
    }

    @Command(mixinStandardHelpOptions = true, name = "install",
            description = "Write /etc/systemd/system/" + BootUnit.NAME + " for this agent home and enable it. Run it"
                    + " again to rewrite it; a unit of that name that rootfleet-agent did not write is never replaced.",
            footer = BootCommand.HELP)
    static final class Install implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ParentCommand
        BootCommand boot;

        @Mixin
        LauncherOption agent;

        @Mixin
        RootOption root;

        @Override
        public Integer call() {
            BootUnit unit;
            try {
                unit = new BootUnit(new AbsolutePath(agent.launcher()), new AbsolutePath(boot.parent.options.home.toString()));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(Location.of("--agent/--home"), e.getMessage());
            }
            return report(spec, () -> new BootUnitInstaller(new CommonsExecRunner(), root.root).install(unit));
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "uninstall",
            description = "Disable and remove " + BootUnit.NAME + ", only if rootfleet-agent wrote it. Nothing"
                    + " installed is not an error.",
            footer = BootCommand.HELP)
    static final class Uninstall implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        RootOption root;

        @Override
        public Integer call() {
            BootUnitInstaller installer = new BootUnitInstaller(new CommonsExecRunner(), root.root);
            return report(spec, () -> {
                List<String> done = installer.uninstall();
                return done.isEmpty() ? List.of("no boot unit installed (" + installer.unitFile() + ")") : done;
            });
        }
    }

    interface Step {
        List<String> run();
    }

    static int report(CommandSpec spec, Step step) {
        PrintWriter out = spec.commandLine().getOut();
        try {
            step.run().forEach(out::println);
            out.flush();
            return ExitCodes.OK;
        } catch (BootUnitInstaller.ForeignUnitException e) {
            spec.commandLine().getErr().println("rootfleet-agent: " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }
}
