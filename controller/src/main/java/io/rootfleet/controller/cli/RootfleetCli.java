package io.rootfleet.controller.cli;

import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Problem;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rootfleet}: pushes YAML playbooks to the agents of many hosts, in parallel. */
@Command(
        name = "rootfleet",
        mixinStandardHelpOptions = true,
        versionProvider = RootfleetCli.Version.class,
        description = "Declare LXC containers in a YAML playbook and converge every host to it, over SSH, in"
                + " parallel. Each container runs on its host's own read-only root: patch the host, restart, done.",
        subcommands = {ApplyCommand.class, StatusCommand.class, PatchCommand.class, ExecCommand.class, BootstrapCommand.class,
            CommandLine.HelpCommand.class})
public final class RootfleetCli implements ExitCodeHelp {
    @Option(names = "--verbose", description = "Show stack traces of internal errors.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new RootfleetCli());
        cli.setOut(out);
        cli.setErr(err);
        ExitCodeHelp.install(cli);
        cli.setParameterExceptionHandler((e, ignored) -> {
            err.println("rootfleet: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitStatus.INVALID_INPUT.code();
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InvalidInputException invalid) {
                invalid.problems().stream().map(Problem::toString).forEach(err::println);
                err.println(invalid.problems().size() + " problem(s); nothing was sent to any host.");
                return ExitStatus.INVALID_INPUT.code();
            }
            err.println("rootfleet: internal error: " + e);
            if (parseResult.hasMatchedOption("--verbose")) {
                e.printStackTrace(err);
            }
            return ExitStatus.INTERNAL.code();
        });
        return cli.execute(args);
    }

    @Override
    public Map<ExitStatus, String> exitCodes() {
        return FLEET;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = RootfleetCli.class.getPackage().getImplementationVersion();
            return new String[] {"rootfleet " + (version == null ? "(development build)" : version)};
        }
    }
}
