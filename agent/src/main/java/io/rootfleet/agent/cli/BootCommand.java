package io.rootfleet.agent.cli;

import io.rootfleet.agent.boot.BootUnit;
import io.rootfleet.agent.boot.BootUnitInstaller;
import io.rootfleet.agent.sys.CommonsExecRunner;
import io.rootfleet.model.AbsolutePath;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "boot",
        description = "The systemd unit " + BootUnit.NAME + " that runs 'rootfleet-agent reconcile' at boot: the"
                + " shared root and mask layers are mounted again and the autostart containers started.",
        subcommands = {BootCommand.Install.class, BootCommand.Uninstall.class})
final class BootCommand implements ExitCodeHelp {
    static final Map<String, String> EXIT_CODES = ExitStatus.helpText(Map.of(ExitStatus.OK, "done",
            ExitStatus.FAILED, "a unit of that name was not written by rootfleet-agent: nothing changed",
            ExitStatus.INVALID_INPUT, "invalid options: nothing changed",
            ExitStatus.INTERNAL, "the unit could not be written, removed, enabled or disabled"));

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
                    + " again to rewrite it; a unit of that name that rootfleet-agent did not write is never replaced.")
    static final class Install implements AgentCommand {
        @Spec
        CommandSpec spec;

        @ParentCommand
        BootCommand boot;

        @Mixin
        LauncherOption agent;

        @Mixin
        RootOption root;

        @Override
        public ExitStatus run() {
            BootUnit unit;
            try {
                unit = new BootUnit(new AbsolutePath(agent.launcher()), new AbsolutePath(boot.parent.options.home.toString()));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(Location.of("--agent/--home"), e.getMessage());
            }
            return report(spec, () -> new BootUnitInstaller(new CommonsExecRunner(), root.root).install(unit));
        }

        @Override
        public Map<String, String> exitCodeHelp() {
            return EXIT_CODES;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "uninstall",
            description = "Disable and remove " + BootUnit.NAME + ", only if rootfleet-agent wrote it. Nothing"
                    + " installed is not an error.")
    static final class Uninstall implements AgentCommand {
        @Spec
        CommandSpec spec;

        @Mixin
        RootOption root;

        @Override
        public ExitStatus run() {
            BootUnitInstaller installer = new BootUnitInstaller(new CommonsExecRunner(), root.root);
            return report(spec, () -> {
                List<String> done = installer.uninstall();
                return done.isEmpty() ? List.of("no boot unit installed (" + installer.unitFile() + ")") : done;
            });
        }

        @Override
        public Map<String, String> exitCodeHelp() {
            return EXIT_CODES;
        }
    }

    @Override
    public Map<String, String> exitCodeHelp() {
        return EXIT_CODES;
    }

    interface Step {
        List<String> run();
    }

    static ExitStatus report(CommandSpec spec, Step step) {
        PrintWriter out = spec.commandLine().getOut();
        try {
            step.run().forEach(out::println);
            out.flush();
            return ExitStatus.OK;
        } catch (BootUnitInstaller.ForeignUnitException e) {
            spec.commandLine().getErr().println("rootfleet-agent: " + e.getMessage());
            return ExitStatus.FAILED;
        }
    }
}
