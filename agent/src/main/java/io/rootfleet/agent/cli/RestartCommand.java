package io.rootfleet.agent.cli;

import io.rootfleet.agent.audit.AuditEntry;
import io.rootfleet.agent.report.HumanRestartReporter;
import io.rootfleet.agent.report.JsonRestartReporter;
import io.rootfleet.model.BatchSize;
import io.rootfleet.agent.restart.RestartReporter;
import io.rootfleet.agent.restart.RollingRestart;
import io.rootfleet.agent.stale.StaleScanner;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.concurrent.StopRequest;
import io.rootfleet.model.concurrent.StopSignals;
import io.rootfleet.model.report.RestartSummary;
import io.rootfleet.model.report.StaleReport;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import io.rootfleet.model.yaml.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true,
        name = "restart",
        description = "Restart running containers batch by batch, so each mounts its overlay afresh and runs the"
                + " host's current files: stop each with its own stop policy (signal, timeout, then kill), start it,"
                + " wait for its health check; the containers of a batch in parallel, lower `order` first. Once"
                + " the failures reach --max-fail, no further batch starts: the rest keep running untouched. SIGINT"
                + " (Ctrl-C) or SIGTERM stops it the same way: the batch under way finishes, no further one starts,"
                + " the result lists what was not restarted, exit code 6. With --stale --json, the result also"
                + " holds the scan made after the rollout (staleAfter, as stale --json reports it).",
        footer = "%nHeld containers (rootfleet-agent hold) are left alone unless --include-held is given.%n"
                + "%nExamples:%n  rootfleet-agent restart --stale%n  rootfleet-agent restart --batch 2 web-01 web-02 web-03%n")
final class RestartCommand implements AgentCommand, AgentCli.JsonErrors, Audited {
    @Spec
    CommandSpec spec;

    @ParentCommand
    AgentCli parent;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Running containers to restart.")
    List<String> names = new ArrayList<>();

    @Option(names = "--stale", description = "Restart the running containers that still run files the host has"
            + " replaced (what `rootfleet-agent stale` lists), instead of naming them.")
    boolean stale;

    // 25%, as a Kubernetes Deployment's default maxUnavailable: three quarters keep serving, and 100
    // containers take 4 rounds of parallel restarts rather than 100 one after another.
    @Option(names = "--batch", paramLabel = "N|P%", converter = BatchSizeConverter.class, description = "Containers"
            + " restarted at once: a count, or a share of the containers to restart, rounded down, at least 1"
            + " (default: ${DEFAULT-VALUE}).")
    BatchSize batch = BatchSize.parse("25%");

    @Option(names = "--max-fail", paramLabel = "N", description = "Stop the rollout after the batch in which the"
            + " failures reach N (default: ${DEFAULT-VALUE}).")
    int maxFail = 1;

    @Option(names = "--include-held", description = "Restart held containers too (rootfleet-agent hold): without it a"
            + " held container, or every container of a held host, is left alone and reported as \"held, not"
            + " restarted\", even when named.")
    boolean includeHeld;

    private ChangeRecorder recorder;

    @Option(names = "--stop-on-stdin-eof", description = "Also stop before the next batch when standard input ends:"
            + " the controller (rootfleet patch) closes it to stop cleanly when interrupted, and a lost SSH connection"
            + " closes it too.")
    boolean stopOnStdinEof;

    /** --parallel: containers of a batch stopped and started at once; the rest of the batch waits its turn. */
    @Mixin
    ConvergeOptions options;

    @Override
    public ExitStatus run() {
        List<ContainerName> named = checkArguments();
        AgentContext context = AgentContext.forHome(parent.options.home);
        RestartReporter reporter = options.json
                ? new JsonRestartReporter(spec.commandLine().getOut(), () -> stale ? rescan(context) : Optional.empty())
                : new HumanRestartReporter(spec.commandLine().getOut());
        StopRequest stop = StopRequest.create();
        if (stopOnStdinEof) {
            watchForEnd(System.in, stop);
        }
        recorder = new ChangeRecorder();
        RollingRestart restart = new RollingRestart(context.engine(), recorder.recording(reporter), stop);
        RollingRestart.Options rollout = new RollingRestart.Options(batch, maxFail, options.parallel, options.lockTimeout(),
                includeHeld);
        RestartSummary summary;
        try (StopSignals signals = StopSignals.routeTo(stop)) {
            summary = stale ? restart.restartStale(rollout) : restart.restart(named, rollout);
        }
        if (summary.interrupted()) {
            return ExitStatus.INTERRUPTED;
        }
        return summary.failed().isEmpty() && !summary.stoppedEarly() ? ExitStatus.OK : ExitStatus.FAILED;
    }

    /**
     * The scan after a rollout of the stale containers, reported with its result so that the controller need not
     * start another agent for it; made while the rollout still holds the host lock. A scan that fails leaves it
     * out (the controller scans on its own then): the restart's own result must not be lost to it.
     */
    private static Optional<StaleReport> rescan(AgentContext context) {
        try {
            return Optional.of(new StaleScanner(context.engine()).scan(List.of()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Requests the stop once {@code input} ends (its bytes are ignored), from a daemon thread. */
    static void watchForEnd(InputStream input, StopRequest stop) {
        Thread watcher = new Thread(() -> {
            byte[] buffer = new byte[256];
            try {
                while (input.read(buffer) >= 0) {
                    // only the end counts
                }
            } catch (IOException e) {
                // a broken input ends it just as well
            }
            stop.request("standard input closed");
        }, "rootfleet-stdin-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private List<ContainerName> checkArguments() {
        List<Problem> problems = new ArrayList<>();
        if (stale != names.isEmpty()) {
            problems.add(new Problem(Location.of("restart"), stale
                    ? "give either --stale or container names, not both"
                    : "name the containers to restart, or give --stale"));
        }
        if (maxFail < 1) {
            problems.add(new Problem(Location.of("--max-fail"), "--max-fail must be at least 1 (1 stops at the first failure)"));
        }
        problems.addAll(options.problems());
        List<ContainerName> named = NameArguments.parse(names, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return named;
    }

    @Override
    public Optional<AuditEntry.Changes> auditChanges() {
        return Optional.ofNullable(recorder).map(ChangeRecorder::changes);
    }

    @Override
    public boolean jsonOutput() {
        return options.json;
    }

    static final class BatchSizeConverter implements CommandLine.ITypeConverter<BatchSize> {
        @Override
        public BatchSize convert(String value) {
            try {
                return BatchSize.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Map<String, String> exitCodeHelp() {
        return ExitCodeHelp.underLock("every container restarted and healthy, or nothing to restart",
                "some container failed, or the rollout stopped at --max-fail",
                "invalid input (an unknown or stopped container): nothing was changed",
                "stopped when asked (SIGINT, SIGTERM, or standard input closed with --stop-on-stdin-eof): the batch"
                        + " under way finished, the later containers were not restarted");
    }
}
