package io.rootfleet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.sys.ProcessResult;
import io.rootfleet.model.ContainerName;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Row b of the threat model: root inside a container replaces a directory above a path its definition writes
 * with {@code files:} by a symlink to a host directory; the agent used to follow a symlink at the grandparent
 * or higher and replace the host's file. Now no component is followed: apply refuses, naming the container
 * and the path, and the host is unchanged.
 */
class UpperSymlinkIT {
    private TestHome t;
    private String name;
    private Path hostDir;
    private Path hostFile;

    @BeforeEach
    void setUp() throws Exception {
        t = new TestHome();
        name = t.name("attacker");
        hostDir = Path.of("/root/rootfleet-it-" + t.id);
        hostFile = hostDir.resolve("conf/app.conf");
        Files.createDirectories(hostFile.getParent());
        Files.writeString(hostFile, "host original\n");
        t.onClose(() -> {
            try (Stream<Path> tree = Files.walk(hostDir)) {
                tree.sorted(java.util.Comparator.reverseOrder()).forEach(TestHome::deleteQuietly);
            } catch (Exception ignored) {
                // best effort
            }
        });
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private String state(String content) {
        return """
                apiVersion: rootfleet/v1
                containers:
                  - name: %s
                    init: [/bin/sleep, infinity]
                    stop: {timeout: 0}
                    files:
                      - {path: /srv/app/conf/app.conf, content: "%s", mode: 0644}
                """.formatted(name, content);
    }

    private void inContainer(String script) {
        ProcessResult r = t.exec(name, "/bin/sh", "-c", script);
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
    }

    private TestHome.Run attackAt(String dir) {
        TestHome.Run first = t.apply(state("v1"));
        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        // As root in the container: swap a directory above the file for a symlink; on the host it would resolve
        // against the host's root, so /srv/app -> /root/rootfleet-it-ID would lead to the host's conf/app.conf.
        inContainer("rm -rf " + dir + " && ln -s " + hostDir.resolve(Path.of("/srv/app").relativize(Path.of(dir)))
                + " " + dir);
        return t.apply(state("v2 from the definition"));
    }

    @Test
    void grandparentReplacedBySymlinkToHostDir_isRefusedAndHostUnchanged() throws Exception {
        var modeBefore = Files.getPosixFilePermissions(hostFile);
        var ownerBefore = Files.getAttribute(hostFile, "unix:uid");
        TestHome.Run run = attackAt("/srv/app");

        assertThat(run.exit()).isNotZero();
        assertThat(run.out() + run.err()).contains("container " + name).contains("/srv/app/conf/app.conf")
                .contains("/srv/app is a symbolic link in the container's layer; refusing to follow it");
        assertThat(hostFile).hasContent("host original\n");
        assertThat(Files.getPosixFilePermissions(hostFile)).isEqualTo(modeBefore);
        assertThat(Files.getAttribute(hostFile, "unix:uid")).isEqualTo(ownerBefore);
        try (Stream<Path> files = Files.list(hostFile.getParent())) {
            assertThat(files).containsExactly(hostFile); // no temp file left behind either
        }
    }

    @Test
    void parentReplacedBySymlink_isRefusedAndHostUnchanged() {
        TestHome.Run run = attackAt("/srv/app/conf");

        assertThat(run.exit()).isNotZero();
        assertThat(run.out() + run.err()).contains("container " + name)
                .contains("/srv/app/conf is a symbolic link in the container's layer; refusing to follow it");
        assertThat(hostFile).hasContent("host original\n");
    }

    @Test
    void fileReplacedBySymlink_isReplacedNotFollowed() {
        TestHome.Run run = attackAt("/srv/app/conf/app.conf");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(hostFile).hasContent("host original\n");
        Path inLayer = t.home.upper(new ContainerName(name)).resolve("srv/app/conf/app.conf");
        assertThat(Files.isSymbolicLink(inLayer)).isFalse();
        assertThat(Files.isRegularFile(inLayer, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(inLayer).hasContent("v2 from the definition");
    }

    private String withoutFiles(String files) {
        return """
                apiVersion: rootfleet/v1
                containers:
                  - name: %s
                    init: [/bin/sleep, infinity]
                    stop: {timeout: 0}
                    files: %s
                """.formatted(name, files);
    }

    @Test
    void aFileDroppedFromTheDefinition_leavesTheLayer_andTheHostsFileShowsAgain() throws Exception {
        String hostVersion = Files.readString(Path.of("/etc/debian_version"));
        TestHome.Run first = t.apply(withoutFiles("[{path: /etc/debian_version, content: \"the container's\\n\"},"
                + " {path: /srv/app/conf/app.conf, content: v1}]"));
        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        assertThat(t.exec(name, "/bin/cat", "/etc/debian_version").stdout()).isEqualTo("the container's\n");

        TestHome.Run dropped = t.apply(withoutFiles("[{path: /srv/app/conf/app.conf, content: v1}]"));

        assertThat(dropped.exit()).as(dropped.out() + dropped.err()).isZero();
        assertThat(t.exec(name, "/bin/cat", "/etc/debian_version").stdout()).isEqualTo(hostVersion);
        assertThat(t.home.upper(new ContainerName(name)).resolve("etc/debian_version")).doesNotExist();
        assertThat(t.exec(name, "/bin/cat", "/srv/app/conf/app.conf").stdout()).isEqualTo("v1");
    }

    @Test
    void aFileDroppedBelowADirectoryReplacedBySymlink_isNotFollowed_andTheHostIsUnchanged() {
        TestHome.Run first = t.apply(state("v1"));
        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        inContainer("rm -rf /srv/app && ln -s " + hostDir + " /srv/app");

        TestHome.Run dropped = t.apply(withoutFiles("[]"));

        assertThat(dropped.exit()).as(dropped.out() + dropped.err()).isZero();
        assertThat(hostFile).hasContent("host original\n");
    }
}
