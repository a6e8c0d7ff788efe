package io.rootfleet.agent.cli;

import io.rootfleet.agent.report.JsonReporter;
import io.rootfleet.agent.state.HostLock;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Problem;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code rootfleet-agent}: converges this host's LXC containers to a desired state. */
@Command(
        name = "rootfleet-agent",
        mixinStandardHelpOptions = true,
        versionProvider = AgentCli.Version.class,
        description = "Runs LXC containers whose root is this host's own read-only / (patched with the host),"
                + " masked so host secrets stay hidden, with each container's own files in its own layer.",
        subcommands = {ApplyCommand.class, StatusCommand.class, StaleCommand.class, ExecCommand.class,
                RestartCommand.class, ReconcileCommand.class, BootCommand.class, HookCommand.class, TeardownCommand.class,
                TuneCommand.class,
                CommandLine.HelpCommand.class})
public final class AgentCli implements ExitCodeHelp {
    @Mixin
    HomeOption options;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI in-process with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new AgentCli());
        cli.setOut(out);
        cli.setErr(err);
        ExitCodeHelp.document(cli);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e, commandLine, parseResult));
        cli.setParameterExceptionHandler((e, args1) -> {
            err.println("rootfleet-agent: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitStatus.INVALID_INPUT.code();
        });
        return cli.execute(args);
    }

    private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        JsonErrors json = commandLine.getCommand() instanceof JsonErrors j ? j : null;
        ExitStatus status;
        if (e instanceof InvalidInputException invalid) {
            for (Problem problem : invalid.problems()) {
                err.println(problem);
            }
            err.println(invalid.problems().size() + " problem(s); nothing was changed.");
            status = ExitStatus.INVALID_INPUT;
        } else if (e instanceof HostLock.BusyException) {
            err.println("rootfleet-agent: " + e.getMessage());
            status = ExitStatus.BUSY;
        } else if (e instanceof AgentContext.HostNotReadyException) {
            err.println("rootfleet-agent: " + e.getMessage());
            status = ExitStatus.INTERNAL;
        } else {
            err.println("rootfleet-agent: " + e.getMessage());
            if (parseResult.hasMatchedOption("--verbose")) {
                e.printStackTrace(err);
            } else {
                err.println("(run again with --verbose for details)");
            }
            status = ExitStatus.INTERNAL;
        }
        if (json != null && json.jsonOutput()) {
            new JsonReporter(commandLine.getOut()).emit(AgentEvent.error(e.getMessage(), status.code()));
        }
        err.flush();
        return status.code();
    }

    @Override
    public Map<String, String> exitCodeHelp() {
        return ExitCodeHelp.underLock("ok", "some container failed (the others were converged)", INVALID_INPUT);
    }

    /** Commands with --json report a failure as a final JSON line too, so the controller can show it. */
    interface JsonErrors {
        boolean jsonOutput();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = AgentCli.class.getPackage().getImplementationVersion();
            return new String[] {"rootfleet-agent " + (version == null ? "(development build)" : version)};
        }
    }
}
