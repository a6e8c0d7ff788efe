package io.rootfleet.agent.packages;

/**
 * A Debian package version, {@code [epoch:]upstream[-revision]}, ordered as dpkg orders them
 * ({@code dpkg --compare-versions}): epochs numerically, then upstream and revision part by part, where runs of
 * digits compare as numbers and other characters by ASCII with letters before non-letters and {@code ~} before
 * anything, even the end ({@code 1.0~rc1 < 1.0 < 1.0a < 1.0+b1}).
 */
public record DebianVersion(long epoch, String upstream, String revision) implements Comparable<DebianVersion> {

    public DebianVersion {
        if (upstream.isEmpty()) {
            throw new IllegalArgumentException("a Debian version needs an upstream part");
        }
    }

    /** Parses {@code text} as dpkg does: the epoch up to the first ':', the revision after the last '-'. */
    public static DebianVersion parse(String text) {
        String v = text.strip();
        if (v.isEmpty() || v.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("'" + text + "' is not a Debian version");
        }
        long epoch = 0;
        int colon = v.indexOf(':');
        if (colon >= 0) {
            try {
                epoch = Long.parseLong(v.substring(0, colon));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a Debian version: the epoch is not a number");
            }
            v = v.substring(colon + 1);
        }
        int dash = v.lastIndexOf('-');
        String revision = dash >= 0 ? v.substring(dash + 1) : "";
        String upstream = dash >= 0 ? v.substring(0, dash) : v;
        if (upstream.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not a Debian version: no upstream part");
        }
        return new DebianVersion(epoch, upstream, revision);
    }

    @Override
    public int compareTo(DebianVersion other) {
        int byEpoch = Long.compare(epoch, other.epoch);
        if (byEpoch != 0) {
            return byEpoch;
        }
        int byUpstream = compareParts(upstream, other.upstream);
        return byUpstream != 0 ? byUpstream : compareParts(revision, other.revision);
    }

    /** Compares two version strings (dpkg's {@code compare_versions} of two parsed versions). */
    public static int compare(String a, String b) {
        return parse(a).compareTo(parse(b));
    }

    @Override
    public String toString() {
        return (epoch != 0 ? epoch + ":" : "") + upstream + (revision.isEmpty() ? "" : "-" + revision);
    }

    /** dpkg's {@code verrevcmp}: alternating non-digit and digit runs. */
    static int compareParts(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while ((i < a.length() && !digit(a.charAt(i))) || (j < b.length() && !digit(b.charAt(j)))) {
                int ac = order(a, i);
                int bc = order(b, j);
                if (ac != bc) {
                    return Integer.signum(ac - bc);
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            int firstDiff = 0;
            while (i < a.length() && digit(a.charAt(i)) && j < b.length() && digit(b.charAt(j))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && digit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && digit(b.charAt(j))) {
                return -1;
            }
            if (firstDiff != 0) {
                return Integer.signum(firstDiff);
            }
        }
        return 0;
    }

    /** The weight of the character at {@code i}: end and digits 0, '~' -1, letters their code, others after letters. */
    private static int order(String s, int i) {
        if (i >= s.length()) {
            return 0;
        }
        char c = s.charAt(i);
        if (digit(c)) {
            return 0;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
