package io.rootfleet.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.codec.DesiredStateReader;
import io.rootfleet.agent.userns.IdRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Single steps on a fake LXC and kernel; ContainerLifecycleIT runs them on real ones. */
class ContainerActionsTest {
    private static final ContainerName WEB = new ContainerName("web");

    @TempDir
    Path tmp;

    private static ContainerSpec web() {
        return DesiredStateReader.read("""
                apiVersion: rootfleet/v1
                containers:
                  - name: web
                    init: [/bin/sleep, infinity]
                    files: [{path: /etc/motd, content: "hello\\n", mode: "0640"}]
                """, "desired.yml").containers().get(0);
    }

    @Test
    void write_createsTheLayersConfigAndFiles_andRemembersTheSpec() throws Exception {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        Engine engine = host.engine();
        ContainerSpec web = web().withPrivileged(true);
        engine.actions().write(web);
        assertThat(Files.readString(host.home.config(WEB))).contains("lxc.uts.name = web\n")
                .contains("lxc.init.cmd = /bin/sleep infinity\n");
        Path motd = host.home.upper(WEB).resolve("etc/motd");
        assertThat(motd).hasContent("hello");
        // the file's owner and mode are set through its descriptor (no path a symlink could redirect)
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(motd))).isEqualTo("rw-r-----");
        assertThat(Files.getAttribute(motd, "unix:uid")).isEqualTo(0);
        assertThat(engine.store().readApplied(WEB)).contains(web);
        assertThat(host.lxc.calls()).isEmpty();
    }

    @Test
    void write_unprivileged_recordsARange_andOwnsTheLayersInIt() throws Exception {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        Engine engine = host.engine();
        engine.actions().write(web());
        int base = 1073741824;
        assertThat(engine.ranges().rangeOf(WEB)).contains(IdRange.of(base));
        assertThat(Files.readString(host.home.idRanges()))
                .isEqualTo("{\"version\":1,\"ranges\":{\"web\":{\"base\":1073741824,\"count\":65536}}}\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(host.home.idRanges()))).isEqualTo("rw-------");
        assertThat(Files.readString(host.subuid)).isEqualTo("root:1073741824:1073610752\n");
        assertThat(Files.readString(host.subgid)).isEqualTo("root:1073741824:1073610752\n");
        assertThat(Files.readString(host.home.config(WEB)))
                .contains("lxc.idmap = u 0 " + base + " 65536\n")
                .contains(":" + host.home.idmappedRoot(base) + ":");
        Path motd = host.home.upper(WEB).resolve("etc/motd");
        assertThat(Files.getAttribute(motd, "unix:uid")).isEqualTo(base);
        assertThat(Files.getAttribute(motd, "unix:gid")).isEqualTo(base);
        assertThat(host.kernel.calls()).contains("chown " + base + ":" + base + " " + host.home.upper(WEB),
                "chown " + base + ":" + base + " " + host.home.work(WEB), "chown 0:" + base + " " + host.home.containerDir(WEB));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(host.home.containerDir(WEB))))
                .isEqualTo("rwx--x---");
    }

    @Test
    void rangesOfTwoContainersDiffer_andADestroyedContainersRangeIsReleasedAfterItsFiles() throws Exception {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        Engine engine = host.engine();
        ContainerSpec other = web().withName(new ContainerName("other"));
        engine.actions().write(web());
        engine.actions().write(other);
        assertThat(engine.ranges().rangeOf(WEB)).contains(IdRange.of(1073741824));
        assertThat(engine.ranges().rangeOf(other.name())).contains(IdRange.of(1073741824 + 65536));
        engine.actions().start(web());
        assertThat(host.idmappedRootCalls).containsExactly("mount 1073741824");
        engine.actions().stop(WEB, web().effectiveStop());
        engine.actions().destroy(WEB);
        assertThat(host.home.containerDir(WEB)).doesNotExist();
        assertThat(host.idmappedRootCalls).containsExactly("mount 1073741824", "release 1073741824");
        assertThat(engine.ranges().rangeOf(WEB)).isEmpty();
        assertThat(engine.ranges().rangeOf(other.name())).isPresent();
    }

    @Test
    void privileged_andBack_shiftsTheOwnLayer_andReleasesTheRange() throws Exception {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        Engine engine = host.engine();
        engine.actions().write(web().withPrivileged(true));
        Path motd = host.home.upper(WEB).resolve("etc/motd");
        assertThat(Files.getAttribute(motd, "unix:uid")).isEqualTo(0);
        Files.setAttribute(host.home.upper(WEB), "unix:uid", 0); // what the kernel's chown would have left

        engine.actions().write(web());
        assertThat(Files.getAttribute(motd, "unix:uid")).isEqualTo(1073741824);
        assertThat(Files.getAttribute(host.home.upper(WEB), "unix:uid")).isEqualTo(1073741824);

        engine.actions().write(web().withPrivileged(true));
        assertThat(Files.getAttribute(motd, "unix:uid")).isEqualTo(0);
        assertThat(Files.getAttribute(host.home.upper(WEB), "unix:uid")).isEqualTo(0);
        assertThat(engine.ranges().rangeOf(WEB)).isEmpty();
        assertThat(host.idmappedRootCalls).containsExactly("release 1073741824");
        assertThat(Files.readString(host.home.config(WEB))).doesNotContain("lxc.idmap");
    }

    @Test
    void start_writesAFreshMaskLayer_thenStartsWithTheSpecsInit() {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        Engine engine = host.engine();
        engine.actions().write(web());
        engine.actions().start(web());
        assertThat(host.home.maskDir(WEB)).isDirectory();
        assertThat(host.lxc.calls()).containsExactly("start web");
        assertThat(host.lxc.state(WEB).running()).isTrue();
    }

    @Test
    void destroy_refusesWhileRunning_deletesOnceStopped() {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        Engine engine = host.engine();
        engine.actions().write(web());
        engine.actions().start(web());
        assertThatThrownBy(() -> engine.actions().destroy(WEB)).hasMessage("web is still running; not deleting it");
        assertThat(host.home.containerDir(WEB)).exists();
        engine.actions().stop(WEB, web().effectiveStop());
        engine.actions().destroy(WEB);
        assertThat(host.home.containerDir(WEB)).doesNotExist();
        assertThat(host.home.maskDir(WEB)).doesNotExist();
        assertThat(host.lxc.calls()).containsExactly("start web", "stop web");
    }

    @Test
    void stage_writesBesideTheOldFiles_commitPutsThemInPlace_discardLeavesTheOldOnes() throws Exception {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        Engine engine = host.engine();
        engine.actions().write(web());
        Path motd = host.home.upper(WEB).resolve("etc/motd");
        String oldConfig = Files.readString(host.home.config(WEB));
        ContainerSpec changed = DesiredStateReader.read("""
                apiVersion: rootfleet/v1
                containers:
                  - name: web
                    init: [/bin/sleep, "1000"]
                    files:
                      - {path: /etc/motd, content: "new\\n"}
                      - {path: /etc/new/dir/conf, content: "x"}
                """, "desired.yml").containers().get(0);

        StagedWrite dropped = engine.actions().stage(changed);
        assertThat(motd).hasContent("hello");
        assertThat(host.home.config(WEB)).hasContent(oldConfig);
        assertThat(host.home.upper(WEB).resolve("etc/new/dir")).isDirectory(); // staged beside the file to be
        engine.actions().discard(dropped);
        assertThat(motd).hasContent("hello");
        assertThat(host.home.config(WEB)).hasContent(oldConfig);
        assertThat(host.home.upper(WEB).resolve("etc/new")).doesNotExist(); // the directories it made went too
        try (var names = Files.list(host.home.upper(WEB).resolve("etc"))) {
            assertThat(names).extracting(p -> p.getFileName().toString()).containsExactly("motd");
        }

        engine.actions().commit(engine.actions().stage(changed));
        assertThat(motd).hasContent("new");
        assertThat(host.home.upper(WEB).resolve("etc/new/dir/conf")).hasContent("x");
        assertThat(Files.readString(host.home.config(WEB))).contains("lxc.init.cmd = /bin/sleep 1000\n");
        assertThat(engine.store().readApplied(WEB)).contains(changed);
        try (var names = Files.list(host.home.containerDir(WEB))) {
            assertThat(names).extracting(p -> p.getFileName().toString()).noneMatch(n -> n.startsWith("."));
        }
    }

    private static ContainerSpec webWith(String files) {
        return DesiredStateReader.read("""
                apiVersion: rootfleet/v1
                containers:
                  - name: web
                    init: [/bin/sleep, infinity]
                    files: %s
                """.formatted(files), "desired.yml").containers().get(0).withPrivileged(true);
    }

    @Test
    void write_aFileNoLongerInTheDefinition_leavesTheLayer_andTheOthersStay() throws Exception {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        Engine engine = host.engine();
        engine.actions().write(webWith("[{path: /etc/rf-dropped.conf, content: a}, {path: /srv/app/kept.txt, content: b}]"));
        Path dropped = host.home.upper(WEB).resolve("etc/rf-dropped.conf");
        Path kept = host.home.upper(WEB).resolve("srv/app/kept.txt");
        assertThat(dropped).exists();

        engine.actions().write(webWith("[{path: /srv/app/kept.txt, content: b2}]"));

        assertThat(dropped).doesNotExist();
        assertThat(dropped.getParent()).isDirectory(); // the directories on the way stay
        assertThat(kept).hasContent("b2");
    }

    @Test
    void write_aDroppedFileBelowADirectoryTheContainerReplacedByASymlink_isNotFollowed() throws Exception {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        Engine engine = host.engine();
        engine.actions().write(webWith("[{path: /srv/app/app.conf, content: a}]"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("app.conf"), "not the container's");
        Path app = host.home.upper(WEB).resolve("srv/app");
        Files.delete(app.resolve("app.conf"));
        Files.delete(app);
        Files.createSymbolicLink(app, outside); // as root in the container would

        engine.actions().write(webWith("[]"));

        assertThat(outside.resolve("app.conf")).hasContent("not the container's");
    }
}
