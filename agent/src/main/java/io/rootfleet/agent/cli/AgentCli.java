package io.rootfleet.agent.cli;

import io.rootfleet.agent.audit.Actor;
import io.rootfleet.agent.audit.AuditEntry;
import io.rootfleet.agent.audit.AuditLines;
import io.rootfleet.agent.audit.AuditLog;
import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.report.JsonReporter;
import io.rootfleet.agent.state.HostLock;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Problem;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code rootfleet-agent}: converges this host's LXC containers to a desired state. */
@Command(
        name = "rootfleet-agent",
        mixinStandardHelpOptions = true,
        versionProvider = AgentCli.Version.class,
        description = "Runs LXC containers whose root is this host's own read-only / (patched with the host),"
                + " masked so host secrets stay hidden, with each container's own files in its own layer.")
public final class AgentCli implements ExitCodeHelp {
    /** The subcommands, in the order help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(ApplyCommand.class, StatusCommand.class, StaleCommand.class,
            ExecCommand.class, RestartCommand.class, ReconcileCommand.class, BootCommand.class, HookCommand.class,
            TeardownCommand.class, TuneCommand.class, HoldCommand.class, UnholdCommand.class, AuditCommand.class,
            MetricsCommand.class, CommandLine.HelpCommand.class);

    @Mixin
    HomeOption options;

    /** The whole command tree, as help, the bash completion and the man pages show it. */
    public static CommandLine commandLine() {
        return commandLine(COMMANDS);
    }

    /**
     * The tree with only the subcommand {@code args} name, or the whole tree when they name none that exists:
     * picocli reads the annotations of every command it is given, which for all of them cost 0.25 s of CPU at
     * each start of an agent that runs one. The top-level options are parsed first to find the name.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine topLevel = new CommandLine(new AgentCli()).setStopAtUnmatched(true);
        List<String> rest;
        try {
            rest = topLevel.parseArgs(args).unmatched();
        } catch (CommandLine.ParameterException e) {
            return commandLine(); // the whole tree reports it, with its suggestions
        }
        return COMMANDS.stream()
                .filter(command -> command != CommandLine.HelpCommand.class) // help names the others
                .filter(command -> !rest.isEmpty() && names(command).contains(rest.get(0)))
                .findFirst()
                .map(command -> commandLine(List.of(command)))
                .orElseGet(AgentCli::commandLine);
    }

    private static CommandLine commandLine(List<Class<?>> commands) {
        CommandLine cli = new CommandLine(new AgentCli());
        commands.forEach(cli::addSubcommand);
        return cli;
    }

    private static List<String> names(Class<?> command) {
        Command annotation = command.getAnnotation(Command.class);
        List<String> names = new java.util.ArrayList<>(List.of(annotation.aliases()));
        names.add(annotation.name());
        return names;
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI in-process with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        ExitCodeHelp.document(cli);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e, commandLine, parseResult));
        cli.setParameterExceptionHandler((e, args1) -> {
            err.println("rootfleet-agent: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitStatus.INVALID_INPUT.code();
        });
        Instant start = Instant.now();
        int code = cli.execute(args);
        afterChange(cli, args, code, start, err);
        return code;
    }

    /**
     * After a command that changes the host ({@link Audited}): one line in the audit log, then the metrics textfile
     * refreshed when it is enabled. Neither changes the exit code: a failure here is a warning on stderr.
     */
    private static void afterChange(CommandLine cli, String[] args, int code, Instant start, PrintWriter err) {
        CommandLine.ParseResult parsed = cli.getParseResult();
        if (parsed == null) {
            return;
        }
        List<CommandLine> chain = parsed.asCommandLineList();
        CommandLine leaf = chain.get(chain.size() - 1);
        if (!(leaf.getCommand() instanceof Audited audited) || !(cli.getCommand() instanceof AgentCli root)) {
            return;
        }
        Optional<AuditEntry.Changes> changes = audited.auditChanges();
        Optional<ExitStatus> status = ExitStatus.ofCode(code);
        if (changes.isEmpty() || status.filter(s -> s == ExitStatus.INVALID_INPUT || s == ExitStatus.BUSY).isPresent()) {
            return;
        }
        AgentHome home = new AgentHome(root.options.home);
        if (!Files.isDirectory(home.dir(), LinkOption.NOFOLLOW_LINKS)) {
            return; // teardown --purge took the home, its audit log with it
        }
        Instant end = Instant.now();
        Actor actor = Actor.current();
        try {
            new AuditLog(home.auditLog()).append(new AuditEntry(AuditLines.time(end), actor.describe(), actor,
                    leaf.getCommandSpec().qualifiedName(" ").replaceFirst("^rootfleet-agent ", ""), List.of(args),
                    changes.get(), status.map(Enum::name).orElse("EXIT_" + code), code,
                    Duration.between(start, end).toMillis()));
        } catch (RuntimeException e) {
            err.println("rootfleet-agent: warning: " + e.getMessage());
        }
        MetricsCommand.refreshQuietly(home, err);
        err.flush();
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
