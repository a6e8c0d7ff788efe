package io.rootfleet.agent.hook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * The hook's log, HOME/hook.log, created 0600: one timestamped line per step, tagged with the step and its
 * PID ({@code 2025-05-01T10:00:00.123+02:00 settle[4242]: ...}). Every hook process appends to it, each line
 * in one write, so lines of processes running at once do not mix.
 */
public final class HookLog {
    /** Past this size, {@link #rotate} keeps the old log as hook.log.1 and starts a new one. */
    public static final long ROTATE_BYTES = 1024 * 1024;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private final Path file;
    private final String tag;

    public HookLog(Path file, String step) {
        this.file = file;
        this.tag = step + "[" + ProcessHandle.current().pid() + "]: ";
    }

    public Path file() {
        return file;
    }

    public void line(String message) {
        String line = OffsetDateTime.now().format(TIME) + " " + tag + message + "\n";
        try (SeekableByteChannel out = Files.newByteChannel(file,
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the hook log " + file + ": " + e.getMessage(), e);
        }
    }

    /** Keeps one old log: moves the log to hook.log.1 once it is larger than {@link #ROTATE_BYTES}. */
    public void rotate() {
        try {
            if (Files.isRegularFile(file) && Files.size(file) > ROTATE_BYTES) {
                Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rotate the hook log " + file + ": " + e.getMessage(), e);
        }
    }
}
