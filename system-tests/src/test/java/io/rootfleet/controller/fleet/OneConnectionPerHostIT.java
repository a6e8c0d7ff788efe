package io.rootfleet.controller.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rootfleet.controller.ssh.SshdExtension;
import io.rootfleet.controller.ssh.SshdHarness;
import io.rootfleet.controller.ssh.SshdHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code patch}, {@code status} and {@code bootstrap} log in to each host once for all their steps, and log out
 * at the end: counted in the real sshd's own log ("Accepted publickey" and "Closing connection" lines).
 * The agents are stubs: the count is about the connections, not about what the agents do.
 */
class OneConnectionPerHostIT {
    /**
     * Answers like an agent: one stale container until {@code restart} ran in its home, then none; a status
     * and an apply with nothing to do. {@code restart} on a host whose home holds {@code lose} kills the SSH
     * session that runs it first, as a connection lost in the middle of a patch.
     */
    private static final String STUB_AGENT = """
            #!/bin/sh
            home=$2
            case $3 in
            stale)
                if [ -e "$home/restarted" ]; then stale=false; else stale=true; fi
                echo '{"apiVersion":"rootfleet/v1","millis":1,"containers":[{"name":"web","state":"RUNNING","stale":'$stale'}]}' ;;
            restart)
                if [ -e "$home/lose" ]; then
                    p=$$
                    while [ "$(cat /proc/$p/comm)" != sshd ]; do p=$(cut -d' ' -f4 /proc/$p/stat); done
                    kill -KILL "$p"
                    exit 0
                fi
                touch "$home/restarted"
                echo '{"event":"result","restart":{"restarted":["web"],"failed":[],"notRestarted":[],"stoppedEarly":false,"failures":[],"millis":1}}' ;;
            status)
                echo '{"containers":[]}' ;;
            apply)
                cat > /dev/null
                echo '{"event":"plan","check":true,"plan":[]}'
                echo '{"event":"result","summary":{"changed":0,"failed":0,"unchanged":0,"unlisted":[],"failures":[],"millis":0}}' ;;
            *)
                echo "stub agent: unexpected $*" >&2; exit 2 ;;
            esac
            """;

    @RegisterExtension
    final SshdExtension sshd = new SshdExtension(3);

    @RegisterExtension
    final SimulatedFleet fleet = new SimulatedFleet();

    private Path playbook() {
        SshdHarness harness = sshd.harness();
        Path agent = fleet.script("stub-agent", STUB_AGENT);
        StringBuilder text = new StringBuilder("apiVersion: rootfleet/v1\nhosts:\n");
        for (int i = 0; i < 3; i++) {
            String name = String.valueOf((char) ('a' + i));
            text.append(fleet.sshHost(name, harness, i, agent, "all"));
            fleet.home(name).toFile().mkdirs();
        }
        return fleet.write("fleet.yml", text.append("containers: []\n").toString());
    }

    private String knownHosts() {
        return sshd.harness().knownHosts().toString();
    }

    @Test
    void patch_scansRestartsAndScansAgain_overOneConnectionPerHost() {
        Path playbook = playbook();
        fleet.write("c/restarted", ""); // c is clean: scanned once, not restarted

        ControllerRun patch = fleet.rootfleet("patch", "--known-hosts", knownHosts(), playbook.toString());

        assertThat(patch.exit()).as("patch").isZero();
        assertThat(patch.report()).endsWith("stale: 2 -> 0 on 3 hosts", "3 host(s): 2 patched, 1 clean; 2 container(s) restarted");
        assertOneConnectionEach(sshd.harness().hosts());
    }

    @Test
    void status_asksStatusAndPlanOverOneConnectionPerHost() {
        Path playbook = playbook();

        ControllerRun status = fleet.rootfleet("status", "--known-hosts", knownHosts(), playbook.toString());

        assertThat(status.exit()).as("status").isZero();
        assertOneConnectionEach(sshd.harness().hosts());
    }

    @Test
    void patch_aConnectionLostInTheMiddle_isThatHostUnreachable_andTheOthersArePatched() {
        Path playbook = playbook();
        fleet.write("b/lose", "");

        ControllerRun patch = fleet.rootfleet("patch", "--known-hosts", knownHosts(), "--timeout", "50", playbook.toString());

        assertThat(patch.exit()).as("patch: unreachable").isEqualTo(3);
        assertThat(patch.wallMillis()).as("no wait for the command timeout").isLessThan(40_000);
        assertThat(patch.report()).anyMatch(line -> line.startsWith("b                    UNREACHABLE ")
                && line.contains("lost the SSH connection to"));
        assertThat(patch.report()).endsWith("3 host(s): 2 patched, 1 unreachable; 2 container(s) restarted");
        List<SshdHost> hosts = sshd.harness().hosts();
        assertThat(hosts.get(1).logins()).as("logins to b, whose connection was lost").isEqualTo(1);
        assertOneConnectionEach(List.of(hosts.get(0), hosts.get(2)));
    }

    /**
     * A host whose sshd sessions see a tmpfs on /usr/local/lib (where bootstrap installs the agent jar), on
     * /usr/local/share and /etc/bash_completion.d (its man pages and completion), and no systemctl (so no boot
     * unit is installed): bootstrap checks the host, uploads the agent jar and launcher in one batch, runs the
     * installed agent, and uploads the completion and man pages in a second batch, all over one connection with
     * one SFTP channel per batch, and changes nothing of this machine.
     */
    @Test
    void bootstrap_checksUploadsAndRunsTheAgent_overOneConnection() {
        SshdHarness harness = sshd.harness();
        SshdHost host = harness.startAnother(List.of("unshare", "--mount", "--propagation", "private", "--", "sh", "-c",
                "mount -t tmpfs rf-bootstrap-it /usr/local/lib && mount -t tmpfs rf-bootstrap-it /usr/local/share"
                        + " && mount -t tmpfs rf-bootstrap-it /etc/bash_completion.d && mount --bind /bin/false /usr/bin/systemctl"
                        + " && exec \"$@\"",
                "sh"));
        Path launcher = fleet.dir().resolve("installed/rootfleet-agent");
        Path playbook = fleet.write("fleet.yml", "apiVersion: rootfleet/v1\nhosts:\n"
                + fleet.sshHost("fresh", harness, harness.hosts().indexOf(host), launcher, "all") + "containers: []\n");

        ControllerRun bootstrap = fleet.rootfleet("bootstrap", "--known-hosts", knownHosts(), "--agent-jar",
                Checkout.dir().resolve("agent/target/rootfleet-agent.jar").toString(), playbook.toString());

        assertThat(bootstrap.exit()).as("bootstrap").isZero();
        assertThat(bootstrap.out()).contains("fresh", "OK", "installed rootfleet-agent", "no systemd");
        assertOneConnectionEach(List.of(host));
        assertThat(host.log().lines().filter(line -> line.startsWith("Starting session: subsystem 'sftp' ")).count())
                .as("SFTP channels: agent jar and launcher, then completion and man pages").isEqualTo(2);
    }

    /** Each host logged in to once, and that connection was closed (sshd logs "Closing connection" then). */
    private static void assertOneConnectionEach(List<SshdHost> hosts) {
        for (SshdHost host : hosts) {
            assertThat(host.logins()).as("logins to " + host).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(host.log().lines()
                    .filter(line -> line.startsWith("Closing connection to ")).count())
                    .as("connections to " + host + " closed").isEqualTo(1));
        }
    }
}
