package io.rootfleet.model;

/**
 * A host path a container's mask hides: an absolute path ({@code /opt/secret}), or one ending in {@code *} for
 * every entry of its directory whose name starts with what comes before it ({@code /etc/ssh/ssh_host_*}).
 */
public record HidePattern(String value) {

    /** @throws IllegalArgumentException when the part before any {@code *} is not an absolute path */
    public HidePattern {
        String plain = value.endsWith("*") ? value.substring(0, value.length() - 1) : value;
        new AbsolutePath(plain.endsWith("/") && plain.length() > 1 ? plain + "x" : plain);
    }

    public boolean isWildcard() {
        return value.endsWith("*");
    }

    /** True for {@code /} itself: a mask that hides everything. */
    public boolean hidesEverything() {
        return !isWildcard() && new AbsolutePath(value).isRoot();
    }

    @Override
    public String toString() {
        return value;
    }
}
