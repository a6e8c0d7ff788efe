package io.rootfleet.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One container as declared: what it runs, how it is wired and what it may see. Two specs are equal exactly
 * when applying either gives the same container, which is how the agent decides a container is up to date.
 *
 * @param init the init command as an argv list; empty means the host's own init ({@code /sbin/init})
 * @param services with the host's init, the systemd units to start; other units the host enabled stay off
 * @param health how a restart is judged to have worked; without one, a container is healthy once it runs
 * @param order containers with a lower order start first (at boot and in a rolling restart), stop last
 * @param privileged the container's root is the host's root (no user namespace); the default is unprivileged:
 *     its own user namespace and id range
 * @param allowPrivilegedWithoutAppArmor the second opt-in a privileged container needs on a host without
 *     AppArmor, where nothing stops its root from mounting proc and writing the host's sysctls
 */
public record ContainerSpec(
        ContainerName name,
        ContainerState state,
        List<String> init,
        boolean autostart,
        Optional<Hostname> hostname,
        Optional<NetworkSpec> network,
        List<MountSpec> mounts,
        Limits limits,
        SortedMap<String, String> env,
        List<FileSpec> files,
        List<HidePattern> hide,
        List<String> unhide,
        String template,
        List<String> services,
        Optional<StopPolicy> stop,
        Optional<HealthCheck> health,
        int order,
        boolean privileged,
        boolean allowPrivilegedWithoutAppArmor) {

    public static final int MIN_ORDER = -1000;
    public static final int MAX_ORDER = 1000;
    public static final String DEFAULT_TEMPLATE = "debian";
    public static final List<String> TEMPLATES = List.of("debian", "minimal");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9@_.:-]+\\.(service|socket|timer|target|path|mount)");

    public ContainerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        init = List.copyOf(init);
        for (String arg : init) {
            if (arg.indexOf('\0') >= 0 || arg.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("init argument '" + MessageText.printable(arg)
                        + "' contains a newline or NUL; those cannot be passed");
            }
            if (hasControlCharacter(arg)) {
                throw new IllegalArgumentException("init argument '" + MessageText.printable(arg)
                        + "' contains a control character (carriage return, tab...); LXC's config cannot hold it");
            }
        }
        if (!init.isEmpty()) {
            new AbsolutePath(init.get(0)); // the program must be named by its absolute path
        }
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(network, "network");
        mounts = List.copyOf(mounts);
        Objects.requireNonNull(limits, "limits");
        env = new TreeMap<>(env);
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (!ENV_NAME.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("environment variable name '" + MessageText.printable(e.getKey())
                        + "' is not valid; use letters, digits and '_', not starting with a digit");
            }
            if (e.getValue().indexOf('\n') >= 0 || e.getValue().indexOf('\0') >= 0) {
                throw new IllegalArgumentException("environment variable " + e.getKey()
                        + " contains a newline or NUL; LXC cannot pass that");
            }
            if (hasControlCharacter(e.getValue())) {
                throw new IllegalArgumentException("environment variable " + e.getKey() + " contains a control"
                        + " character (carriage return, tab...); LXC reads a carriage return as a line break in its"
                        + " config, so it is refused");
            }
        }
        files = List.copyOf(files);
        hide = List.copyOf(hide);
        unhide = List.copyOf(unhide);
        if (hide.stream().anyMatch(HidePattern::hidesEverything)) {
            throw new IllegalArgumentException("hiding '/' would hide everything; name the paths to hide");
        }
        for (String path : unhide) {
            if (!MaskPolicy.isDefault(path)) {
                throw new IllegalArgumentException("unhide '" + MessageText.printable(path)
                        + "' is not one of the default hidden paths (" + String.join(", ", MaskPolicy.DEFAULT_HIDDEN) + ")");
            }
        }
        if (!TEMPLATES.contains(template)) {
            throw new IllegalArgumentException("template '" + MessageText.printable(template) + "' is not one of "
                    + String.join(", ", TEMPLATES));
        }
        services = List.copyOf(services);
        for (String unit : services) {
            if (!UNIT.matcher(unit).matches()) {
                throw new IllegalArgumentException("service '" + MessageText.printable(unit)
                        + "' is not a systemd unit name like apache2.service");
            }
        }
        if (!services.isEmpty() && !init.isEmpty()) {
            throw new IllegalArgumentException("services are started by the host's init (systemd); with a custom"
                    + " init, drop services or drop init");
        }
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(health, "health");
        if (order < MIN_ORDER || order > MAX_ORDER) {
            throw new IllegalArgumentException("order " + order + " is not between " + MIN_ORDER + " and " + MAX_ORDER);
        }
        checkUnique(mounts.stream().map(m -> m.target().value()).toList(), "mount target");
        checkUnique(files.stream().map(f -> f.path().value()).toList(), "file path");
        if (allowPrivilegedWithoutAppArmor && !privileged) {
            throw new IllegalArgumentException("allowPrivilegedWithoutAppArmor only applies to a privileged container;"
                    + " drop it, or set privileged: true as well");
        }
    }

    /** An unprivileged container (the default), as every spec was before privilege was a field. */
    public ContainerSpec(ContainerName name, ContainerState state, List<String> init, boolean autostart,
            Optional<Hostname> hostname, Optional<NetworkSpec> network, List<MountSpec> mounts, Limits limits,
            SortedMap<String, String> env, List<FileSpec> files, List<HidePattern> hide, List<String> unhide,
            String template, List<String> services, Optional<StopPolicy> stop, Optional<HealthCheck> health, int order) {
        this(name, state, init, autostart, hostname, network, mounts, limits, env, files, hide, unhide, template,
                services, stop, health, order, false, false);
    }

    /** Any C0 control character or DEL: LXC's config parser treats several of them as line breaks. */
    public static boolean hasControlCharacter(String value) {
        return value.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static void checkUnique(List<String> values, String what) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String value : values) {
            if (!seen.add(value)) {
                throw new IllegalArgumentException(what + " '" + value + "' is declared twice");
            }
        }
    }

    /** A minimal spec: started, host init, no network, defaults elsewhere. */
    public static ContainerSpec of(ContainerName name, ContainerState state) {
        return new ContainerSpec(name, state, List.of(), false, Optional.empty(), Optional.empty(), List.of(),
                Limits.NONE, new TreeMap<>(), List.of(), List.of(), List.of(), DEFAULT_TEMPLATE, List.of(),
                Optional.empty(), Optional.empty(), 0);
    }

    public boolean usesHostInit() {
        return init.isEmpty();
    }

    public Hostname effectiveHostname() {
        return hostname.orElseGet(() -> new Hostname(name.value()));
    }

    public StopPolicy effectiveStop() {
        return stop.orElse(usesHostInit() ? StopPolicy.FOR_SYSTEM_INIT : StopPolicy.FOR_PLAIN_INIT);
    }

    public ContainerSpec withState(ContainerState newState) {
        return new ContainerSpec(name, newState, init, autostart, hostname, network, mounts, limits, env, files, hide,
                unhide, template, services, stop, health, order, privileged, allowPrivilegedWithoutAppArmor);
    }

    /** The same container, privileged or not; a privileged one keeps the AppArmor opt-in it had. */
    public ContainerSpec withPrivileged(boolean newPrivileged) {
        return new ContainerSpec(name, state, init, autostart, hostname, network, mounts, limits, env, files, hide,
                unhide, template, services, stop, health, order, newPrivileged, newPrivileged && allowPrivilegedWithoutAppArmor);
    }

    public ContainerSpec withName(ContainerName newName) {
        return new ContainerSpec(newName, state, init, autostart, hostname, network, mounts, limits, env, files, hide,
                unhide, template, services, stop, health, order, privileged, allowPrivilegedWithoutAppArmor);
    }
}
