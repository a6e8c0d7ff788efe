package io.rootfleet.model;

import java.util.regex.Pattern;

/**
 * A container's name. It becomes a directory name, an LXC name and the default hostname, so it is held to
 * the strictest of the three: 1 to 63 lowercase letters, digits and '-', not starting or ending with '-'.
 */
public record ContainerName(String value) implements Comparable<ContainerName> {
    private static final Pattern VALID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public ContainerName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("container name '" + MessageText.printable(value) + "' is not valid;"
                    + " use 1 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit (e.g. web-01)");
        }
    }

    @Override
    public int compareTo(ContainerName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
