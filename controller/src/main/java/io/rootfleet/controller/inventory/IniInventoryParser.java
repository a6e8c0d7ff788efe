package io.rootfleet.controller.inventory;

import io.rootfleet.model.yaml.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's INI inventory: {@code [group]} sections of host lines ({@code name[:port] key=value...}, with ranges
 * such as {@code web[01:20]} or {@code db-[a:c]}), {@code [group:vars]} sections of {@code key=value} lines and
 * {@code [group:children]} sections of group names. Lines before the first section are ungrouped hosts;
 * {@code #} and {@code ;} start comments.
 */
final class IniInventoryParser {
    private static final Pattern SECTION = Pattern.compile("\\[([^\\[\\]:]+)(?::([a-z]+))?]");
    private static final Pattern RANGE = Pattern.compile("\\[([0-9]+|[a-zA-Z]):([0-9]+|[a-zA-Z])(?::([0-9]+))?]");
    private static final int MAX_RANGE = 10_000;

    private IniInventoryParser() {}

    static void parse(String text, String source, AnsibleInventory inventory) {
        String group = AnsibleInventory.UNGROUPED;
        String kind = "hosts";
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Location at = new Location(source, i + 1, 1);
            String line = stripComment(lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[")) {
                Matcher section = SECTION.matcher(line);
                if (!section.matches() || (section.group(2) != null
                        && !section.group(2).equals("vars") && !section.group(2).equals("children"))) {
                    inventory.problem(at, "'" + line + "' is not a section header; write [group], [group:vars] or"
                            + " [group:children]");
                    group = null;
                    continue;
                }
                group = section.group(1).strip();
                kind = section.group(2) == null ? "hosts" : section.group(2);
                AnsibleInventory.Group declared = inventory.group(group);
                if (declared.declared == null) {
                    declared.declared = at;
                }
                continue;
            }
            if (group == null) {
                continue; // under a broken header, reported once
            }
            switch (kind) {
                case "vars" -> {
                    AnsibleInventory.Group vars = inventory.group(group);
                    variable(line, at, inventory).ifPresent(v -> vars.vars.put(v.name(), v.value()));
                }
                case "children" -> {
                    String child = line.split("\\s+")[0];
                    if (child.equals(AnsibleInventory.ALL)) {
                        inventory.problem(at, "group 'all' cannot be a child; it holds every host already");
                    } else {
                        inventory.group(group).children.add(child);
                        inventory.group(child);
                    }
                }
                default -> hostLine(group, line, at, inventory);
            }
        }
    }

    private record Var(String name, InventoryHost.Variable value) {}

    private static Optional<Var> variable(String text, Location at, AnsibleInventory inventory) {
        int equals = text.indexOf('=');
        if (equals <= 0) {
            inventory.problem(at, "'" + text + "' is not a variable; write name=value");
            return Optional.empty();
        }
        String name = text.substring(0, equals).strip();
        return Optional.of(new Var(name, new InventoryHost.Variable(unquote(text.substring(equals + 1).strip()), at)));
    }

    private static void hostLine(String group, String line, Location at, AnsibleInventory inventory) {
        List<String> words = words(line);
        String pattern = words.get(0);
        List<Var> vars = new ArrayList<>();
        for (String word : words.subList(1, words.size())) {
            variable(word, at, inventory).ifPresent(vars::add);
        }
        String port = null;
        int colon = pattern.lastIndexOf(':');
        if (colon > 0 && pattern.indexOf(':') == colon && pattern.substring(colon + 1).matches("[0-9]+")) {
            port = pattern.substring(colon + 1);
            pattern = pattern.substring(0, colon);
        }
        List<String> names;
        try {
            names = expand(pattern);
        } catch (IllegalArgumentException e) {
            inventory.problem(at, "host '" + pattern + "': " + e.getMessage());
            return;
        }
        for (String name : names) {
            inventory.addHost(group, name, at);
            if (port != null) {
                inventory.hostVar(name, "ansible_port", new InventoryHost.Variable(port, at));
            }
            vars.forEach(v -> inventory.hostVar(name, v.name(), v.value()));
        }
    }

    /** {@code web[01:03]} is web01, web02, web03; {@code db-[a:c]} is db-a, db-b, db-c; one range per name. */
    static List<String> expand(String pattern) {
        Matcher range = RANGE.matcher(pattern);
        if (!range.find()) {
            if (pattern.contains("[") || pattern.contains("]")) {
                throw new IllegalArgumentException("a range is written [FROM:TO] or [FROM:TO:STEP], e.g. web[01:20]");
            }
            return List.of(pattern);
        }
        String before = pattern.substring(0, range.start());
        String after = pattern.substring(range.end());
        String from = range.group(1);
        String to = range.group(2);
        int step = range.group(3) == null ? 1 : Integer.parseInt(range.group(3));
        boolean letters = Character.isLetter(from.charAt(0));
        if (letters != Character.isLetter(to.charAt(0)) || step < 1) {
            throw new IllegalArgumentException("a range counts from a number to a number, or a letter to a letter");
        }
        int first = letters ? from.charAt(0) : Integer.parseInt(from);
        int last = letters ? to.charAt(0) : Integer.parseInt(to);
        if (last < first || (last - first) / step >= MAX_RANGE) {
            throw new IllegalArgumentException("the range must count up, to at most " + MAX_RANGE + " names");
        }
        int width = !letters && from.startsWith("0") ? from.length() : 0;
        List<String> names = new ArrayList<>();
        for (int n = first; n <= last; n += step) {
            String middle = letters ? String.valueOf((char) n) : width > 0 ? String.format("%0" + width + "d", n) : String.valueOf(n);
            for (String rest : expand(after)) {
                names.add(before + middle + rest);
            }
        }
        return names;
    }

    private static String stripComment(String line) {
        String trimmed = line.stripLeading();
        if (trimmed.startsWith("#") || trimmed.startsWith(";")) {
            return "";
        }
        boolean quoted = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                quoted = c != quote;
            } else if (c == '"' || c == '\'') {
                quoted = true;
                quote = c;
            } else if (c == '#' && i > 0 && Character.isWhitespace(line.charAt(i - 1))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** Splits on blanks outside quotes; quotes stay, for {@link #unquote}. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                word.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                word.append(c);
            } else if (Character.isWhitespace(c)) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }

    private static String unquote(String text) {
        boolean quoted = text.length() >= 2 && text.charAt(0) == text.charAt(text.length() - 1)
                && (text.charAt(0) == '"' || text.charAt(0) == '\'');
        return quoted ? text.substring(1, text.length() - 1) : text;
    }
}
