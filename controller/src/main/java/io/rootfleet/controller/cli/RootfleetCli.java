package io.rootfleet.controller.cli;

import io.rootfleet.controller.ssh.NativeCrypto;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Problem;
import java.io.InputStream;
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
        subcommands = {ApplyCommand.class, StatusCommand.class, PatchCommand.class, ExecCommand.class, BootstrapCommand.class, TeardownCommand.class,
            CommandLine.HelpCommand.class})
public final class RootfleetCli implements ExitCodeHelp {
    @Option(names = "--verbose", description = "Show stack traces of internal errors.")
    boolean verbose;

    /** What {@code exec} passes to the command in the container. */
    final InputStream stdin;

    private RootfleetCli(InputStream stdin) {
        this.stdin = stdin;
    }

    /** For picocli's tools (completion, man pages): a CLI without input. */
    private RootfleetCli() {
        this(InputStream.nullInputStream());
    }

    public static void main(String[] args) {
        // native Ed25519 and friends for the SSH connections, or Java's own where it cannot load; connections wait for it
        NativeCrypto.installInBackground();
        System.exit(run(args, System.in, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI in-process with no standard input; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, InputStream.nullInputStream(), out, err);
    }

    public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new RootfleetCli(in));
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
