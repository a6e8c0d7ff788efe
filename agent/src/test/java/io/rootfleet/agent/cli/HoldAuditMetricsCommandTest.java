package io.rootfleet.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.audit.Actor;
import io.rootfleet.agent.audit.AuditEntry;
import io.rootfleet.agent.audit.AuditLines;
import io.rootfleet.agent.audit.AuditLog;
import io.rootfleet.model.ExitStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hold, unhold, audit and metrics: what they refuse before touching the host, and audit's reading of a log. */
class HoldAuditMetricsCommandTest {
    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {}

    private Run agent(String... args) {
        List<String> argv = new ArrayList<>(List.of("--home", tmp.resolve("home").toString()));
        argv.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = AgentCli.run(argv.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void hold_needsAReason_andValidNames() {
        Run noReason = agent("hold", "db-1");
        assertThat(noReason.exit()).isEqualTo(ExitStatus.INVALID_INPUT.code());
        assertThat(noReason.err()).contains("Missing required option: '--reason=TEXT'");
        Run blank = agent("hold", "db-1", "--reason", " ");
        assertThat(blank.exit()).isEqualTo(ExitStatus.INVALID_INPUT.code());
        assertThat(blank.err()).contains("--reason: give a reason: whoever finds it held needs to know why");
        Run bad = agent("hold", "Bad_Name", "--reason", "x");
        assertThat(bad.exit()).isEqualTo(ExitStatus.INVALID_INPUT.code());
        assertThat(bad.err()).contains("NAME: ");
        assertThat(tmp.resolve("home")).doesNotExist();
    }

    @Test
    void unhold_allAndNames_exit2() {
        Run run = agent("unhold", "--all", "db-1");
        assertThat(run.exit()).isEqualTo(ExitStatus.INVALID_INPUT.code());
        assertThat(run.err()).contains("--all: give either --all or container names, not both");
    }

    @Test
    void metrics_enableWithoutTextfile_orANonDirectory_exit2() {
        assertThat(agent("metrics", "--enable").err()).contains("--enable needs --textfile DIR");
        Run missing = agent("metrics", "--textfile", tmp.resolve("nope").toString());
        assertThat(missing.exit()).isEqualTo(ExitStatus.INVALID_INPUT.code());
        assertThat(missing.err()).contains("no such directory; give node_exporter's --collector.textfile.directory");
        assertThat(agent("metrics", "--disable", "--enable").err()).contains("--disable goes alone");
    }

    @Test
    void audit_readsTheLog_filtersBySinceAndLast_andReportsBrokenLines() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        AuditLog log = new AuditLog(home.resolve("audit.log"));
        Actor alice = new Actor("root", "alice", "10.0.0.5:51234", null);
        String old = AuditLines.time(Instant.now().minusSeconds(3 * 3600));
        String recent = AuditLines.time(Instant.now().minusSeconds(60));
        log.append(new AuditEntry(old, null, alice, "apply", List.of("apply", "-"), new AuditEntry.Changes(List.of("web-1"),
                null, List.of("web-1"), null, null, null, null, null, null, null), "OK", 0, 900));
        log.append(new AuditEntry(recent, null, alice, "hold", List.of("hold", "web-1", "--reason", "x"),
                new AuditEntry.Changes(null, null, null, null, null, null, null, List.of("web-1"), null, null), "OK", 0, 5));
        Files.writeString(log.file(), "oops\n", StandardOpenOption.APPEND);

        Run all = agent("audit");
        assertThat(all.exit()).isZero();
        assertThat(all.out()).isEqualTo(old + " alice (sudo) from 10.0.0.5:51234 apply -: created web-1; started web-1 -> OK (0)\n"
                + recent + " alice (sudo) from 10.0.0.5:51234 hold web-1 --reason x: held web-1 -> OK (0)\n");
        assertThat(all.err()).contains("rootfleet-agent: warning: " + log.file().toRealPath() + ":3: not an audit line (");

        assertThat(agent("audit", "--since", "2h").out().lines().toList()).singleElement().asString().contains(" hold ");
        Run json = agent("audit", "--json", "--last", "1");
        assertThat(json.out().lines().toList()).singleElement().asString().startsWith("{\"time\":\"" + recent + "\"");
        assertThat(agent("audit", "--since", "soon").err()).contains("--since: 'soon' is neither a time");
        assertThat(agent("audit", "--since", "1s").out()).startsWith("no changes since ");
    }
}
