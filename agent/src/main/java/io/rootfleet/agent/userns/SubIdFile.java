package io.rootfleet.agent.userns;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of /etc/subuid or /etc/subgid: one {@code owner:first:count} a line, the owner a user name or uid,
 * saying which host ids that user may map into a user namespace ({@code newuidmap}, which LXC calls, checks
 * them even for root). Parsing and planning only; {@link SubIdFiles} reads and writes the files. Pure.
 */
public record SubIdFile(String file, String text, List<Entry> entries) {
    private static final Pattern LINE = Pattern.compile("([^:\\s]+):([0-9]{1,10}):([0-9]{1,10})");

    /** One range line, with its 1-based line number. */
    public record Entry(int line, String owner, IdRange range) {}

    /** Parses {@code text}; {@code file} names it in errors. Blank lines and '#' comments are kept, not entries. */
    public static SubIdFile parse(String file, String text) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            IdRange range = null;
            if (m.matches()) {
                try {
                    range = new IdRange(Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
                } catch (IllegalArgumentException e) {
                    range = null;
                }
            }
            if (range == null) {
                throw new SubIdConflictException(file + ":" + (i + 1) + ": cannot read '" + printable(line)
                        + "'; each line must be OWNER:FIRST:COUNT with FIRST at least 1 (see subuid(5)). Fix the line, "
                        + "then run again");
            }
            entries.add(new Entry(i + 1, m.group(1), range));
        }
        return new SubIdFile(file, text, List.copyOf(entries));
    }

    /**
     * The line to append so that {@code owner} (a name, also matched by its {@code uid}) may map every id of
     * {@code pool}; empty when one of its lines covers the pool already. Throws when another owner has ids in
     * the pool, naming the file, the line and the owner: two users mapping the same ids would share files.
     */
    public Optional<String> missingLine(String owner, long uid, IdRange pool) {
        boolean covered = false;
        for (Entry e : entries) {
            boolean ours = e.owner().equals(owner) || e.owner().equals(Long.toString(uid));
            if (ours) {
                covered |= e.range().covers(pool);
            } else if (e.range().overlaps(pool)) {
                throw new SubIdConflictException(file + ":" + e.line() + ": '" + printable(e.owner()) + "' has ids "
                        + e.range() + ", which overlap rootfleet's id pool " + pool + " (" + owner + ":" + pool.hostBase()
                        + ":" + pool.count() + "); containers would share ids with that user's namespaces. Move that "
                        + "user's range out of the pool (usermod --del-subuids/--add-subuids) and run again");
            }
        }
        return covered ? Optional.empty() : Optional.of(owner + ":" + pool.hostBase() + ":" + pool.count());
    }

    /** The ranges of every owner other than {@code owner}/{@code uid}: what an allocator must keep away from. */
    public List<IdRange> rangesOfOthers(String owner, long uid) {
        return entries.stream()
                .filter(e -> !e.owner().equals(owner) && !e.owner().equals(Long.toString(uid)))
                .map(Entry::range)
                .toList();
    }

    /** The file's text with {@code line} appended on a line of its own. */
    public String withLine(String line) {
        return text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + line + "\n";
    }

    private static String printable(String s) {
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    /** A subordinate id file that rootfleet cannot use as it is. */
    public static final class SubIdConflictException extends RuntimeException {
        SubIdConflictException(String message) {
            super(message);
        }
    }
}
