package io.rootfleet.controller.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One run of the controller: its arguments, exit code and output. {@link #report()} is stdout with the timings
 * masked ({@code <ms>}) and trailing blanks removed, so that tests can compare whole lines.
 */
record ControllerRun(List<String> args, int exit, String out, String err, long wallMillis) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A row of the per-host table as the report prints it, with the time masked. */
    static String row(String host, String result, Object changed, Object failed, Object ok, Object unlisted, String detail) {
        return (String.format("%-20s %-11s %7s %6s %7s %8s", host, result, changed, failed, ok, unlisted) + " <ms>  "
                + detail).stripTrailing();
    }

    /** The row of a host that was not reached or whose agent gave no result. */
    static String row(String host, String result, String detail) {
        return row(host, result, "-", "-", "-", "-", detail);
    }

    static final String HEADER = String.format("%-20s %-11s %7s %6s %7s %8s %9s  %s", "HOST", "RESULT", "CHANGED",
            "FAILED", "OK", "UNLISTED", "TIME", "DETAIL").stripTrailing();

    List<String> report() {
        return mask(out);
    }

    List<String> progress() {
        return mask(err.isEmpty() ? out : err);
    }

    /** Stdout as the one JSON document {@code --json} prints. */
    JsonNode json() {
        try {
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException("stdout is not one JSON document:\n" + out, e);
        }
    }

    private static List<String> mask(String text) {
        return text.lines()
                .map(line -> line.replaceAll(" +\\d+ms  ", " <ms>  ").replaceAll("done in \\d+ ms", "done in <ms>"))
                .map(String::stripTrailing)
                .toList();
    }

    @Override
    public String toString() {
        return "rootfleet " + String.join(" ", args) + "\nexit " + exit + " after " + wallMillis + " ms\n--- stdout ---\n"
                + out + "--- stderr ---\n" + err;
    }
}
