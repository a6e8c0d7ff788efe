package io.rootfleet.agent.lxc;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.userns.IdRange;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.Limits;
import io.rootfleet.model.MountSpec;
import io.rootfleet.model.NetworkSpec;
import java.util.Optional;
import java.util.Set;

/**
 * Renders a container's LXC config from its spec: the template, then the container's own lines. Pure.
 * The rootfs is {@code overlay:MASK:ROOT:UPPER}: LXC mounts it afresh inside the container's own mount
 * namespace on every start, which is what makes a restart pick up the host's updated files.
 *
 * <p>An unprivileged container gets its user namespace ({@code lxc.idmap} of its range), the idmapped bind of /
 * for that range as its lowest layer, and {@code userxattr}: LXC mounts its overlay inside that namespace, where
 * overlayfs reads only user.overlay.* xattrs.
 */
public final class LxcConfigRenderer {
    private static final long CPU_PERIOD_US = 100_000;

    private final AgentHome home;
    private final HostFacts facts;

    public LxcConfigRenderer(AgentHome home, HostFacts facts) {
        this.home = home;
        this.facts = facts;
    }

    /**
     * @param fileMounts targets of mounts whose source is a file rather than a directory
     */
    /** The config of a privileged container. */
    public String render(ContainerSpec spec, String template, Set<String> fileMounts) {
        return render(spec, template, fileMounts, Optional.empty());
    }

    /**
     * @param idRange the container's id range when it is unprivileged; empty for a privileged container
     */
    public String render(ContainerSpec spec, String template, Set<String> fileMounts, Optional<IdRange> idRange) {
        if (spec.privileged() == idRange.isPresent()) {
            throw new IllegalArgumentException("container " + spec.name() + ": " + (spec.privileged()
                    ? "a privileged container has no id range" : "an unprivileged container needs its id range"));
        }
        try {
            return renderLines(spec, template, fileMounts, idRange);
        } catch (UnsafeConfigValueException e) {
            throw new IllegalArgumentException("container " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    private String renderLines(ContainerSpec spec, String template, Set<String> fileMounts, Optional<IdRange> idRange) {
        StringBuilder c = new StringBuilder();
        c.append("# Written by rootfleet-agent for container '").append(spec.name())
                .append("'. Changes here are overwritten by the next apply.\n\n");
        c.append(template.replace("{{apparmor_profile}}", facts.appArmor() ? "generated" : "unconfined"));
        c.append("\n# Container\n");
        line(c, "lxc.uts.name", spec.effectiveHostname().value());
        if (idRange.isPresent()) {
            line(c, "lxc.idmap", "u " + idRange.get().mapLine());
            line(c, "lxc.idmap", "g " + idRange.get().mapLine());
            line(c, "lxc.rootfs.path", "overlay:" + home.maskDir(spec.name()) + ":"
                    + home.idmappedRoot(idRange.get().hostBase()) + ":" + home.upper(spec.name()));
            line(c, "lxc.rootfs.options", "userxattr");
        } else {
            line(c, "lxc.rootfs.path", "overlay:" + home.maskDir(spec.name()) + ":" + home.rootMount() + ":"
                    + home.upper(spec.name()));
        }
        if (initFitsConfig(spec)) {
            line(c, "lxc.init.cmd", spec.usesHostInit() ? "/sbin/init" : String.join(" ", spec.init()));
        } else {
            c.append("# init has arguments with spaces, which lxc.init.cmd cannot hold: the agent passes it to lxc-start\n");
        }
        line(c, "lxc.signal.halt", spec.effectiveStop().signal());
        line(c, "lxc.start.auto", spec.autostart() ? "1" : "0");
        line(c, "lxc.log.file", home.lxcLog(spec.name()).toString());
        line(c, "lxc.log.level", "WARN");
        line(c, "lxc.console.logfile", home.consoleLog(spec.name()).toString());
        line(c, "lxc.console.buffer.size", "128K");
        line(c, "lxc.console.size", "128K");
        network(c, spec);
        for (MountSpec m : spec.mounts()) {
            // unprivileged: the bind is idmapped with the container's own map (LXC 5.0), so host owners show inside
            // as they do in a privileged container, and the container's root acts as the host's root there only
            String options = "bind" + (m.readOnly() ? ",ro" : "") + (fileMounts.contains(m.target().value()) ? ",create=file" : ",create=dir")
                    + (idRange.isPresent() ? ",idmap=container" : "");
            line(c, "lxc.mount.entry", escape(m.source().value()) + " " + escape(m.target().relative()) + " none " + options + " 0 0");
        }
        limits(c, spec.limits());
        spec.env().forEach((k, v) -> line(c, "lxc.environment", k + "=" + v));
        return c.toString();
    }

    /** lxc.init.cmd is split on whitespace with no quoting, so only space-free argv fits in it. */
    public static boolean initFitsConfig(ContainerSpec spec) {
        return spec.init().stream().noneMatch(arg -> arg.isEmpty() || arg.chars().anyMatch(Character::isWhitespace));
    }

    private void network(StringBuilder c, ContainerSpec spec) {
        if (spec.network().isEmpty()) {
            // Only this flag makes LXC bring the loopback up; a plain-process init never does (measured: lo
            // stays DOWN without it, so nothing inside could reach 127.0.0.1, nor a tcp health check).
            line(c, "lxc.net.0.type", "empty");
            line(c, "lxc.net.0.flags", "up");
            return;
        }
        NetworkSpec n = spec.network().get();
        line(c, "lxc.net.0.type", "veth");
        line(c, "lxc.net.0.link", n.bridge());
        line(c, "lxc.net.0.flags", "up");
        line(c, "lxc.net.0.name", "eth0");
        line(c, "lxc.net.0.hwaddr", n.hwaddrFor(spec.name()));
        n.ipv4().ifPresent(ip -> line(c, "lxc.net.0.ipv4.address", ip + " " + ip.broadcast()));
        n.gateway().ifPresent(gw -> line(c, "lxc.net.0.ipv4.gateway", gw.toString()));
    }

    private void limits(StringBuilder c, Limits limits) {
        String prefix = facts.cgroupV2() ? "lxc.cgroup2." : "lxc.cgroup.";
        limits.memoryBytes().ifPresent(bytes ->
                line(c, prefix + (facts.cgroupV2() ? "memory.max" : "memory.limit_in_bytes"), String.valueOf(bytes)));
        limits.milliCpus().ifPresent(milli -> {
            long quota = milli * CPU_PERIOD_US / 1000;
            if (facts.cgroupV2()) {
                line(c, "lxc.cgroup2.cpu.max", quota + " " + CPU_PERIOD_US);
            } else {
                line(c, "lxc.cgroup.cpu.cfs_period_us", String.valueOf(CPU_PERIOD_US));
                line(c, "lxc.cgroup.cpu.cfs_quota_us", String.valueOf(quota));
            }
        });
        limits.pids().ifPresent(p -> line(c, prefix + "pids.max", String.valueOf(p)));
    }

    /**
     * The one place a config line is written. LXC splits its config on '\n' and also on '\r' (measured), so
     * a value carrying any control character could add a line of its own choosing: refused, never escaped,
     * whatever field the value came from (validation refuses them earlier; this is the last guard).
     */
    private static void line(StringBuilder c, String key, String value) {
        for (String part : new String[] {key, value}) {
            if (part.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
                throw new UnsafeConfigValueException(key, part);
            }
        }
        c.append(key).append(" = ").append(value).append('\n');
    }

    /** A value that would have reached the LXC config with a control character in it. */
    public static final class UnsafeConfigValueException extends IllegalArgumentException {
        UnsafeConfigValueException(String key, String value) {
            super("refusing to write " + key + " into an LXC config: its value '" + printable(value) + "' contains a"
                    + " control character, which LXC could read as a line break; remove it from the definition");
        }

        private static String printable(String value) {
            StringBuilder out = new StringBuilder();
            value.codePoints().limit(80).forEach(ch -> {
                if (ch < 0x20 || ch == 0x7f) {
                    out.append(String.format("\\x%02x", ch));
                } else {
                    out.appendCodePoint(ch);
                }
            });
            return out.toString();
        }
    }

    /** fstab-style escaping, as LXC reads mount entries: space, tab and backslash as octal. */
    static String escape(String path) {
        return path.replace("\\", "\\134").replace(" ", "\\040").replace("\t", "\\011");
    }
}
