package io.rootfleet.agent.lxc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.userns.IdRange;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.codec.DesiredStateReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LxcConfigRendererTest {
    private static final AgentHome HOME = new AgentHome(Path.of("/var/lib/rootfleet"));

    /** A privileged container: the layout these tests were written for (the unprivileged one has its own tests). */
    private static ContainerSpec spec(String fields) {
        return unprivileged(fields + "    privileged: true\n");
    }

    private static ContainerSpec unprivileged(String fields) {
        return DesiredStateReader.read("apiVersion: rootfleet/v1\ncontainers:\n  - name: web-01\n" + fields, "t")
                .containers().get(0);
    }

    @Test
    void render_unprivilegedGetsItsRangeTheIdmappedRootAndUserXattrs() {
        IdRange range = IdRange.of(1073741824L + 65536);
        String config = new LxcConfigRenderer(HOME, new HostFacts(false, false))
                .render(unprivileged("    mounts: [{source: /srv, target: /srv, readOnly: false}]\n"), Templates.load("debian"),
                        Set.of(), Optional.of(range));
        assertThat(config)
                .contains("lxc.idmap = u 0 1073807360 65536\nlxc.idmap = g 0 1073807360 65536\n")
                .contains("lxc.rootfs.path = overlay:/var/lib/rootfleet/mask/web-01:/var/lib/rootfleet/root-ids/1073807360:"
                        + "/var/lib/rootfleet/containers/web-01/upper\n")
                .contains("lxc.rootfs.options = userxattr\n")
                .contains("lxc.mount.entry = /srv srv none bind,create=dir,idmap=container 0 0\n")
                .doesNotContain("/var/lib/rootfleet/root:");
    }

    @Test
    void render_refusesAPrivilegeThatDoesNotMatchTheRange() {
        LxcConfigRenderer renderer = new LxcConfigRenderer(HOME, new HostFacts(false, false));
        assertThatThrownBy(() -> renderer.render(unprivileged(""), "", Set.of()))
                .hasMessage("container web-01: an unprivileged container needs its id range");
        assertThatThrownBy(() -> renderer.render(spec(""), "", Set.of(), Optional.of(IdRange.of(1073741824L))))
                .hasMessage("container web-01: a privileged container has no id range");
    }

    @Test
    void render_overlayOfMaskRootAndUpper() {
        String config = new LxcConfigRenderer(HOME, new HostFacts(false, true)).render(spec(""), "# template\n", Set.of());
        assertThat(config)
                .contains("lxc.rootfs.path = overlay:/var/lib/rootfleet/mask/web-01:/var/lib/rootfleet/root:"
                        + "/var/lib/rootfleet/containers/web-01/upper\n")
                .contains("lxc.init.cmd = /sbin/init\n")
                .contains("lxc.net.0.type = empty\nlxc.net.0.flags = up\n")
                .contains("lxc.uts.name = web-01\n")
                .contains("lxc.signal.halt = SIGRTMIN+3\n");
    }

    @Test
    void render_templateAppArmorProfileFollowsHost() {
        String template = Templates.load("debian");
        assertThat(new LxcConfigRenderer(HOME, new HostFacts(false, true)).render(spec(""), template, Set.of()))
                .contains("lxc.apparmor.profile = generated\n");
        assertThat(new LxcConfigRenderer(HOME, new HostFacts(false, false)).render(spec(""), template, Set.of()))
                .contains("lxc.apparmor.profile = unconfined\n");
    }

    @Test
    void render_limitsForEachCgroupVersion() {
        ContainerSpec spec = spec("    limits: {memory: 64M, cpus: 0.5, pids: 100}\n");
        assertThat(new LxcConfigRenderer(HOME, new HostFacts(false, false)).render(spec, "", Set.of()))
                .contains("lxc.cgroup.memory.limit_in_bytes = 67108864\n")
                .contains("lxc.cgroup.cpu.cfs_quota_us = 50000\n")
                .contains("lxc.cgroup.pids.max = 100\n");
        assertThat(new LxcConfigRenderer(HOME, new HostFacts(true, false)).render(spec, "", Set.of()))
                .contains("lxc.cgroup2.memory.max = 67108864\n")
                .contains("lxc.cgroup2.cpu.max = 50000 100000\n")
                .contains("lxc.cgroup2.pids.max = 100\n");
    }

    @Test
    void render_networkMountsEnv() {
        String config = new LxcConfigRenderer(HOME, new HostFacts(false, false)).render(spec("""
                    network: {bridge: br0, ipv4: 10.0.3.5/24, gateway: 10.0.3.1}
                    mounts:
                      - {source: /srv/my data, target: /data}
                      - {source: /etc/app.key, target: /etc/app.key, readOnly: false}
                    env: {APP: x}
                """), "", Set.of("/etc/app.key"));
        assertThat(config)
                .contains("lxc.net.0.type = veth\nlxc.net.0.link = br0\n")
                .containsPattern("lxc.net.0.hwaddr = 02(:[0-9a-f]{2}){5}\n")
                .contains("lxc.net.0.ipv4.address = 10.0.3.5/24 10.0.3.255\n")
                .contains("lxc.net.0.ipv4.gateway = 10.0.3.1\n")
                .contains("lxc.mount.entry = /srv/my\\040data data none bind,ro,create=dir 0 0\n")
                .contains("lxc.mount.entry = /etc/app.key etc/app.key none bind,create=file 0 0\n")
                .contains("lxc.environment = APP=x\n");
    }

    @Test
    void render_initWithSpacesIsLeftToLxcStart() {
        ContainerSpec spec = spec("    init: [/bin/sh, -c, \"exec sleep infinity\"]\n");
        assertThat(LxcConfigRenderer.initFitsConfig(spec)).isFalse();
        assertThat(new LxcConfigRenderer(HOME, new HostFacts(false, false)).render(spec, "", Set.of()))
                .doesNotContain("lxc.init.cmd =").contains("lxc.signal.halt = SIGTERM\n");
    }

    @Test
    void parseList_readsLxcLsColumns() {
        Map<io.rootfleet.model.ContainerName, LxcStatus> states = LxcCli.parseList(
                "NAME   STATE   PID \nweb-01 RUNNING 4242 \nweb-02 STOPPED -   \nNot_Ours RUNNING 7\n");
        assertThat(states).hasSize(2);
        assertThat(states.get(new io.rootfleet.model.ContainerName("web-01")))
                .isEqualTo(new LxcStatus(RunState.RUNNING, OptionalInt.of(4242)));
        assertThat(states.get(new io.rootfleet.model.ContainerName("web-02")).running()).isFalse();
    }

    @Test
    void render_refusesAControlCharacterFromAnyField() {
        // The model refuses control characters in a spec; the home path comes from elsewhere (--home), and the
        // guard in the renderer holds for it too.
        AgentHome home = new AgentHome(Path.of("/tmp/rf-home\rlxc.mount.entry = /root mnt none bind,create=dir 0 0"));
        assertThatThrownBy(() -> new LxcConfigRenderer(home, new HostFacts(false, true)).render(spec(""), "", Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("container web-01: refusing to write lxc.rootfs.path into an LXC config: its value"
                        + " 'overlay:/tmp/rf-home\\x0dlxc.mount.entry = /root mnt none bind,create=dir 0 0/mask/w' contains a control character, which LXC could read as a line"
                        + " break; remove it from the definition");
    }

    @Test
    void render_everyLineIsFreeOfControlCharacters() {
        ContainerSpec spec = spec("    env: {A: 'x y', B: \"tab-free\"}\n    mounts: [{source: /srv, target: /srv}]\n"
                + "    network: {bridge: lxcbr0, ipv4: 10.0.3.5/24, gateway: 10.0.3.1}\n");
        String config = new LxcConfigRenderer(HOME, new HostFacts(true, true)).render(spec, Templates.load("debian"), Set.of());
        assertThat(config.chars().filter(ch -> ch != '\n' && (ch < 0x20 || ch == 0x7f))).isEmpty();
    }
}
