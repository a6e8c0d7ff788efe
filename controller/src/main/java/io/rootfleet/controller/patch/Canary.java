package io.rootfleet.controller.patch;

import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.model.DurationText;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code --canary} and {@code --soak}: the hosts restarted first, and how long their restarted containers are
 * watched (a health check every {@code interval}) before any other host is touched.
 *
 * @param count the first {@code count} hosts with stale containers, in playbook order; 0 when {@code hosts} names them
 * @param hosts the canary hosts by name; empty when {@code count} says how many
 */
public record Canary(int count, List<String> hosts, Duration soak, Duration interval) {
    private static final Duration LONGEST_INTERVAL = Duration.ofSeconds(30);

    public Canary {
        hosts = List.copyOf(hosts);
        if ((count == 0) == hosts.isEmpty()) {
            throw new IllegalArgumentException("a canary is a number of hosts or their names, not both or neither");
        }
    }

    /**
     * Reads {@code --canary N|HOST,...} and {@code --soak DURATION}; host names must be playbook hosts.
     *
     * @throws InvalidInputException naming the option, with what to give instead
     */
    public static Canary parse(String canary, String soak, Set<String> playbookHosts) {
        Duration soakTime = soak == null ? Duration.ZERO : duration(soak, "--soak");
        String text = canary.strip();
        if (text.matches("\\d+")) {
            int n;
            try {
                n = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1) {
                throw new InvalidInputException(Location.of("--canary"), "'" + canary + "' is not a number of canary hosts;"
                        + " give 1 or more, or the canary hosts' names (comma-separated)");
            }
            return new Canary(n, List.of(), soakTime, interval(soakTime));
        }
        Set<String> names = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String name : text.split(",")) {
            String host = name.strip();
            if (host.isEmpty()) {
                continue;
            }
            if (!playbookHosts.contains(host)) {
                unknown.add(host);
            }
            names.add(host);
        }
        if (names.isEmpty() || !unknown.isEmpty()) {
            throw new InvalidInputException(Location.of("--canary"), (names.isEmpty() ? "no host named"
                    : "no such host in the playbook (or --limit): " + String.join(", ", unknown))
                    + "; give a number of hosts, or names of the playbook's hosts (comma-separated)");
        }
        return new Canary(0, List.copyOf(names), soakTime, interval(soakTime));
    }

    /** The canary hosts among {@code stale} (the hosts with stale containers, in playbook order). */
    public List<HostSpec> pick(List<HostSpec> stale) {
        if (count > 0) {
            return stale.subList(0, Math.min(count, stale.size()));
        }
        return stale.stream().filter(h -> hosts.contains(h.name())).toList();
    }

    /** {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 500ms}: a whole number per unit, units largest first. */
    static Duration duration(String text, String option) {
        return DurationText.parse(text).orElseThrow(() -> new InvalidInputException(Location.of(option), "'" + text
                + "' is not a duration; give one such as 90s, 10m or 1h30m (0s: one health check right after the canary"
                + " restart)"));
    }

    /** A sixth of the soak in whole seconds (rounded up), between 1 and 30 seconds. */
    private static Duration interval(Duration soak) {
        long seconds = (soak.toMillis() + 5_999) / 6_000;
        return Duration.ofSeconds(Math.max(1, Math.min(LONGEST_INTERVAL.toSeconds(), seconds)));
    }
}
