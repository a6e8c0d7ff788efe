package io.rootfleet.agent.packages;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Debian changelog ({@code debian/changelog}, shipped as {@code /usr/share/doc/PKG/changelog.Debian.gz}): its
 * entries, newest first, each with the CVE ids its text names.
 *
 * <p>An entry starts with a header line {@code source (version) distribution...; urgency=...} at the start of a
 * line and runs until the next header. Lines that are not headers before the first header, and headers whose
 * version is not a Debian version, are skipped (old changelogs have free-form tails).
 */
public record DebianChangelog(List<Entry> entries) {
    private static final Pattern HEADER = Pattern.compile("^(\\w[\\w.+-]*) \\(([^()\\s]+)\\) [^;]*;.*$");
    private static final Pattern CVE = Pattern.compile("\\bCVE-\\d{4}-\\d{4,}\\b");

    /** One entry: the source package, its version, and the CVE ids it names, in the order first named. */
    public record Entry(String source, DebianVersion version, List<String> cves) {
        public Entry {
            cves = List.copyOf(cves);
        }
    }

    public DebianChangelog {
        entries = List.copyOf(entries);
    }

    public static DebianChangelog parse(String text) {
        List<Entry> entries = new ArrayList<>();
        String source = null;
        DebianVersion version = null;
        Set<String> cves = new LinkedHashSet<>();
        for (String line : text.split("\n", -1)) {
            Matcher header = HEADER.matcher(line);
            DebianVersion next = header.matches() ? versionOrNull(header.group(2)) : null;
            if (next != null) {
                if (version != null) {
                    entries.add(new Entry(source, version, List.copyOf(cves)));
                }
                source = header.group(1);
                version = next;
                cves.clear();
            } else if (version != null) {
                Matcher cve = CVE.matcher(line);
                while (cve.find()) {
                    cves.add(cve.group());
                }
            }
        }
        if (version != null) {
            entries.add(new Entry(source, version, List.copyOf(cves)));
        }
        return new DebianChangelog(entries);
    }

    /**
     * The CVE ids named by the entries newer than {@code running} and not newer than {@code installed}: what the
     * upgrade fixed, as the changelog tells it. Newest entry first, each id once.
     */
    public List<String> cvesFixed(DebianVersion running, DebianVersion installed) {
        Set<String> fixed = new LinkedHashSet<>();
        for (Entry entry : entries) {
            if (entry.version().compareTo(running) > 0 && entry.version().compareTo(installed) <= 0) {
                fixed.addAll(entry.cves());
            }
        }
        return List.copyOf(fixed);
    }

    private static DebianVersion versionOrNull(String text) {
        try {
            return DebianVersion.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
