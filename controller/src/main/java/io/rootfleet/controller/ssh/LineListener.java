package io.rootfleet.controller.ssh;

/** Receives a command's output one line at a time, as it arrives, without the line terminator. */
@FunctionalInterface
public interface LineListener {
    LineListener IGNORE = line -> {};

    void onLine(String line);
}
