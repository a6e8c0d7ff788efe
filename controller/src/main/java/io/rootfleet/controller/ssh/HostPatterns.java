package io.rootfleet.controller.ssh;

import java.util.List;

/**
 * ssh_config(5) PATTERNS: {@code *} matches any run of characters, {@code ?} exactly one, a leading {@code !}
 * negates. A host matches a list when it matches some pattern and no negated one (a list of only negated
 * patterns matches nothing). Host names compare case-insensitively, as OpenSSH does.
 */
final class HostPatterns {
    private HostPatterns() {}

    static boolean matchesAny(List<String> patterns, String host) {
        boolean matched = false;
        for (String pattern : patterns) {
            boolean negated = pattern.startsWith("!");
            String body = negated ? pattern.substring(1) : pattern;
            if (glob(body.toLowerCase(java.util.Locale.ROOT), host.toLowerCase(java.util.Locale.ROOT))) {
                if (negated) {
                    return false;
                }
                matched = true;
            }
        }
        return matched;
    }

    /** {@code *} and {@code ?} wildcards, iteratively with backtracking to the last star. */
    static boolean glob(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int starText = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                starText = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++starText;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
