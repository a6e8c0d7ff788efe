package io.rootfleet.model;

/** Text from untrusted input, fit to quote in an error message. */
public final class MessageText {
    private static final int MAX = 80;

    private MessageText() {}

    /** {@code value} at most 80 characters long, control characters as '?'; "" for null. */
    public static String printable(String value) {
        if (value == null) {
            return "";
        }
        String shown = value.length() > MAX ? value.substring(0, MAX) + "..." : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
