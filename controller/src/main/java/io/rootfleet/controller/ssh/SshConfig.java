package io.rootfleet.controller.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An OpenSSH client configuration file ({@code ~/.ssh/config}, ssh_config(5)), parsed once and looked up per
 * host. {@code Host} blocks match the name given (the alias), {@code Match host} blocks the host name as set so
 * far (its {@code HostName}, else the alias); {@code Match all}, {@code originalhost} and {@code user} work too,
 * with {@code !} before a criterion to negate it. For every option the first value found wins, except
 * {@code IdentityFile}, which adds up, as OpenSSH does.
 *
 * <p>Options rootfleet does not honour are kept, so that they can be named to the user rather than dropped in
 * silence. Among them {@code StrictHostKeyChecking}: host keys are always checked against known_hosts.
 */
public final class SshConfig {
    public static final SshConfig NONE = new SshConfig("(no ssh config)", List.of());

    private final String source;
    private final List<Block> blocks;

    private SshConfig(String source, List<Block> blocks) {
        this.source = source;
        this.blocks = List.copyOf(blocks);
    }

    /** How messages name the file. */
    public String source() {
        return source;
    }

    /** Reads {@code file}; a file that does not exist is an empty configuration. */
    public static SshConfig readIfExists(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            return new SshConfig(file.toString(), List.of());
        } catch (IOException e) {
            throw new SshConfigException(file + ": cannot read the ssh config: " + e.getMessage());
        }
    }

    /** Parses the text of a configuration file; {@code source} names it in messages. */
    public static SshConfig parse(String text, String source) {
        List<Block> blocks = new ArrayList<>();
        Block current = new Block(0, Condition.ALL, new ArrayList<>());
        blocks.add(current);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int line = i + 1;
            String where = source + ":" + line;
            List<String> words = words(lines[i].strip(), where);
            if (words.isEmpty()) {
                continue;
            }
            String keyword = words.get(0);
            List<String> args = words.subList(1, words.size());
            String lower = keyword.toLowerCase(Locale.ROOT);
            if (lower.equals("host")) {
                if (args.isEmpty()) {
                    throw new SshConfigException(where + ": Host needs at least one pattern, e.g. Host web-*");
                }
                current = new Block(line, new Condition(List.of(new Criterion("Host", false, args, where))), new ArrayList<>());
                blocks.add(current);
            } else if (lower.equals("match")) {
                current = new Block(line, match(args, where), new ArrayList<>());
                blocks.add(current);
            } else {
                if (args.isEmpty()) {
                    throw new SshConfigException(where + ": " + keyword + " has no value");
                }
                Option option = new Option(lower, keyword, List.copyOf(args), where);
                check(option);
                current.options().add(option);
            }
        }
        return new SshConfig(source, blocks);
    }

    /**
     * The options that apply to {@code alias} (the name given, as in {@code ssh ALIAS}); {@code user} is the
     * login name already decided, if any, for {@code Match user}.
     */
    public HostOptions lookup(String alias, Optional<String> user) {
        Lookup found = new Lookup();
        for (Block block : blocks) {
            if (block.condition().matches(alias, found.hostName.orElse(alias), user.or(() -> found.user), found)) {
                block.options().forEach(found::take);
            }
        }
        return found.result();
    }

    /** Splits a line into keyword and arguments: blanks or one '=' after the keyword, "double quotes" group. */
    private static List<String> words(String line, String where) {
        List<String> words = new ArrayList<>();
        if (line.isEmpty() || line.startsWith("#")) {
            return words;
        }
        int i = 0;
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        while (i < line.length()) {
            char c = line.charAt(i++);
            if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (!quoted && (Character.isWhitespace(c) || (c == '=' && words.isEmpty()))) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quoted) {
            throw new SshConfigException(where + ": a double quote is not closed");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static Condition match(List<String> args, String where) {
        List<Criterion> criteria = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            boolean negated = word.startsWith("!");
            String name = (negated ? word.substring(1) : word).toLowerCase(Locale.ROOT);
            if (name.equals("all") || name.equals("canonical") || name.equals("final")) {
                criteria.add(new Criterion(name, negated, List.of(), where));
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new SshConfigException(where + ": Match " + word + " needs a value");
            }
            String value = args.get(++i);
            criteria.add(new Criterion(name, negated, List.of(value.split(",")), where));
        }
        if (criteria.isEmpty()) {
            throw new SshConfigException(where + ": Match needs a criterion, e.g. Match host *.example.org");
        }
        return new Condition(criteria);
    }

    private static void check(Option option) {
        String value = option.args().get(0);
        switch (option.keyword()) {
            case "port" -> {
                int port = number(option);
                if (port < 1 || port > 65535) {
                    throw option.invalid("a port from 1 to 65535");
                }
            }
            case "connecttimeout", "serveraliveinterval", "serveralivecountmax" -> number(option);
            case "identitiesonly" -> yesNo(option);
            case "proxyjump" -> {
                if (!value.equalsIgnoreCase("none")) {
                    JumpHosts.parse(value, option.where());
                }
            }
            default -> {
                // other options are taken as written, or named as not honoured
            }
        }
    }

    private static int number(Option option) {
        try {
            int number = Integer.parseInt(option.args().get(0));
            if (number < 0) {
                throw option.invalid("a whole number of 0 or more");
            }
            return number;
        } catch (NumberFormatException e) {
            throw option.invalid("a whole number");
        }
    }

    private static boolean yesNo(Option option) {
        return switch (option.args().get(0).toLowerCase(Locale.ROOT)) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw option.invalid("yes or no");
        };
    }

    private record Option(String keyword, String written, List<String> args, String where) {
        SshConfigException invalid(String expected) {
            return new SshConfigException(where + ": " + written + " '" + String.join(" ", args) + "' is not "
                    + expected);
        }
    }

    private record Criterion(String name, boolean negated, List<String> patterns, String where) {}

    private record Condition(List<Criterion> criteria) {
        static final Condition ALL = new Condition(List.of(new Criterion("all", false, List.of(), "")));

        boolean matches(String alias, String hostName, Optional<String> user, Lookup found) {
            for (Criterion criterion : criteria) {
                boolean result = switch (criterion.name()) {
                    case "all" -> true;
                    case "host" -> HostPatterns.matchesAny(criterion.patterns(), hostName);
                    case "Host", "originalhost" -> HostPatterns.matchesAny(criterion.patterns(), alias);
                    case "user" -> user.isPresent() && HostPatterns.matchesAny(criterion.patterns(), user.get());
                    default -> {
                        found.notHonoured("Match " + criterion.name() + " (" + criterion.where() + ")");
                        yield false;
                    }
                };
                if (result == criterion.negated()) {
                    return false;
                }
            }
            return true;
        }
    }

    private record Block(int line, Condition condition, List<Option> options) {}

    /** The values found so far for one host; the first of each wins. */
    private static final class Lookup {
        Optional<String> hostName = Optional.empty();
        OptionalInt port = OptionalInt.empty();
        Optional<String> user = Optional.empty();
        final List<String> identityFiles = new ArrayList<>();
        Optional<Boolean> identitiesOnly = Optional.empty();
        Optional<Duration> connectTimeout = Optional.empty();
        Optional<String> knownHosts = Optional.empty();
        Optional<String> proxyJump = Optional.empty();
        Optional<Duration> aliveInterval = Optional.empty();
        OptionalInt aliveCountMax = OptionalInt.empty();
        final List<String> notHonoured = new ArrayList<>();

        void take(Option option) {
            String value = option.args().get(0);
            switch (option.keyword()) {
                case "hostname" -> hostName = hostName.or(() -> Optional.of(value));
                case "user" -> user = user.or(() -> Optional.of(value));
                case "port" -> port = port.isPresent() ? port : OptionalInt.of(Integer.parseInt(value));
                case "identityfile" -> identityFiles.add(value);
                case "identitiesonly" -> identitiesOnly = identitiesOnly.or(() -> Optional.of(yesNo(option)));
                case "connecttimeout" -> connectTimeout = connectTimeout.or(() -> Optional.of(Duration.ofSeconds(number(option))));
                case "userknownhostsfile" -> knownHosts = knownHosts.or(() -> Optional.of(value));
                case "proxyjump" -> proxyJump = proxyJump.or(() -> Optional.of(value));
                case "serveraliveinterval" -> aliveInterval = aliveInterval.or(() -> Optional.of(Duration.ofSeconds(number(option))));
                case "serveralivecountmax" -> aliveCountMax = aliveCountMax.isPresent() ? aliveCountMax : OptionalInt.of(number(option));
                default -> notHonoured(option.written() + " (" + option.where() + ")");
            }
        }

        void notHonoured(String what) {
            if (!notHonoured.contains(what)) {
                notHonoured.add(what);
            }
        }

        HostOptions result() {
            return new HostOptions(hostName, port, user, identityFiles, identitiesOnly, connectTimeout, knownHosts,
                    proxyJump, aliveInterval, aliveCountMax, notHonoured);
        }
    }
}
