package io.rootfleet.agent.metrics;

import io.rootfleet.agent.audit.AuditLines;
import io.rootfleet.agent.audit.AuditLog;
import io.rootfleet.agent.engine.Engine;
import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.inspect.StatusInspector;
import io.rootfleet.agent.state.HoldStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Gathers {@link HostMetrics} on this host: the status of every container, the holds, the audit log, the hook log. */
public final class MetricsCollector {
    private final Engine engine;
    private final AgentHome home;

    public MetricsCollector(Engine engine) {
        this.engine = engine;
        this.home = engine.home();
    }

    public HostMetrics collect() {
        AuditLines.Read audit = new AuditLog(home.auditLog()).read();
        return new HostMetrics(new StatusInspector(engine).inspect().containers(), new HoldStore(home).read().host() != null,
                audit.entries(), audit.problems().size(), HookRuns.count(hookLogLines()));
    }

    /** The rotated hook log's lines, then the current one's: oldest first. */
    private List<String> hookLogLines() {
        List<String> lines = new ArrayList<>();
        Path log = home.hookLog();
        for (Path file : List.of(log.resolveSibling(log.getFileName() + ".1"), log)) {
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    lines.addAll(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the hook log " + file + ": " + e.getMessage(), e);
                }
            }
        }
        return lines;
    }

    /** Renders the metrics and, when a textfile directory is enabled, refreshes its file; returns that file, if any. */
    public Optional<Path> refreshTextfile() {
        Optional<Path> dir = new MetricsSettings(home).textfileDir();
        return dir.map(d -> Textfile.write(d, MetricsText.render(collect())));
    }
}
