package io.rootfleet.controller.playbook;

import io.rootfleet.model.MessageText;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code --limit} as Ansible reads it: terms separated by ',' or ':', each a host or group name, a glob
 * ({@code web-*}, {@code db-?}), {@code ~REGEX}, or {@code all}/{@code *}. Plain terms add their hosts, {@code &TERM}
 * keeps only hosts also in it, {@code !TERM} removes its hosts ({@code web:&eu:!web-b}). Names written the
 * inventory's way ({@code web_servers}) find the host or group rootfleet named from them.
 */
final class LimitPattern {
    private LimitPattern() {}

    /** The names of the hosts selected, or an {@link InvalidInputException} naming the terms that match nothing. */
    static Set<String> select(String limit, Inventory inventory) {
        Set<String> union = new LinkedHashSet<>();
        List<Set<String>> intersections = new ArrayList<>();
        Set<String> excluded = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String written : limit.split("[,:]")) {
            String term = written.strip();
            if (term.isEmpty()) {
                continue;
            }
            char operator = term.charAt(0);
            String body = operator == '!' || operator == '&' ? term.substring(1).strip() : term;
            Set<String> hosts = hosts(body, inventory);
            if (hosts.isEmpty()) {
                unknown.add("'" + MessageText.printable(body) + "'");
                continue;
            }
            switch (operator) {
                case '!' -> excluded.addAll(hosts);
                case '&' -> intersections.add(hosts);
                default -> union.addAll(hosts);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(Location.of("--limit"), String.join(", ", unknown)
                    + (unknown.size() == 1 ? " is neither a host nor a group" : " are neither hosts nor groups")
                    + " of this playbook; " + inventory.knownHosts() + "; " + inventory.knownGroups());
        }
        if (union.isEmpty() && (!intersections.isEmpty() || !excluded.isEmpty())) {
            union.addAll(inventory.hosts()); // Ansible: "!db" alone means every host but db
        }
        intersections.forEach(union::retainAll);
        union.removeAll(excluded);
        return union;
    }

    /** The hosts one term names; empty when it names nothing. */
    private static Set<String> hosts(String term, Inventory inventory) {
        Set<String> found = new LinkedHashSet<>();
        if (term.equals("all") || term.equals("*")) {
            found.addAll(inventory.hosts());
            return found;
        }
        Pattern pattern = pattern(term);
        if (pattern == null) {
            String name = inventory.hasHost(term) || !inventory.group(term).isEmpty() ? term : InventoryHosts.rootfleetName(term);
            if (inventory.hasHost(name)) {
                found.add(name);
            }
            found.addAll(inventory.group(name));
            return found;
        }
        inventory.hosts().stream().filter(host -> pattern.matcher(host).matches()).forEach(found::add);
        inventory.groups().stream().filter(group -> pattern.matcher(group).matches())
                .forEach(group -> found.addAll(inventory.group(group)));
        return found;
    }

    /** The term as a pattern, or null for a plain name. */
    private static Pattern pattern(String term) {
        if (term.startsWith("~")) {
            try {
                return Pattern.compile(term.substring(1) + ".*");
            } catch (PatternSyntaxException e) {
                throw new InvalidInputException(Location.of("--limit"), "'" + MessageText.printable(term)
                        + "' is not a regular expression: " + e.getDescription());
            }
        }
        if (term.indexOf('*') < 0 && term.indexOf('?') < 0) {
            return null;
        }
        StringBuilder regex = new StringBuilder();
        for (char c : term.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }
}
