package io.rootfleet.controller.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.controller.ssh.SshdExtension;
import io.rootfleet.controller.ssh.SshdHarness;
import io.rootfleet.controller.ssh.SshdHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code rootfleet bootstrap --tune} runs the installed agent's {@code tune} on the host. The host is an sshd in a
 * mount namespace of its own where /etc/sysctl.d is an empty tmpfs and /proc/sys a directory of this test (with
 * Debian's defaults): the machine's real sysctls and /etc/sysctl.d are never touched, nor its /usr/local/lib,
 * /usr/local/share and /etc/bash_completion.d, where bootstrap installs the agent, its man pages and completion
 * (each a tmpfs there too).
 */
class BootstrapTuneIT {
    private static final Path REAL_FILE = Path.of("/etc/sysctl.d/60-rootfleet.conf");

    @RegisterExtension
    final SshdExtension sshd = new SshdExtension(1);

    @RegisterExtension
    final SimulatedFleet fleet = new SimulatedFleet();

    @Test
    void bootstrapTune_writesTheAgentsSysctlFile_andRaisesTheLowLimits() throws IOException {
        boolean realFileBefore = Files.exists(REAL_FILE);
        Path procSys = fleet.dir().resolve("proc-sys");
        Map<String, String> defaults = Map.of("fs/inotify/max_user_instances", "128", "kernel/pid_max", "32768",
                "fs/inotify/max_user_watches", "2000000");
        for (Map.Entry<String, String> e : defaults.entrySet()) {
            Path file = procSys.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue() + "\n");
        }
        Path sysctlSeen = fleet.dir().resolve("sysctl-seen");
        Files.createDirectories(sysctlSeen);
        SshdHarness harness = sshd.harness();
        SshdHost host = harness.startAnother(List.of("unshare", "--mount", "--propagation", "private", "--", "sh", "-c",
                "mount -t tmpfs rf-bootstrap-it /usr/local/lib && mount -t tmpfs rf-bootstrap-it /usr/local/share"
                        + " && mount -t tmpfs rf-bootstrap-it /etc/bash_completion.d && mount --bind /bin/false /usr/bin/systemctl"
                        + " && mount --bind \"$0\" /etc/sysctl.d && mount --bind \"$1\" /proc/sys && shift && exec \"$@\"",
                sysctlSeen.toString(), procSys.toString()));
        Path launcher = fleet.dir().resolve("installed/rootfleet-agent");
        Path playbook = fleet.write("fleet.yml", "apiVersion: rootfleet/v1\nhosts:\n"
                + fleet.sshHost("tuned", harness, harness.hosts().indexOf(host), launcher, "all") + "containers: []\n");

        ControllerRun bootstrap = fleet.rootfleet("bootstrap", "--tune", "--known-hosts", harness.knownHosts().toString(),
                "--agent-jar", Checkout.dir().resolve("agent/target/rootfleet-agent.jar").toString(), playbook.toString());

        assertThat(bootstrap.exit()).as(bootstrap.out() + bootstrap.err()).isZero();
        assertThat(bootstrap.out()).contains("tuned", "OK", "kernel limits tuned: 2 raised, kept in /etc/sysctl.d/60-rootfleet.conf");
        assertThat(Files.readString(procSys.resolve("fs/inotify/max_user_instances"))).isEqualTo("1048576\n");
        assertThat(Files.readString(procSys.resolve("kernel/pid_max"))).isEqualTo("4194304\n");
        assertThat(Files.readString(procSys.resolve("fs/inotify/max_user_watches"))).as("never lowered").isEqualTo("2000000\n");
        assertThat(Files.readString(sysctlSeen.resolve("60-rootfleet.conf")))
                .startsWith("# Written by rootfleet-agent tune")
                .contains("fs.inotify.max_user_instances = 1048576\n", "fs.inotify.max_user_watches = 2000000\n",
                        "kernel.pid_max = 4194304\n");
        assertThat(Files.exists(REAL_FILE)).as("the machine's own /etc/sysctl.d").isEqualTo(realFileBefore);
    }
}
