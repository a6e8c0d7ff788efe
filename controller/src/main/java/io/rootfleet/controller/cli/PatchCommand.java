package io.rootfleet.controller.cli;

import io.rootfleet.controller.patch.Canary;
import io.rootfleet.controller.patch.FailureLimit;
import io.rootfleet.controller.patch.PatchResult;
import io.rootfleet.controller.patch.PatchRollout;
import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.playbook.Playbook;
import io.rootfleet.controller.push.AgentHealth;
import io.rootfleet.controller.push.AgentRestart;
import io.rootfleet.controller.push.AgentStale;
import io.rootfleet.controller.push.AgentStatus;
import io.rootfleet.controller.push.FleetRunner;
import io.rootfleet.controller.push.HostConnections;
import io.rootfleet.controller.push.HostConnector;
import io.rootfleet.controller.push.HostRestart;
import io.rootfleet.controller.push.HostScan;
import io.rootfleet.controller.report.HtmlReport;
import io.rootfleet.controller.report.PatchNotifications;
import io.rootfleet.controller.report.PatchReport;
import io.rootfleet.controller.report.PatchTimeline;
import io.rootfleet.controller.report.ProgressPrinter;
import io.rootfleet.controller.report.StaleScanReport;
import io.rootfleet.controller.ssh.SshClient;
import io.rootfleet.model.BatchSize;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.concurrent.StopRequest;
import io.rootfleet.model.concurrent.StopSignals;
import io.rootfleet.model.notify.Notifier;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "patch", description = {
    "Restart the containers that still run files their host has replaced since they started (a library or"
            + " program updated by apt), so that they run the new ones.",
    "First every host is scanned at once: its stale containers, with the replaced files and the processes that"
            + " map them, and the containers whose own layer hides host system files (host updates never reach"
            + " those). Then, unless --check, the hosts with stale containers restart them, a batch of hosts after"
            + " the other; each host's agent restarts its containers in batches and waits for their health checks."
            + " Each restarted host's agent scans again as its restart ends: stale before -> after.",
    "With --canary, the canary hosts go first: their stale containers are restarted, then their health is checked"
            + " for --soak (each restarted container still running, with the same init); only then do the other hosts"
            + " follow. A canary that fails stops the campaign before any other host (exit code 7).",
    "Ctrl-C (SIGINT) or SIGTERM stops the campaign cleanly: no new host batch starts, the hosts under way finish"
            + " the container batch they are in and start no other, the restarted hosts are scanned again, and the"
            + " report says what was restarted, what failed and what was not touched (exit code 6). A second Ctrl-C"
            + " is not needed."},
        footer = "%nThe playbook names the hosts; each agent restarts what it manages, whatever the playbook says"
                + " of it.%n")
final class PatchCommand implements FleetCommand {
    private static final Map<ExitStatus, String> EXIT_CODES = Map.of(
            ExitStatus.OK, "every stale container was restarted and is healthy, and none is stale now"
                    + " (--check: every host was scanned)",
            ExitStatus.FAILED, "some host failed, a container failed its restart or health check, the rollout stopped"
                    + " at the failure limit, or stale containers remain (takes precedence over 3; with --check: some"
                    + " host failed)",
            ExitStatus.INVALID_INPUT, "invalid playbook or options: nothing was sent",
            ExitStatus.UNREACHABLE, "some host was unreachable (the others were patched)",
            ExitStatus.INTERNAL, "internal error",
            ExitStatus.INTERRUPTED, "stopped when asked (Ctrl-C, SIGTERM): the hosts under way finished their batch under"
                    + " way; the report lists what was restarted, what failed and what was not touched (takes precedence"
                    + " over 1 and 3)",
            ExitStatus.CANARY_FAILED, "--canary: a canary host failed its restart or its health while soaking; no other"
                    + " host was touched (takes precedence over 6)");

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    PlaybookOptions playbook;

    @Option(names = "--check", description = "Scan and report only: restart nothing.")
    boolean check;

    @Option(names = "--serial", paramLabel = "N|P%", description = "Hosts restarted at once: a number, or a percentage"
            + " of the hosts with stale containers (rounded down, at least 1). Default: all of them at once, as Ansible"
            + " does, at most --forks.")
    String serial;

    @Option(names = "--max-fail-percentage", paramLabel = "P", description = "After a batch of hosts, stop when more than"
            + " P%% of the hosts restarted so far failed; the later hosts are not touched (default: ${DEFAULT-VALUE}:"
            + " any failed host stops the rollout).")
    int maxFailPercentage = 0;

    @Option(names = "--batch", paramLabel = "N|P%", description = "On each host, containers restarted at once (the agent's"
            + " restart --batch; default: the agent's, 25%%).")
    String batch;

    @Option(names = "--max-fail", paramLabel = "N", description = "On each host, stop its restarts after the batch in"
            + " which N containers failed (the agent's restart --max-fail; default: the agent's, 1).")
    Integer maxFail;

    @Option(names = "--canary", paramLabel = "N|HOST,...", description = "Restart these hosts first (a number: the"
            + " first N hosts with stale containers, in playbook order; or host names, comma-separated), watch them"
            + " for --soak, and go on with the others only if they stay healthy.")
    String canary;

    @Option(names = "--soak", paramLabel = "DURATION", description = "With --canary: how long the canaries' restarted"
            + " containers must stay healthy before the other hosts follow, e.g. 90s, 10m, 1h30m (default: 0s, one"
            + " check right after their restart).")
    String soak;

    @Option(names = "--notify", paramLabel = "URL", description = "POST a JSON event to URL at the start, for each failed"
            + " container, and at the end (5 s timeout, 3 tries each, in the background: a slow or dead URL never"
            + " fails the patch, and delays its end by at most 10 s).")
    String notify;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Also write the campaign as one self-contained"
            + " HTML page: result, timeline per host and container, hosts, failures, held containers, packages and"
            + " CVEs.")
    Path htmlReport;

    @Option(names = "--json", description = "Print the result as one JSON document (the scan and progress go to stderr).")
    boolean json;

    @Override
    public ExitStatus run() {
        BatchSize hostBatch = serial == null ? BatchSize.ALL : BatchSize.parse(serial, "--serial", "hosts");
        FailureLimit limit = FailureLimit.of(maxFailPercentage, "--max-fail-percentage");
        Optional<String> containerBatch = Optional.ofNullable(batch).map(b -> BatchSize.parse(b, "--batch", "containers").toString());
        if (maxFail != null && maxFail < 1) {
            throw new InvalidInputException(Location.of("--max-fail"), maxFail + " is not a number of failed containers;"
                    + " give 1 or more (1 stops a host's restarts at its first failure)");
        }
        if (soak != null && canary == null) {
            throw new InvalidInputException(Location.of("--soak"), "--soak needs --canary: it is how long the canary hosts"
                    + " are watched");
        }
        URI notifyUrl = null;
        if (notify != null) {
            try {
                notifyUrl = Notifier.parseUrl(notify);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(Location.of("--notify"), e.getMessage());
            }
        }
        Playbook book = playbook.read();
        Optional<Canary> canaryHosts = canary == null ? Optional.empty() : Optional.of(Canary.parse(canary, soak,
                book.hosts().stream().map(HostSpec::name).collect(Collectors.toSet())));
        HostConnector connector = new HostConnector(new SshClient(), connection.toConnectOptions());
        Duration timeout = Duration.ofSeconds(connection.timeout);
        AgentStale scanner = new AgentStale(connector, timeout);
        AgentRestart restarter = new AgentRestart(connector, timeout, containerBatch,
                maxFail == null ? OptionalInt.empty() : OptionalInt.of(maxFail));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter progressOut = json ? err : out;
        ProgressPrinter progress = new ProgressPrinter(progressOut, !json && ProgressPrinter.onTerminal());
        String campaign = playbook.playbook == null ? "patch" : playbook.playbook.getFileName().toString();
        Clock clock = Clock.systemUTC();
        Notifier notifier = notifyUrl == null ? Notifier.none() : Notifier.to(notifyUrl, line -> {
            synchronized (progressOut) {
                err.println(line);
                err.flush();
            }
        });
        PatchNotifications notifications = new PatchNotifications(notifier, clock, campaign);
        PatchTimeline timeline = new PatchTimeline(clock);
        StopRequest stop = StopRequest.create();
        stop.whenRequested(() -> progress.note("stopping (" + stop.reason().orElse("asked") + "): the hosts under way"
                + " finish their batch under way, no other starts"));
        PatchResult result;
        try (HostConnections connections = new HostConnections(connector);
                StopSignals signals = StopSignals.routeTo(stop)) {
            OneConnectionPerHost steps = new OneConnectionPerHost(connections, scanner, restarter, check);
            AgentHealth health = new AgentHealth(new AgentStatus(connector, timeout, true)); // status --health: checks run now
            PatchRollout rollout = new PatchRollout(new FleetRunner(connection.forks), steps::scan, steps::restart,
                    hostBatch, limit, new Listeners(List.of(new Progress(progressOut, progress), timeline, notifications)))
                    .stoppedBy(stop);
            canaryHosts.ifPresent(c -> rollout.withCanary(c, (host, restarted) -> health.problem(connections.of(host), host,
                    restarted), PatchRollout.Pause.REAL));
            result = rollout.run(book.hosts(), check);
        } finally {
            timeline.finished();
        }
        ExitStatus exitCode = ExitCodeOf.patch(result);
        notifications.finished(result, exitCode);
        PatchReport report = new PatchReport(result, exitCode);
        if (json) {
            out.println(report.toJson());
        } else {
            report.print(out);
        }
        out.flush();
        if (htmlReport != null) {
            writeHtml(new HtmlReport(result, exitCode, timeline, campaign).render(), err);
        }
        notifications.close(Duration.ofSeconds(10));
        return exitCode;
    }

    /** Writes the page beside its target, then renames it into place; a failure is a warning, not the patch's. */
    private void writeHtml(String page, PrintWriter err) {
        Path target = htmlReport.toAbsolutePath();
        try {
            Path dir = target.getParent();
            Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try {
                Files.writeString(temp, page, StandardCharsets.UTF_8);
                Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | RuntimeException e) {
            err.println("warning: --report " + htmlReport + ": cannot write the HTML report (" + e.getMessage()
                    + "); check that its directory exists and is writable");
            err.flush();
        }
    }

    @Override
    public Map<ExitStatus, String> exitCodes() {
        return EXIT_CODES;
    }

    /**
     * A host's scan, restart and scan again over one connection, closed after its last step: the first scan
     * when the host will not be restarted, else its restart when the agent scanned again at its end, else the scan
     * after its restart (or the end of the run, for hosts the rollout did not reach). A canary's health checks
     * while it soaks open a connection again.
     */
    private static final class OneConnectionPerHost {
        private final HostConnections connections;
        private final AgentStale scanner;
        private final AgentRestart restarter;
        private final boolean check;
        private final Set<String> restarted = ConcurrentHashMap.newKeySet();

        OneConnectionPerHost(HostConnections connections, AgentStale scanner, AgentRestart restarter, boolean check) {
            this.connections = connections;
            this.scanner = scanner;
            this.restarter = restarter;
            this.check = check;
        }

        HostScan scan(HostSpec host) {
            HostScan scan = scanner.scan(connections.of(host), host);
            if (restarted.contains(host.name()) || check || !scan.ok() || scan.staleCount() == 0) {
                connections.done(host.name());
            }
            return scan;
        }

        HostRestart restart(HostSpec host, Consumer<AgentEvent> events, StopRequest stop) {
            restarted.add(host.name());
            HostRestart restart = restarter.restartStale(connections.of(host), host, events, stop);
            if (restart.staleAfter().isPresent()) {
                connections.done(host.name());
            }
            return restart;
        }
    }

    /** Every listener in turn; one that throws does not keep the others (or the campaign) from going on. */
    private record Listeners(List<PatchRollout.Listener> all) implements PatchRollout.Listener {
        private void each(Consumer<PatchRollout.Listener> call) {
            for (PatchRollout.Listener listener : all) {
                try {
                    call.accept(listener);
                } catch (RuntimeException e) {
                    // a report's listener must not stop the campaign
                }
            }
        }

        @Override
        public void scanned(List<HostScan> scans) {
            each(l -> l.scanned(scans));
        }

        @Override
        public void batchStarted(int batch, int batches, List<String> hosts) {
            each(l -> l.batchStarted(batch, batches, hosts));
        }

        @Override
        public void restartStarted(String host) {
            each(l -> l.restartStarted(host));
        }

        @Override
        public void event(String host, AgentEvent event) {
            each(l -> l.event(host, event));
        }

        @Override
        public void restartFinished(HostRestart restart) {
            each(l -> l.restartFinished(restart));
        }

        @Override
        public void stopped(PatchResult.Stop stop) {
            each(l -> l.stopped(stop));
        }

        @Override
        public void canaryStarted(List<String> hosts, Duration soak) {
            each(l -> l.canaryStarted(hosts, soak));
        }

        @Override
        public void canaryFinished(PatchResult.CanaryPhase phase) {
            each(l -> l.canaryFinished(phase));
        }
    }

    /** The scan report, then live lines for each host batch and each host's restart. */
    private record Progress(PrintWriter out, ProgressPrinter printer) implements PatchRollout.Listener {
        @Override
        public void scanned(List<HostScan> scans) {
            synchronized (out) {
                new StaleScanReport(scans).print(out);
            }
        }

        @Override
        public void batchStarted(int batch, int batches, List<String> hosts) {
            printer.note("host batch " + batch + " of " + batches + ": " + String.join(", ", hosts));
        }

        @Override
        public void restartStarted(String host) {
            printer.started(host);
        }

        @Override
        public void event(String host, AgentEvent event) {
            printer.event(host, event);
        }

        @Override
        public void restartFinished(HostRestart restart) {
            if (restart.interrupted() && restart.failedContainers() == 0) {
                printer.note("[" + restart.host() + "] INTERRUPTED: " + restart.error().orElse("stopped when asked"));
                return;
            }
            printer.finished(restart.host(), restart.status(), restart.millis(), restart.error());
        }

        @Override
        public void stopped(PatchResult.Stop stop) {
            printer.note(PatchReport.stopped(stop));
        }

        @Override
        public void canaryStarted(List<String> hosts, Duration soak) {
            printer.note("canary: " + String.join(", ", hosts) + " first, then " + soak.toSeconds() + " s of health checks");
        }

        @Override
        public void canaryFinished(PatchResult.CanaryPhase phase) {
            printer.note(PatchReport.canary(phase) + phase.failure().map(f -> ": " + f).orElse(""));
        }
    }
}
