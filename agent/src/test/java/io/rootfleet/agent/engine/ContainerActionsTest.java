package io.rootfleet.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.codec.DesiredStateReader;
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
        engine.actions().write(web());
        assertThat(Files.readString(host.home.config(WEB))).contains("lxc.uts.name = web\n")
                .contains("lxc.init.cmd = /bin/sleep infinity\n");
        Path motd = host.home.upper(WEB).resolve("etc/motd");
        assertThat(motd).hasContent("hello");
        // the file's owner and mode are set through its descriptor (no path a symlink could redirect)
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(motd))).isEqualTo("rw-r-----");
        assertThat(Files.getAttribute(motd, "unix:uid")).isEqualTo(0);
        assertThat(engine.store().readApplied(WEB)).contains(web());
        assertThat(host.lxc.calls()).isEmpty();
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
}
