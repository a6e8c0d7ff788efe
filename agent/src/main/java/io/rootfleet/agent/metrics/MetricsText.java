package io.rootfleet.agent.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import io.rootfleet.agent.audit.AuditEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link HostMetrics} in the Prometheus text exposition format (version 0.0.4), as node_exporter's textfile
 * collector and a scrape read it, written by the Prometheus Java client's own writer. Pure.
 *
 * <pre>
 * rootfleet_containers{state}                     gauge: managed containers by LXC state (running, stopped, ...)
 * rootfleet_containers_stale                      gauge: running containers that run files the host has replaced
 * rootfleet_containers_shadowing                  gauge: containers whose own layer hides host system files
 * rootfleet_containers_held                       gauge: containers held out of automatic restarts (host hold included)
 * rootfleet_host_held                             gauge: 1 when the whole host is held
 * rootfleet_last_patch_timestamp_seconds          gauge: when the last restart --stale (person, hook or patch) ended
 * rootfleet_last_patch_success                    gauge: 1 when it ended OK
 * rootfleet_last_patch_containers{outcome}        gauge: its restarted and failed containers
 * rootfleet_restart_duration_seconds              histogram: stop + start + healthy of each container restart
 * rootfleet_hook_runs_total                       counter: apt hook runs that ended (from the hook log)
 * rootfleet_hook_failures_total                   counter: those that did not leave the host patched
 * rootfleet_hook_last_run_timestamp_seconds       gauge: when the last one ended
 * rootfleet_audit_log_unreadable_lines            gauge: audit log lines that are not audit entries
 * </pre>
 */
public final class MetricsText {
    /** Upper bounds of the restart duration buckets, in seconds: a plain init restarts in well under a second, systemd in a few. */
    static final double[] RESTART_BUCKETS = {0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, Double.POSITIVE_INFINITY};

    private MetricsText() {}

    public static String render(HostMetrics m) {
        List<MetricSnapshot> metrics = new ArrayList<>();
        GaugeSnapshot.Builder byState = GaugeSnapshot.builder().name("rootfleet_containers")
                .help("Managed containers by LXC state.");
        m.byState().forEach((state, n) -> byState.dataPoint(gauge(n, Labels.of("state", state))));
        metrics.add(byState.build());
        metrics.add(gauge("rootfleet_containers_stale", "Running containers that run files the host has replaced since"
                + " they started (a restart patches them).", m.stale()));
        metrics.add(gauge("rootfleet_containers_shadowing", "Containers whose own layer hides host system files, which"
                + " host updates do not reach.", m.shadowing()));
        metrics.add(gauge("rootfleet_containers_held", "Containers held out of automatic and fleet restarts (rootfleet-agent"
                + " hold), the whole host's hold included.", m.held()));
        metrics.add(gauge("rootfleet_host_held", "1 when the whole host is held out of automatic and fleet restarts.",
                m.hostHeld() ? 1 : 0));
        Optional<AuditEntry> patch = m.lastPatch();
        if (patch.isPresent()) {
            AuditEntry p = patch.get();
            metrics.add(GaugeSnapshot.builder().name("rootfleet_last_patch_timestamp_seconds").help("When the last"
                    + " restart of stale containers ended (by hand, by the apt hook or by rootfleet patch), in seconds since"
                    + " the epoch.").dataPoint(gauge(p.instant().toEpochMilli() / 1000.0, Labels.EMPTY)).build());
            metrics.add(gauge("rootfleet_last_patch_success", "1 when the last restart of stale containers ended OK, 0"
                    + " when some container failed or it could not run.", p.exitCode() == 0 ? 1 : 0));
            metrics.add(GaugeSnapshot.builder().name("rootfleet_last_patch_containers")
                    .help("Containers of the last restart of stale containers, by outcome.")
                    .dataPoint(gauge(p.changed().restarted().size(), Labels.of("outcome", "restarted")))
                    .dataPoint(gauge(p.changed().failed().size(), Labels.of("outcome", "failed")))
                    .build());
        }
        metrics.add(restartDurations(m.restartSeconds()));
        metrics.add(counter("rootfleet_hook_runs", "Runs of the apt/dpkg hook that ended (nothing stale, restarted,"
                + " or gave up), as the hook log tells.", m.hook().runs()));
        metrics.add(counter("rootfleet_hook_failures", "Runs of the apt/dpkg hook that did not leave the host patched.",
                m.hook().failures()));
        if (m.hook().lastRun() != null) {
            metrics.add(GaugeSnapshot.builder().name("rootfleet_hook_last_run_timestamp_seconds")
                    .help("When the last run of the apt/dpkg hook ended, in seconds since the epoch.")
                    .dataPoint(gauge(m.hook().lastRun().toEpochMilli() / 1000.0, Labels.EMPTY)).build());
        }
        metrics.add(gauge("rootfleet_audit_log_unreadable_lines", "Lines of the audit log that are not audit entries"
                + " (rootfleet-agent audit lists them).", m.auditProblems()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, new MetricSnapshots(metrics));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static HistogramSnapshot restartDurations(List<Double> seconds) {
        long[] counts = new long[RESTART_BUCKETS.length];
        double sum = 0;
        for (double s : seconds) {
            sum += s;
            for (int i = 0; i < RESTART_BUCKETS.length; i++) {
                if (s <= RESTART_BUCKETS[i]) {
                    counts[i]++; // counts per bucket; the writer adds them up into the cumulative le buckets
                    break;
                }
            }
        }
        return HistogramSnapshot.builder().name("rootfleet_restart_duration_seconds").unit(Unit.SECONDS)
                .help("How long each container restart took to stop, start and be healthy (restart, the apt hook,"
                        + " rootfleet patch), over the audit log.")
                .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(RESTART_BUCKETS, counts))
                        .sum(sum)
                        .build())
                .build();
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help).dataPoint(gauge(value, Labels.EMPTY)).build();
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot gauge(double value, Labels labels) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).labels(labels).build();
    }

    private static CounterSnapshot counter(String name, String help, double value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build()).build();
    }
}
