package io.rootfleet.agent.mask;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.mask.HostView.Attributes;
import io.rootfleet.agent.mask.HostView.Type;
import io.rootfleet.model.AbsolutePath;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.codec.DesiredStateReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MaskPlannerTest {

    /** A host described by a map of path to entry; enough for planning, which only looks. */
    private static final class FakeHost implements HostView {
        final Map<String, Attributes> entries = new TreeMap<>();
        final Map<String, String> contents = new TreeMap<>();
        final Map<String, String> links = new TreeMap<>();

        FakeHost dir(String path, int mode) {
            return dir(path, mode, 0, 0);
        }

        FakeHost dir(String path, int mode, int uid, int gid) {
            entries.put(path, new Attributes(Type.DIRECTORY, mode, uid, gid));
            return this;
        }

        FakeHost file(String path, String content) {
            entries.put(path, new Attributes(Type.FILE, 0644, 0, 0));
            contents.put(path, content);
            return this;
        }

        FakeHost link(String path, String target) {
            entries.put(path, new Attributes(Type.SYMLINK, 0777, 0, 0));
            links.put(path, target);
            return this;
        }

        @Override
        public Optional<Attributes> lookup(AbsolutePath path) {
            return Optional.ofNullable(entries.get(path.value()));
        }

        @Override
        public List<String> list(AbsolutePath dir) {
            String prefix = dir.isRoot() ? "/" : dir.value() + "/";
            return entries.keySet().stream()
                    .filter(p -> p.startsWith(prefix) && p.length() > prefix.length() && !p.substring(prefix.length()).contains("/"))
                    .map(p -> p.substring(prefix.length()))
                    .sorted()
                    .toList();
        }

        @Override
        public Optional<String> read(AbsolutePath path) {
            return Optional.ofNullable(contents.get(path.value()));
        }

        @Override
        public Optional<String> readLink(AbsolutePath path) {
            return Optional.ofNullable(links.get(path.value()));
        }
    }

    private static ContainerSpec spec(String yamlFields) {
        return DesiredStateReader.read("apiVersion: rootfleet/v1\ncontainers:\n  - name: web-01\n" + yamlFields, "t")
                .containers().get(0);
    }

    private static Map<String, String> plan(FakeHost host, ContainerSpec spec) {
        return new MaskPlanner(host).plan(spec, List.of(new AbsolutePath("/var/lib/rootfleet-test"))).stream()
                .collect(Collectors.toMap(e -> e.path().value(), e -> e.kind().name(), (a, b) -> a, TreeMap::new));
    }

    private static FakeHost debianHost() {
        return new FakeHost()
                .dir("/etc", 0755).dir("/etc/ssh", 0755).dir("/root", 0700).dir("/tmp", 01777).dir("/home", 0755)
                .dir("/var", 0755).dir("/var/log", 0755).dir("/var/lib", 0755).dir("/var/lib/rootfleet-test", 0700)
                .file("/etc/shadow", "root:$y$secret:19000:0:99999:7:::\n")
                .file("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nwww-data:x:33:33::/var/www:/usr/sbin/nologin\n")
                .file("/etc/group", "root:x:0:\nadm:x:4:alice\n")
                .file("/etc/machine-id", "3d1219c7c4c5404aaa1f6d2a48adfda4\n")
                .file("/etc/ssh/ssh_host_ed25519_key", "PRIVATE").file("/etc/ssh/ssh_host_ed25519_key.pub", "PUBLIC")
                .file("/etc/ssh/sshd_config", "Port 22");
    }

    @Test
    void plan_hidesSecretsAndRegeneratesIdentity() {
        Map<String, String> mask = plan(debianHost(), spec(""));
        assertThat(mask).containsEntry("/root", "OPAQUE_DIR")
                .containsEntry("/home", "OPAQUE_DIR")
                .containsEntry("/tmp", "OPAQUE_DIR")
                .containsEntry("/var/log", "OPAQUE_DIR")
                .containsEntry("/var/lib/rootfleet-test", "OPAQUE_DIR")
                .containsEntry("/etc/ssh/ssh_host_ed25519_key", "WHITEOUT")
                .containsEntry("/etc/ssh/ssh_host_ed25519_key.pub", "WHITEOUT")
                .containsEntry("/etc/shadow", "FILE")
                .containsEntry("/etc/gshadow", "FILE")
                .containsEntry("/etc/hostname", "FILE")
                .containsEntry("/etc/hosts", "FILE")
                .containsEntry("/etc/machine-id", "FILE")
                .doesNotContainKey("/etc/ssh/sshd_config")
                .doesNotContainKey("/etc/letsencrypt"); // not on this host: nothing to hide
    }

    @Test
    void plan_shadowHasEveryAccountLocked() {
        MaskEntry shadow = new MaskPlanner(debianHost()).plan(spec(""), List.of()).stream()
                .filter(e -> e.path().value().equals("/etc/shadow")).findFirst().orElseThrow();
        assertThat(shadow.content()).isEqualTo("root:!*:::::::\nwww-data:!*:::::::\n");
        MaskEntry gshadow = new MaskPlanner(debianHost()).plan(spec(""), List.of()).stream()
                .filter(e -> e.path().value().equals("/etc/gshadow")).findFirst().orElseThrow();
        assertThat(gshadow.content()).isEqualTo("root:!*::\nadm:!*::alice\n");
    }

    @Test
    void plan_opaqueDirectoriesKeepHostModes() {
        List<MaskEntry> mask = new MaskPlanner(debianHost()).plan(spec(""), List.of());
        assertThat(mask).filteredOn(e -> e.path().value().equals("/tmp")).singleElement()
                .extracting(MaskEntry::mode).isEqualTo(01777);
    }

    @Test
    void plan_unhideAndHide() {
        Map<String, String> mask = plan(debianHost().dir("/opt", 0755).dir("/opt/vault", 0700),
                spec("    unhide: [/var/log, /etc/shadow]\n    hide: [/opt/vault]\n"));
        assertThat(mask).doesNotContainKey("/var/log").doesNotContainKey("/etc/shadow")
                .containsEntry("/opt/vault", "OPAQUE_DIR");
    }

    @Test
    void plan_machineIdDiffersPerContainerAndIsStable() {
        FakeHost host = debianHost();
        String one = machineId(host, spec(""));
        assertThat(one).matches("[0-9a-f]{32}\n").isEqualTo(machineId(host, spec("")));
        String other = machineId(host, DesiredStateReader.read(
                "apiVersion: rootfleet/v1\ncontainers: [{name: web-02}]", "t").containers().get(0));
        assertThat(other).isNotEqualTo(one);
    }

    private static String machineId(FakeHost host, ContainerSpec spec) {
        return new MaskPlanner(host).plan(spec, List.of()).stream()
                .filter(e -> e.path().value().equals("/etc/machine-id")).findFirst().orElseThrow().content();
    }

    @Test
    void plan_hostsFileUsesStaticAddress() {
        MaskEntry hosts = new MaskPlanner(debianHost())
                .plan(spec("    hostname: web-01.example.org\n    network: {bridge: br0, ipv4: 10.0.3.5/24}\n"), List.of())
                .stream().filter(e -> e.path().value().equals("/etc/hosts")).findFirst().orElseThrow();
        assertThat(hosts.content()).contains("10.0.3.5\tweb-01.example.org web-01\n");
    }

    @Test
    void plan_hostInit_keepsOnlyRequestedServices() {
        FakeHost host = debianHost().dir("/etc/systemd", 0755).dir("/etc/systemd/system", 0755)
                .dir("/etc/systemd/system/multi-user.target.wants", 0755)
                .link("/etc/systemd/system/multi-user.target.wants/postgresql.service", "/lib/systemd/system/postgresql.service")
                .link("/etc/systemd/system/multi-user.target.wants/cron.service", "/lib/systemd/system/cron.service")
                .dir("/lib", 0755).dir("/lib/systemd", 0755).dir("/lib/systemd/system", 0755)
                .file("/lib/systemd/system/apache2.service", "[Unit]");
        List<MaskEntry> mask = new MaskPlanner(host).plan(spec("    services: [cron.service, apache2.service]\n"), List.of());
        Map<String, String> links = mask.stream().filter(e -> e.kind() == MaskEntry.Kind.SYMLINK)
                .collect(Collectors.toMap(e -> e.path().value(), MaskEntry::content));
        assertThat(links).containsOnly(
                Map.entry("/etc/systemd/system/multi-user.target.wants/cron.service", "/lib/systemd/system/cron.service"),
                Map.entry("/etc/systemd/system/multi-user.target.wants/apache2.service", "/lib/systemd/system/apache2.service"));
        assertThat(mask).anyMatch(e -> e.path().value().equals("/etc/systemd/system/multi-user.target.wants")
                && e.kind() == MaskEntry.Kind.OPAQUE_DIR);
    }

    @Test
    void plan_hiddenLogDirectory_keepsTheHostsSkeleton_emptyWithOwnerAndMode() {
        FakeHost host = debianHost()
                .dir("/var/log/apache2", 0750, 0, 4).file("/var/log/apache2/access.log", "GET /")
                .dir("/var/log/apt", 0755).file("/var/log/apt/history.log", "install")
                .dir("/var/log/journal", 02755, 0, 101).dir("/var/log/journal/3d1219c7c4c5404aaa1f6d2a48adfda4", 02755)
                .dir("/var/log/a", 0755).dir("/var/log/a/b", 0755).dir("/var/log/a/b/c", 0755).dir("/var/log/a/b/c/d", 0755)
                .dir("/var/log/secret", 0700).dir("/var/log/secret/inner", 0700)
                .file("/var/log/dpkg.log", "upgrade").dir("/tmp/build", 0755);
        List<MaskEntry> mask = new MaskPlanner(host).plan(spec("    hide: [/var/log/secret]\n"), List.of());
        Map<String, MaskEntry> byPath = mask.stream().collect(Collectors.toMap(e -> e.path().value(), e -> e));
        assertThat(byPath.get("/var/log/apache2")).isEqualTo(new MaskEntry(new AbsolutePath("/var/log/apache2"),
                MaskEntry.Kind.OPAQUE_DIR, "", 0750, 0, 4));
        assertThat(byPath.get("/var/log/journal").mode()).isEqualTo(02755);
        assertThat(byPath.get("/var/log/journal").gid()).isEqualTo(101);
        assertThat(byPath).containsKeys("/var/log", "/var/log/apt", "/var/log/a", "/var/log/a/b", "/var/log/a/b/c")
                .as("deeper than the skeleton goes").doesNotContainKey("/var/log/a/b/c/d")
                .as("the host's own journal").doesNotContainKey("/var/log/journal/3d1219c7c4c5404aaa1f6d2a48adfda4")
                .as("files stay hidden").doesNotContainKeys("/var/log/apache2/access.log", "/var/log/dpkg.log")
                .as("hidden on its own").doesNotContainKeys("/var/log/secret", "/var/log/secret/inner")
                .as("/tmp is made at run time").doesNotContainKey("/tmp/build");
        // parents come before their children, so the writer finds each parent made with the host's attributes
        assertThat(mask.stream().map(e -> e.path().value()).toList().indexOf("/var/log/a"))
                .isLessThan(mask.stream().map(e -> e.path().value()).toList().indexOf("/var/log/a/b"));
    }

    @Test
    void plan_skeletonLeavesOutTheAgentsHome_andIsOnlyForLogs() {
        FakeHost host = debianHost().dir("/var/log/nginx", 0755).dir("/var/log/agent", 0700)
                .dir("/var/log/agent/containers", 0700).dir("/root/.ssh", 0700).dir("/home/alice", 0750);
        Map<String, String> mask = new MaskPlanner(host).plan(spec(""), List.of(new AbsolutePath("/var/log/agent"))).stream()
                .collect(Collectors.toMap(e -> e.path().value(), e -> e.kind().name()));
        assertThat(mask).containsEntry("/var/log/nginx", "OPAQUE_DIR").doesNotContainKeys("/var/log/agent/containers")
                .as("/root and /home stay empty").doesNotContainKeys("/root/.ssh", "/home/alice");
    }

    @Test
    void plan_hostInit_boundsTheJournal_andRotatesLogsWhenTheHostHasLogrotate() {
        FakeHost host = debianHost().dir("/lib", 0755).dir("/lib/systemd", 0755).dir("/lib/systemd/system", 0755)
                .file("/lib/systemd/system/logrotate.timer", "[Timer]");
        List<MaskEntry> systemd = new MaskPlanner(host).plan(spec(""), List.of());
        assertThat(systemd).anyMatch(e -> e.path().value().equals("/etc/systemd/journald.conf.d/rootfleet.conf")
                && e.content().contains("SystemMaxUse=64M") && e.mode() == 0644);
        assertThat(systemd).anyMatch(e -> e.kind() == MaskEntry.Kind.SYMLINK
                && e.path().value().endsWith("/logrotate.timer") && e.content().equals("/lib/systemd/system/logrotate.timer"));
        List<MaskEntry> plain = new MaskPlanner(host).plan(spec("    init: [/bin/sleep, infinity]\n"), List.of());
        assertThat(plain).noneMatch(e -> e.path().value().contains("journald") || e.path().value().contains("logrotate"));
    }

    @Test
    void plan_hostInit_enablesAServiceTheContainerDeclaresInItsFiles() {
        List<MaskEntry> mask = new MaskPlanner(debianHost()).plan(spec("""
                    services: [app.service]
                    files:
                      - {path: /etc/systemd/system/app.service, content: "[Service]\\nExecStart=/bin/true\\n"}
                """), List.of());
        assertThat(mask).anyMatch(e -> e.kind() == MaskEntry.Kind.SYMLINK
                && e.path().value().equals("/etc/systemd/system/multi-user.target.wants/app.service")
                && e.content().equals("/etc/systemd/system/app.service"));
    }
}
