package io.rootfleet.agent.mask;

import io.rootfleet.model.AbsolutePath;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.MaskPolicy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides what a container's mask layer holds: which host paths it hides, and which files it gets its own
 * version of (hostname, hosts, machine-id, shadow files with every password locked). Pure: the host is
 * seen only through a {@link HostView}.
 */
public final class MaskPlanner {
    private static final AbsolutePath SYSTEMD_UNITS = new AbsolutePath("/etc/systemd/system");
    private static final List<String> UNIT_DIRS = List.of("/etc/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system");
    /**
     * Hidden directories whose subdirectories packages expect to exist (measured: Debian's apache2 exits at
     * boot without /var/log/apache2 and never recreates it). Their directory tree is kept, empty, with the
     * host's owner and mode; their files stay hidden. Not /home and /root: even the names in them are the
     * host's users' business (they stay empty), nor /tmp and /var/tmp: what is in them is made at run time.
     */
    static final Set<String> SKELETON_KEPT = Set.of("/var/log");
    /** How deep below such a directory, and how many directories at most, the skeleton goes. */
    static final int SKELETON_DEPTH = 3;
    static final int SKELETON_MAX = 1000;
    /** journald's cap on a container's journal, in its own layer: it would otherwise grow with the upper. */
    static final String JOURNALD_DROP_IN = "/etc/systemd/journald.conf.d/rootfleet.conf";
    static final String JOURNALD_LIMITS = "# Written by rootfleet: a container's journal lives in its own layer.\n"
            + "[Journal]\nSystemMaxUse=64M\nRuntimeMaxUse=16M\n";
    /** Rotates the other logs in a container's layer, with the host's logrotate configuration. */
    static final String LOGROTATE_TIMER = "logrotate.timer";

    private final HostView host;

    public MaskPlanner(HostView host) {
        this.host = host;
    }

    /**
     * @param alwaysHidden paths hidden whatever the spec says (the agent's own home)
     */
    public List<MaskEntry> plan(ContainerSpec spec, List<AbsolutePath> alwaysHidden) {
        TreeMap<AbsolutePath, MaskEntry> entries = new TreeMap<>();
        Set<String> hidden = new LinkedHashSet<>(MaskPolicy.DEFAULT_HIDDEN);
        spec.unhide().forEach(hidden::remove);
        spec.hide().forEach(pattern -> hidden.add(pattern.value()));
        for (String pattern : hidden) {
            for (AbsolutePath path : expand(pattern)) {
                hide(path, entries);
            }
        }
        alwaysHidden.forEach(path -> hide(path, entries));
        Set<AbsolutePath> skeleton = new HashSet<>();
        for (String dir : hidden) {
            if (SKELETON_KEPT.contains(dir)) {
                skeleton(new AbsolutePath(dir), entries, skeleton);
            }
        }
        regenerate(spec, hidden, entries);
        if (spec.usesHostInit()) {
            keepOnlyRequestedServices(spec, entries);
            put(entries, JOURNALD_DROP_IN, JOURNALD_LIMITS, 0644);
        }
        return dropCovered(entries, skeleton);
    }

    /**
     * The subdirectories of the hidden directory {@code root}, each as an empty opaque directory with the
     * host's owner and mode. Not what is hidden on its own (the agent's home, a {@code hide} entry), nor
     * the host's own journal (named after the host's machine-id).
     */
    private void skeleton(AbsolutePath root, TreeMap<AbsolutePath, MaskEntry> entries, Set<AbsolutePath> kept) {
        if (!entries.containsKey(root) || entries.get(root).kind() != MaskEntry.Kind.OPAQUE_DIR) {
            return;
        }
        String hostMachineId = host.read(new AbsolutePath("/etc/machine-id")).orElse("").strip();
        ArrayDeque<AbsolutePath> pending = new ArrayDeque<>(List.of(root));
        Map<AbsolutePath, Integer> depth = new HashMap<>(Map.of(root, 0));
        int count = 0;
        while (!pending.isEmpty() && count < SKELETON_MAX) {
            AbsolutePath dir = pending.poll();
            for (String name : host.list(dir)) {
                AbsolutePath sub = dir.resolve(name);
                Optional<HostView.Attributes> attrs = host.lookup(sub);
                if (attrs.isEmpty() || attrs.get().type() != HostView.Type.DIRECTORY || entries.containsKey(sub)
                        || name.equals(hostMachineId) || count >= SKELETON_MAX) {
                    continue;
                }
                entries.put(sub, MaskEntry.opaque(sub, attrs.get()));
                kept.add(sub);
                count++;
                depth.put(sub, depth.get(dir) + 1);
                if (depth.get(sub) < SKELETON_DEPTH) {
                    pending.add(sub);
                }
            }
        }
    }

    private List<AbsolutePath> expand(String pattern) {
        if (!pattern.endsWith("*")) {
            return List.of(new AbsolutePath(pattern));
        }
        String prefix = pattern.substring(0, pattern.length() - 1);
        int slash = prefix.lastIndexOf('/');
        AbsolutePath dir = new AbsolutePath(slash == 0 ? "/" : prefix.substring(0, slash));
        String namePrefix = prefix.substring(slash + 1);
        List<AbsolutePath> matches = new ArrayList<>();
        for (String name : host.list(dir)) {
            if (name.startsWith(namePrefix)) {
                matches.add(dir.resolve(name));
            }
        }
        return matches;
    }

    private void hide(AbsolutePath path, TreeMap<AbsolutePath, MaskEntry> entries) {
        host.lookup(path).ifPresent(attrs -> entries.put(path,
                attrs.type() == HostView.Type.DIRECTORY ? MaskEntry.opaque(path, attrs) : MaskEntry.whiteout(path)));
    }

    private void regenerate(ContainerSpec spec, Set<String> hidden, TreeMap<AbsolutePath, MaskEntry> entries) {
        String hostname = spec.effectiveHostname().value();
        String shortName = spec.effectiveHostname().shortName();
        put(entries, "/etc/hostname", shortName + "\n", 0644);
        String self = spec.network().flatMap(n -> n.ipv4()).map(ip -> ip.address().value()).orElse("127.0.1.1");
        String names = hostname.equals(shortName) ? hostname : hostname + " " + shortName;
        put(entries, "/etc/hosts", "127.0.0.1\tlocalhost\n" + self + "\t" + names + "\n"
                + "::1\tlocalhost ip6-localhost ip6-loopback\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n", 0644);
        if (hidden.contains("/etc/machine-id")) {
            String id = machineId(spec);
            put(entries, "/etc/machine-id", id + "\n", 0444);
            if (hidden.contains("/var/lib/dbus/machine-id") && host.lookup(new AbsolutePath("/var/lib/dbus")).isPresent()) {
                put(entries, "/var/lib/dbus/machine-id", id + "\n", 0444);
            }
        }
        if (hidden.contains("/etc/shadow")) {
            regenerateLocked("/etc/shadow", "/etc/passwd", fields -> fields[0] + ":!*:::::::", entries);
        }
        if (hidden.contains("/etc/gshadow")) {
            regenerateLocked("/etc/gshadow", "/etc/group",
                    fields -> fields[0] + ":!*::" + (fields.length > 3 ? fields[3] : ""), entries);
        }
    }

    /** A shadow-style file with one locked entry per account the host's passwd or group file lists. */
    private void regenerateLocked(String file, String accounts, java.util.function.Function<String[], String> line,
            TreeMap<AbsolutePath, MaskEntry> entries) {
        AbsolutePath path = new AbsolutePath(file);
        StringBuilder content = new StringBuilder();
        for (String account : host.read(new AbsolutePath(accounts)).orElse("").split("\n")) {
            String[] fields = account.split(":", -1);
            if (!account.isBlank() && !account.startsWith("#") && fields.length >= 3) {
                content.append(line.apply(fields)).append('\n');
            }
        }
        HostView.Attributes attrs = host.lookup(path)
                .orElse(new HostView.Attributes(HostView.Type.FILE, 0640, 0, 0));
        entries.put(path, MaskEntry.file(path, content.toString(), attrs.mode() & 07777, attrs.uid(), attrs.gid()));
    }

    /**
     * With the host's systemd as init, a container would start every unit the host enabled (the host's
     * lxc, sshd, database...). Hide the host's enablement links and keep only the units the spec names.
     */
    private void keepOnlyRequestedServices(ContainerSpec spec, TreeMap<AbsolutePath, MaskEntry> entries) {
        Set<String> wanted = new LinkedHashSet<>(spec.services());
        if (findUnit(LOGROTATE_TIMER).isPresent()) {
            wanted.add(LOGROTATE_TIMER);
        }
        for (String name : host.list(SYSTEMD_UNITS)) {
            AbsolutePath dir = SYSTEMD_UNITS.resolve(name);
            Optional<HostView.Attributes> attrs = host.lookup(dir);
            if ((name.endsWith(".wants") || name.endsWith(".requires"))
                    && attrs.map(a -> a.type() == HostView.Type.DIRECTORY).orElse(false)) {
                entries.put(dir, MaskEntry.opaque(dir, attrs.get()));
                for (String unit : host.list(dir)) {
                    if (wanted.contains(unit)) {
                        AbsolutePath link = dir.resolve(unit);
                        host.readLink(link).ifPresent(target -> entries.put(link, MaskEntry.symlink(link, target)));
                    }
                }
            }
        }
        for (String unit : wanted) {
            boolean enabled = entries.values().stream()
                    .anyMatch(e -> e.kind() == MaskEntry.Kind.SYMLINK && e.path().value().endsWith("/" + unit));
            if (!enabled) {
                AbsolutePath link = SYSTEMD_UNITS.resolve("multi-user.target.wants").resolve(unit);
                String unitFile = findUnit(unit).or(() -> declaredUnit(spec, unit)).orElseThrow(() ->
                        new IllegalArgumentException("service " + unit + " is not installed on this host (no unit file"
                                + " in " + String.join(", ", UNIT_DIRS) + ") nor declared in the container's files;"
                                + " install its package on the host"));
                entries.putIfAbsent(link.parent(), MaskEntry.opaque(link.parent(),
                        new HostView.Attributes(HostView.Type.DIRECTORY, 0755, 0, 0)));
                entries.put(link, MaskEntry.symlink(link, unitFile));
            }
        }
    }

    /** A unit the container brings itself, as one of its {@code files} in a unit directory. */
    private static Optional<String> declaredUnit(ContainerSpec spec, String unit) {
        return spec.files().stream().map(f -> f.path().value())
                .filter(path -> UNIT_DIRS.stream().anyMatch(dir -> path.equals(dir + "/" + unit)))
                .findFirst();
    }

    private Optional<String> findUnit(String unit) {
        for (String dir : UNIT_DIRS) {
            AbsolutePath candidate = new AbsolutePath(dir).resolve(unit);
            if (host.lookup(candidate).isPresent()) {
                return Optional.of(candidate.value());
            }
        }
        return Optional.empty();
    }

    private void put(TreeMap<AbsolutePath, MaskEntry> entries, String file, String content, int mode) {
        AbsolutePath path = new AbsolutePath(file);
        entries.put(path, MaskEntry.file(path, content, mode, 0, 0));
    }

    /** A stable per-container machine-id, different on every host and for every name. */
    private String machineId(ContainerSpec spec) {
        String hostId = host.read(new AbsolutePath("/etc/machine-id")).orElse("").strip();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("rootfleet machine-id\0" + hostId + "\0" + spec.name().value()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Drops entries inside a hidden directory that are hidden anyway, but keeps generated files and links
     * there, and the skeleton (an opaque directory shows exactly what the mask puts in it).
     */
    private static List<MaskEntry> dropCovered(TreeMap<AbsolutePath, MaskEntry> entries, Set<AbsolutePath> skeleton) {
        List<MaskEntry> kept = new ArrayList<>();
        List<AbsolutePath> opaque = new ArrayList<>();
        for (MaskEntry entry : entries.values()) {
            boolean covered = !skeleton.contains(entry.path())
                    && opaque.stream().anyMatch(dir -> !dir.equals(entry.path()) && dir.contains(entry.path()));
            if (covered && (entry.kind() == MaskEntry.Kind.WHITEOUT || entry.kind() == MaskEntry.Kind.OPAQUE_DIR)) {
                continue;
            }
            if (entry.kind() == MaskEntry.Kind.OPAQUE_DIR) {
                opaque.add(entry.path());
            }
            kept.add(entry);
        }
        return kept;
    }
}
