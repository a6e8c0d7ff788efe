package io.rootfleet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.sys.CommonsExecRunner;
import io.rootfleet.agent.sys.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A veth on a bridge this test creates (no traffic leaves the machine: the test only inspects addresses),
 * cgroup limits, and bind mounts.
 */
class NetworkAndLimitsIT {
    private final CommonsExecRunner runner = new CommonsExecRunner();
    private TestHome t;
    private String bridge;

    @BeforeEach
    void setUp() {
        t = new TestHome();
        bridge = "rfit" + t.id;
        run("ip", "link", "add", bridge, "type", "bridge");
        t.onClose(() -> runner.run(List.of("ip", "link", "del", bridge), Duration.ofSeconds(10)));
        run("ip", "link", "set", bridge, "up");
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private String run(String... argv) {
        return runner.run(List.of(argv), Duration.ofSeconds(10)).orThrow().stdout();
    }

    private String sh(String container, String script) {
        ProcessResult r = t.exec(container, "/bin/sh", "-c", script);
        return r.stdout() + r.stderr();
    }

    @Test
    void container_getsStaticAddressStableMacLimitsAndMounts() throws Exception {
        String name = t.name("net");
        Path data = Files.createTempDirectory(Path.of("/tmp"), "rf-it-" + t.id + "-data");
        Files.writeString(data.resolve("hello.txt"), "host data\n");
        t.onClose(() -> {
            TestHome.deleteQuietly(data.resolve("hello.txt"));
            TestHome.deleteQuietly(data.resolve("written.txt"));
            TestHome.deleteQuietly(data);
        });
        TestHome.Run run = t.apply("""
                apiVersion: rootfleet/v1
                containers:
                  - name: %s
                    init: [/bin/sleep, infinity]
                    stop: {timeout: 0}
                    network: {bridge: %s, ipv4: 192.0.2.10/24}
                    limits: {memory: 64M, pids: 50, cpus: 0.5}
                    mounts:
                      - {source: %s, target: /mnt/data, readOnly: false}
                      - {source: /etc/os-release, target: /mnt/os-release}
                """.formatted(name, bridge, data));
        assertThat(run.exit()).as(run.out() + run.err()).isZero();

        String addr = sh(name, "ip -4 -o addr show eth0");
        assertThat(addr).contains("inet 192.0.2.10/24 brd 192.0.2.255");
        String mac = sh(name, "cat /sys/class/net/eth0/address").strip();
        assertThat(mac).matches("02(:[0-9a-f]{2}){5}");
        assertThat(run("ip", "-o", "link", "show", "master", bridge)).contains("veth");

        int initPid = t.lxc.list().get(new io.rootfleet.model.ContainerName(name)).initPid().getAsInt();
        assertThat(cgroupValue(initPid, "memory", "memory.limit_in_bytes", "memory.max")).isEqualTo(String.valueOf(64L * 1024 * 1024));
        assertThat(cgroupValue(initPid, "pids", "pids.max", "pids.max")).isEqualTo("50");

        assertThat(sh(name, "cat /mnt/data/hello.txt; echo new > /mnt/data/written.txt; cat /mnt/os-release | head -1"))
                .startsWith("host data\n").contains("NAME=");
        assertThat(data.resolve("written.txt")).hasContent("new\n");
        assertThat(sh(name, "echo x > /mnt/os-release 2>&1; echo rc=$?")).contains("Read-only file system");

        // re-created from scratch, the same name gets the same MAC address
        String yamlAbsent = """
                apiVersion: rootfleet/v1
                containers:
                  - {name: %s, state: absent}
                """.formatted(name);
        assertThat(t.apply(yamlAbsent).exit()).isZero();
        assertThat(t.apply("""
                apiVersion: rootfleet/v1
                containers:
                  - {name: %s, init: [/bin/sleep, infinity], stop: {timeout: 0}, network: {bridge: %s}}
                """.formatted(name, bridge)).exit()).isZero();
        assertThat(sh(name, "cat /sys/class/net/eth0/address").strip()).isEqualTo(mac);
    }

    /** Reads a limit from the host's side of the container's cgroup, v1 or v2, whichever this host has. */
    private static String cgroupValue(int pid, String controller, String v1File, String v2File) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
            String[] f = line.split(":", 3);
            if (List.of(f[1].split(",")).contains(controller)) {
                return Files.readString(Path.of("/sys/fs/cgroup", controller, f[2], v1File)).strip();
            }
        }
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
            if (line.startsWith("0::")) {
                return Files.readString(Path.of("/sys/fs/cgroup", line.substring(3), v2File)).strip();
            }
        }
        throw new AssertionError("no " + controller + " cgroup for pid " + pid);
    }

    @Test
    void missingMountSource_failsThatContainerOnly() {
        String good = t.name("good");
        String bad = t.name("bad");
        TestHome.Run run = t.apply("""
                apiVersion: rootfleet/v1
                containers:
                  - {name: %s, init: [/bin/sleep, infinity], stop: {timeout: 0}}
                  - name: %s
                    init: [/bin/sleep, infinity]
                    mounts: [{source: /nonexistent/rootfleet-it, target: /data}]
                """.formatted(good, bad));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("mount source /nonexistent/rootfleet-it does not exist on this host");
        assertThat(t.agent("status").out()).containsPattern(good + "\\s+started\\s+RUNNING");
    }
}
