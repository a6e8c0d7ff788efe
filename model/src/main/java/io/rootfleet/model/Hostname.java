package io.rootfleet.model;

import java.util.regex.Pattern;

/** A host name as RFC 1123 allows it: dot-separated labels of letters, digits and '-', 253 characters at most. */
public record Hostname(String value) {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    public Hostname {
        if (value == null || value.isEmpty() || value.length() > 253 || !allLabelsValid(value)) {
            throw new IllegalArgumentException("hostname '" + MessageText.printable(value) + "' is not valid; use"
                    + " labels of letters, digits and '-' separated by dots (e.g. web-01 or web-01.example.org)");
        }
    }

    private static boolean allLabelsValid(String value) {
        for (String label : value.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The first label, which is what {@code /etc/hostname} holds. */
    public String shortName() {
        int dot = value.indexOf('.');
        return dot < 0 ? value : value.substring(0, dot);
    }

    @Override
    public String toString() {
        return value;
    }
}
