package io.rootfleet.controller.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.controller.ssh.CommandResult;
import io.rootfleet.model.report.StaleReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentStaleTest {
    private static final List<String> ARGV = List.of("/usr/local/bin/rootfleet-agent", "--home", "/var/lib/rootfleet", "stale", "--json");

    private static HostScan read(int exit, String stdout, String stderr) {
        return AgentStale.read("web-a", new CommandResult(ARGV, "root@web-a:22", exit, stdout, stderr), 42);
    }

    @Test
    void read_aReport() {
        HostScan scan = read(0, """
                {"apiVersion":"rootfleet/v1","millis":31,"containers":[
                  {"name":"web-3","state":"RUNNING","initPid":4242,"startedAt":"2026-11-22T02:00:00Z","stale":true,
                   "staleFiles":[{"path":"/usr/lib/x86_64-linux-gnu/libssl.so.3","runningInode":100,"currentInode":200,
                     "reason":"replaced on the host","pids":[4242,4243],"commands":["apache2","apache2"]}],
                   "hostPackages":["libssl3"],"shadowed":[],"someFieldOfANewerAgent":1},
                  {"name":"worker","state":"RUNNING","initPid":4300,"stale":false,"staleFiles":[],"hostPackages":[],
                   "shadowed":[{"path":"/etc/ssl/openssl.cnf","kind":"config","declared":false}]}]}
                """, "");

        assertThat(scan.ok()).isTrue();
        assertThat(scan.error()).isEmpty();
        assertThat(scan.millis()).isEqualTo(42);
        assertThat(scan.staleCount()).isEqualTo(1);
        StaleReport.Container web = scan.stale().get(0);
        assertThat(web.name()).isEqualTo("web-3");
        assertThat(web.staleFiles()).containsExactly(new StaleReport.StaleFile("/usr/lib/x86_64-linux-gnu/libssl.so.3", 100,
                200L, "replaced on the host", List.of(4242, 4243), List.of("apache2", "apache2")));
        assertThat(web.hostPackages()).containsExactly("libssl3");
        assertThat(scan.shadowing()).extracting(StaleReport.Container::name).containsExactly("worker");
        assertThat(scan.shadowing().get(0).shadowed())
                .containsExactly(new StaleReport.ShadowedFile("/etc/ssl/openssl.cnf", "config", false));
    }

    @Test
    void read_listsLeftOutAreEmpty() {
        HostScan scan = read(0, """
                {"apiVersion":"rootfleet/v1","millis":3,"containers":[{"name":"db","state":"STOPPED","stale":false}]}
                """, "");

        assertThat(scan.ok()).isTrue();
        StaleReport.Container db = scan.containers().get(0);
        assertThat(db.staleFiles()).isEmpty();
        assertThat(db.hostPackages()).isEmpty();
        assertThat(db.shadowed()).isEmpty();
        assertThat(db.initPid()).isNull();
        assertThat(scan.stale()).isEmpty();
        assertThat(scan.shadowing()).isEmpty();
    }

    @Test
    void read_anErrorEvent_givesItsDetail() {
        HostScan scan = read(4, "{\"event\":\"error\",\"detail\":\"rootfleet-agent must run as root\",\"exitCode\":4}\n",
                "rootfleet-agent: must run as root\n");

        assertThat(scan.status()).isEqualTo(HostOutcome.Status.FAILED);
        assertThat(scan.error()).hasValue("rootfleet-agent must run as root");
        assertThat(scan.report()).isEmpty();
    }

    @Test
    void read_aFailureWithoutEvent_givesTheExitStatusAndStderr() {
        assertThat(read(4, "", "java.lang.OutOfMemoryError\nsomething else\n").error())
                .hasValue("the agent exited with status 4: java.lang.OutOfMemoryError | something else");
        assertThat(read(127, "", "sh: 1: /usr/local/bin/rootfleet-agent: not found\n").error())
                .hasValue("the agent is not installed at /usr/local/bin/rootfleet-agent (exit 127); run rootfleet bootstrap");
    }

    @Test
    void read_anAgentThatDoesNotKnowStale_saysToUpdateIt() {
        HostScan scan = read(2, "", "rootfleet-agent: Unmatched arguments from index 2: 'stale', '--json'\n"
                + "Try 'rootfleet-agent --help'.\n");

        assertThat(scan.error()).hasValue("the agent at /usr/local/bin/rootfleet-agent is older than this controller"
                + " (rootfleet-agent: Unmatched arguments from index 2: 'stale', '--json'); update it with rootfleet bootstrap");
    }

    @Test
    void read_garbage_isAFailureThatShowsWhatCame() {
        HostScan garbage = read(0, "Welcome to web-a!\n{\"apiVersion\"", "");
        assertThat(garbage.status()).isEqualTo(HostOutcome.Status.FAILED);
        assertThat(garbage.error().orElseThrow()).startsWith("the agent's stale report is not valid JSON (")
                .endsWith("): Welcome to web-a! {\"apiVersion\"");

        assertThat(read(0, "", "").error()).hasValueSatisfying(e -> assertThat(e).endsWith("(no output)"));
        assertThat(read(0, "{\"apiVersion\":\"rootfleet/v1\"}", "").error())
                .hasValue("the agent's stale report has no containers list: {\"apiVersion\":\"rootfleet/v1\"}");
        assertThat(read(0, "{\"containers\":[{\"state\":\"RUNNING\"}]}", "").error())
                .hasValue("the agent's stale report lists a container without a name: {\"containers\":[{\"state\":\"RUNNING\"}]}");
        assertThat(read(0, "[1,2]", "").status()).isEqualTo(HostOutcome.Status.FAILED);
        assertThat(read(0, "x".repeat(500), "").error().orElseThrow()).endsWith("x".repeat(200) + "...");
    }
}
