package io.rootfleet.model.codec;

import io.rootfleet.model.AbsolutePath;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.ContainerState;
import io.rootfleet.model.FileSpec;
import io.rootfleet.model.HealthCheck;
import io.rootfleet.model.HidePattern;
import io.rootfleet.model.Hostname;
import io.rootfleet.model.Ipv4Cidr;
import io.rootfleet.model.Limits;
import io.rootfleet.model.MountSpec;
import io.rootfleet.model.NetworkSpec;
import io.rootfleet.model.StopPolicy;
import io.rootfleet.model.yaml.Problems;
import io.rootfleet.model.yaml.YamlMap;
import io.rootfleet.model.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;

/** Binds one container definition, field by field, recording every problem with its location. */
public final class ContainerSpecReader {

    private ContainerSpecReader() {}

    /** Returns the spec, or null when a problem was recorded. */
    public static ContainerSpec read(YamlMap m) {
        return read(m, m.require("name", ContainerName::new));
    }

    /**
     * The spec of a mapping that does not name its container ({@code name} names it, e.g. each name a playbook
     * entry makes), or null when a problem was recorded. A null {@code name}, already reported, still has the
     * other fields checked.
     */
    public static ContainerSpec read(YamlMap m, ContainerName name) {
        Problems problems = m.problems();
        ContainerState state = m.optional("state", ContainerState::parse).orElse(ContainerState.STARTED);
        List<String> init = init(m);
        boolean autostart = m.bool("autostart", false);
        Optional<Hostname> hostname = m.optional("hostname", Hostname::new);
        Optional<NetworkSpec> network = network(m);
        List<MountSpec> mounts = each(m, "mounts", ContainerSpecReader::mount);
        Limits limits = m.map("limits").map(ContainerSpecReader::limits).orElse(Limits.NONE);
        TreeMap<String, String> env = new TreeMap<>();
        m.map("env").ifPresent(e -> e.entries().forEach((k, v) -> {
            String value = v.asText(problems);
            if (value != null) {
                env.put(k, value);
            }
        }));
        List<FileSpec> files = each(m, "files", ContainerSpecReader::file);
        List<HidePattern> hide = hidePatterns(m);
        List<String> unhide = strings(m, "unhide");
        String template = m.text("template").orElse(ContainerSpec.DEFAULT_TEMPLATE);
        List<String> services = strings(m, "services");
        Optional<StopPolicy> stop = m.map("stop").map(ContainerSpecReader::stop);
        Optional<HealthCheck> health = m.map("health").map(ContainerSpecReader::health);
        int order = m.optional("order", ContainerSpecReader::order).orElse(0);
        boolean privileged = m.bool("privileged", false);
        boolean allowPrivilegedWithoutAppArmor = m.bool("allowPrivilegedWithoutAppArmor", false);
        m.finish();
        if (name == null) {
            return null;
        }
        return construct(m, () -> new ContainerSpec(name, state, init, autostart, hostname, network, mounts, limits,
                env, files, hide, unhide, template, services, stop, health, order, privileged,
                allowPrivilegedWithoutAppArmor));
    }

    private static List<String> init(YamlMap m) {
        Optional<YamlNode> value = m.get("init");
        if (value.isPresent() && value.get().isScalar()) {
            m.problems().add(value.get().location(), value.get().path() + ": write init as a list of arguments,"
                    + " e.g. [/usr/sbin/apache2ctl, -D, FOREGROUND]; no shell splits it");
            return List.of();
        }
        return strings(m, "init");
    }

    private static Optional<NetworkSpec> network(YamlMap m) {
        Optional<YamlNode> value = m.get("network");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get().isScalar()) {
            if (!value.get().text().equals("none")) {
                m.problems().add(value.get().location(), value.get().path()
                        + ": expected 'none' or a mapping with bridge (and optional ipv4, gateway, hwaddr)");
            }
            return Optional.empty();
        }
        YamlMap n = value.get().asMap(m.problems());
        String bridge = n.requireText("bridge");
        Optional<Ipv4Cidr> ipv4 = n.optional("ipv4", Ipv4Cidr::parse);
        Optional<Ipv4Cidr.Address> gateway = n.optional("gateway", Ipv4Cidr.Address::parse);
        Optional<String> hwaddr = n.text("hwaddr");
        n.finish();
        return Optional.ofNullable(construct(n, () -> new NetworkSpec(bridge, ipv4, gateway, hwaddr)));
    }

    private static MountSpec mount(YamlMap m) {
        AbsolutePath source = m.require("source", AbsolutePath::new);
        AbsolutePath target = m.require("target", AbsolutePath::new);
        boolean readOnly = m.bool("readOnly", true);
        m.finish();
        return source == null || target == null ? null : construct(m, () -> new MountSpec(source, target, readOnly));
    }

    private static Limits limits(YamlMap m) {
        Optional<Long> memory = m.optional("memory", Limits::parseBytes);
        Optional<Integer> cpus = m.optional("cpus", Limits::parseMilliCpus);
        Optional<Integer> pids = m.optional("pids", ContainerSpecReader::parseInt);
        m.finish();
        return Objects.requireNonNullElse(construct(m, () -> new Limits(memory, cpus, pids)), Limits.NONE);
    }

    private static FileSpec file(YamlMap m) {
        AbsolutePath path = m.require("path", AbsolutePath::new);
        String content = m.requireText("content");
        int mode = m.optional("mode", FileSpec::parseMode).orElse(FileSpec.DEFAULT_MODE);
        int uid = m.optional("uid", ContainerSpecReader::parseInt).orElse(0);
        int gid = m.optional("gid", ContainerSpecReader::parseInt).orElse(0);
        m.finish();
        return path == null || content == null ? null : construct(m, () -> new FileSpec(path, content, mode, uid, gid));
    }

    private static StopPolicy stop(YamlMap m) {
        String signal = m.text("signal").orElse(null);
        Integer timeout = m.optional("timeout", StopPolicy::parseSeconds).orElse(null);
        m.finish();
        if (signal == null && timeout == null) {
            return null;
        }
        return construct(m, () -> new StopPolicy(
                signal != null ? signal : StopPolicy.FOR_PLAIN_INIT.signal(),
                timeout != null ? timeout : StopPolicy.FOR_PLAIN_INIT.timeoutSeconds()));
    }

    private static HealthCheck health(YamlMap m) {
        Optional<YamlNode> command = m.get("command");
        if (command.isPresent() && command.get().isScalar()) {
            m.problems().add(command.get().location(), command.get().path() + ": write the command as a list of"
                    + " arguments, e.g. [/usr/bin/curl, -fsS, http://127.0.0.1/]; no shell splits it");
        }
        List<String> argv = command.isPresent() && !command.get().isScalar() ? strings(m, "command") : List.of();
        Optional<Integer> tcp = m.optional("tcp", ContainerSpecReader::parseInt);
        int timeout = m.optional("timeout", StopPolicy::parseSeconds).orElse(HealthCheck.DEFAULT_TIMEOUT_SECONDS);
        int retries = m.optional("retries", ContainerSpecReader::parseInt).orElse(HealthCheck.DEFAULT_RETRIES);
        int interval = m.optional("interval", StopPolicy::parseSeconds).orElse(HealthCheck.DEFAULT_INTERVAL_SECONDS);
        m.finish();
        if (command.isPresent() && command.get().isScalar()) {
            return null;
        }
        return construct(m, () -> new HealthCheck(argv,
                tcp.map(OptionalInt::of).orElse(OptionalInt.empty()), timeout, retries, interval));
    }

    private static int order(String text) {
        int order = parseInt(text);
        if (order < ContainerSpec.MIN_ORDER || order > ContainerSpec.MAX_ORDER) {
            throw new IllegalArgumentException("order " + order + " is not between " + ContainerSpec.MIN_ORDER
                    + " and " + ContainerSpec.MAX_ORDER);
        }
        return order;
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
    }

    private static List<String> strings(YamlMap m, String key) {
        List<String> values = new ArrayList<>();
        for (YamlNode item : m.list(key)) {
            String text = item.asText(m.problems());
            if (text != null) {
                values.add(text);
            }
        }
        return values;
    }

    private static List<HidePattern> hidePatterns(YamlMap m) {
        List<HidePattern> values = new ArrayList<>();
        for (YamlNode item : m.list("hide")) {
            HidePattern pattern = item.as(HidePattern::new, m.problems());
            if (pattern != null) {
                values.add(pattern);
            }
        }
        return values;
    }

    private static <T> List<T> each(YamlMap m, String key, Function<YamlMap, T> reader) {
        List<T> values = new ArrayList<>();
        for (YamlNode item : m.list(key)) {
            T value = reader.apply(item.asMap(m.problems()));
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    /**
     * Builds a record whose constructor checks fields against each other; its complaint becomes a problem at
     * the mapping. Callers build nothing from a required field that is missing: its problem is already recorded.
     */
    static <T> T construct(YamlMap at, java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            at.problems().add(at.node().location(), at.node().path() + ": " + e.getMessage());
            return null;
        }
    }
}
