package io.rootfleet.controller.cli;

import io.rootfleet.controller.patch.FailureLimit;
import io.rootfleet.controller.patch.PatchResult;
import io.rootfleet.controller.patch.PatchRollout;
import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.playbook.Playbook;
import io.rootfleet.controller.push.AgentRestart;
import io.rootfleet.controller.push.AgentStale;
import io.rootfleet.controller.push.FleetRunner;
import io.rootfleet.controller.push.HostConnections;
import io.rootfleet.controller.push.HostConnector;
import io.rootfleet.controller.push.HostRestart;
import io.rootfleet.controller.push.HostScan;
import io.rootfleet.controller.report.PatchReport;
import io.rootfleet.controller.report.ProgressPrinter;
import io.rootfleet.controller.report.StaleScanReport;
import io.rootfleet.controller.ssh.SshClient;
import io.rootfleet.model.BatchSize;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
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
            + " Last, the restarted hosts are scanned again: stale before -> after."},
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
            ExitStatus.INTERNAL, "internal error");

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
        Playbook book = playbook.read();
        HostConnector connector = new HostConnector(new SshClient(), connection.toConnectOptions());
        Duration timeout = Duration.ofSeconds(connection.timeout);
        AgentStale scanner = new AgentStale(connector, timeout);
        AgentRestart restarter = new AgentRestart(connector, timeout, containerBatch,
                maxFail == null ? OptionalInt.empty() : OptionalInt.of(maxFail));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter progressOut = json ? spec.commandLine().getErr() : out;
        ProgressPrinter progress = new ProgressPrinter(progressOut, !json && ProgressPrinter.onTerminal());
        PatchResult result;
        try (HostConnections connections = new HostConnections(connector)) {
            OneConnectionPerHost steps = new OneConnectionPerHost(connections, scanner, restarter, check);
            result = new PatchRollout(new FleetRunner(connection.forks), steps::scan, steps::restart,
                    hostBatch, limit, new Progress(progressOut, progress)).run(book.hosts(), check);
        }
        ExitStatus exitCode = ExitCodeOf.patch(result);
        PatchReport report = new PatchReport(result, exitCode);
        if (json) {
            out.println(report.toJson());
        } else {
            report.print(out);
        }
        out.flush();
        return exitCode;
    }

    @Override
    public Map<ExitStatus, String> exitCodes() {
        return EXIT_CODES;
    }

    /**
     * A host's scan, restart and scan again over one connection, closed after its last step: the first scan
     * when the host will not be restarted, else the scan after its restart (or the end of the run, for hosts
     * the rollout did not reach).
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

        HostRestart restart(HostSpec host, Consumer<AgentEvent> events) {
            restarted.add(host.name());
            return restarter.restartStale(connections.of(host), host, events);
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
            printer.finished(restart.host(), restart.status(), restart.millis(), restart.error());
        }

        @Override
        public void stopped(PatchResult.Stop stop) {
            printer.note(PatchReport.stopped(stop));
        }
    }
}
