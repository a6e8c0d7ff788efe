package io.rootfleet.model;

/**
 * An absolute, normalised path: starts with '/', no '.', '..' or empty segments, no trailing '/', no
 * control characters. Paths are written into LXC configs and joined under container roots, so a path that
 * could climb out of where it is put is refused rather than cleaned up.
 */
public record AbsolutePath(String value) implements Comparable<AbsolutePath> {
    public static final AbsolutePath ROOT = new AbsolutePath("/");
    private static final int MAX_LENGTH = 4096;

    public AbsolutePath {
        String problem = problemWith(value);
        if (problem != null) {
            throw new IllegalArgumentException(
                    "path '" + MessageText.printable(value) + "' " + problem);
        }
    }

    private static String problemWith(String value) {
        if (value == null || !value.startsWith("/")) {
            return "is not absolute; write it from the root, e.g. /srv/app";
        }
        if (value.length() > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "contains a control character (newline, tab, NUL...); those are not allowed";
        }
        if (value.equals("/")) {
            return null;
        }
        if (value.endsWith("/")) {
            return "ends with '/'; remove the trailing slash";
        }
        for (String segment : value.substring(1).split("/", -1)) {
            if (segment.isEmpty()) {
                return "contains '//'; write single slashes";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "contains '" + segment + "'; write the path without '.' or '..' segments";
            }
        }
        return null;
    }

    public boolean isRoot() {
        return value.equals("/");
    }

    /** This path without its leading slash, to resolve it under another directory. */
    public String relative() {
        return value.substring(1);
    }

    /** True when {@code other} is this path or lies below it. */
    public boolean contains(AbsolutePath other) {
        return isRoot() || other.value.equals(value) || other.value.startsWith(value + "/");
    }

    /** The directory holding this path; the root is its own parent. */
    public AbsolutePath parent() {
        int slash = value.lastIndexOf('/');
        return slash <= 0 ? ROOT : new AbsolutePath(value.substring(0, slash));
    }

    public AbsolutePath resolve(String name) {
        return new AbsolutePath(isRoot() ? "/" + name : value + "/" + name);
    }

    @Override
    public int compareTo(AbsolutePath other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
