package io.rootfleet.agent.audit;

import io.rootfleet.agent.host.PrivateHome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * HOME/audit.log: append-only, root's alone. Each entry is one line written in one {@code write} to a file opened
 * {@code O_APPEND}, so lines of runs at once do not mix; the file is created 0600 before anything is written, and
 * it is never opened through a symlink ({@code O_NOFOLLOW}): a link in its place is an error, not a redirection.
 * Nothing is ever rewritten or truncated.
 */
public final class AuditLog {
    private static final Set<OpenOption> APPEND = Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

    private final Path file;

    public AuditLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Appends one line; the home must exist (a command that never reached it changed nothing to audit). */
    public void append(AuditEntry entry) {
        byte[] line = (AuditLines.format(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try (SeekableByteChannel out = Files.newByteChannel(file, APPEND,
                PosixFilePermissions.asFileAttribute(PrivateHome.FILE_MODE))) {
            // an existing log made by hand (or an older umask) is made root's alone before a line goes into it
            PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            if (!view.readAttributes().permissions().equals(PrivateHome.FILE_MODE)) {
                view.setPermissions(PrivateHome.FILE_MODE);
            }
            ByteBuffer bytes = ByteBuffer.wrap(line);
            while (bytes.hasRemaining()) {
                out.write(bytes); // one write, unless the disk is (nearly) full
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit log " + file + ": " + describe(e), e);
        }
    }

    /** Every entry, and the lines that are not entries; none when there is no log yet. */
    public AuditLines.Read read() {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return new AuditLines.Read(List.of(), List.of());
        }
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return AuditLines.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            return new AuditLines.Read(List.of(), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + file + ": " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("symbolic link") || message.contains("Too many levels")
                ? "it is a symbolic link; remove it (the log is never written through one)"
                : e.getClass().getSimpleName() + ": " + message;
    }
}
