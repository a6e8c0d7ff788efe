package io.rootfleet.agent.capacity;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/** A kernel parameter by its sysctl name, e.g. {@code fs.inotify.max_user_instances}. */
public record Sysctl(String key) implements Comparable<Sysctl> {
    private static final Pattern KEY = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)+");

    public static final Sysctl INOTIFY_INSTANCES = new Sysctl("fs.inotify.max_user_instances");
    public static final Sysctl INOTIFY_WATCHES = new Sysctl("fs.inotify.max_user_watches");
    public static final Sysctl INOTIFY_QUEUED_EVENTS = new Sysctl("fs.inotify.max_queued_events");
    public static final Sysctl PID_MAX = new Sysctl("kernel.pid_max");
    public static final Sysctl THREADS_MAX = new Sysctl("kernel.threads-max");
    public static final Sysctl KEYS_MAXKEYS = new Sysctl("kernel.keys.maxkeys");
    public static final Sysctl KEYS_MAXBYTES = new Sysctl("kernel.keys.maxbytes");
    public static final Sysctl MAX_MAP_COUNT = new Sysctl("vm.max_map_count");
    public static final Sysctl NEIGH4_GC_THRESH3 = new Sysctl("net.ipv4.neigh.default.gc_thresh3");
    public static final Sysctl NEIGH6_GC_THRESH3 = new Sysctl("net.ipv6.neigh.default.gc_thresh3");
    public static final Sysctl AIO_MAX_NR = new Sysctl("fs.aio-max-nr");

    public Sysctl {
        Objects.requireNonNull(key, "key");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("'" + key + "' is not a sysctl name (e.g. fs.inotify.max_user_instances)");
        }
    }

    /** Its file under a /proc/sys tree: dots become slashes. */
    public Path file(Path procSys) {
        return procSys.resolve(key.replace('.', '/'));
    }

    @Override
    public int compareTo(Sysctl other) {
        return key.compareTo(other.key);
    }

    @Override
    public String toString() {
        return key;
    }
}
