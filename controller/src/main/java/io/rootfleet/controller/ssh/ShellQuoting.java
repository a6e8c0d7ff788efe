package io.rootfleet.controller.ssh;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns an argv list into the one command string SSH can carry, so that the remote POSIX shell splits it back
 * into exactly those words. Every word is single-quoted, even plain ones: an unquoted {@code FOO=bar} as first
 * word would be an assignment, and a quoted word never is.
 */
public final class ShellQuoting {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+:,./-]+");

    private ShellQuoting() {}

    /** The command line for {@code sh -c}: each word of {@code argv} quoted, separated by spaces. */
    public static String command(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least one word (the program to run)");
        }
        return argv.stream().map(ShellQuoting::quote).collect(Collectors.joining(" "));
    }

    /** One word in single quotes; a single quote inside becomes {@code '\''} (end quote, escaped quote, reopen). */
    public static String quote(String word) {
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a command word cannot contain a NUL character: "
                    + word.replace("\0", "\\0"));
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * The command as people read it in messages and logs, and can paste into a shell: words of plain characters
     * stay unquoted. Not what is sent; see {@link #command(List)}.
     */
    public static String display(List<String> argv) {
        return argv.stream()
                .map(word -> PLAIN.matcher(word).matches() ? word : quote(word))
                .collect(Collectors.joining(" "));
    }
}
