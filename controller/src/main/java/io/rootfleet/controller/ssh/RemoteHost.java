package io.rootfleet.controller.ssh;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A host the controller drives: it runs commands there and installs files there. Commands are argv lists,
 * never shell strings. Failures are {@link RemoteHostException}s with messages for the user;
 * {@link HostUnreachableException} means the host could not be reached at all.
 */
public interface RemoteHost extends AutoCloseable {
    /** How messages name this host, e.g. {@code root@10.0.0.5:22}. */
    String name();

    /**
     * Runs a command, feeds it {@code stdin} then end-of-file, and passes each line of its standard output to
     * {@code stdoutLines} as it arrives (on the calling thread). A non-zero exit status is returned, not thrown.
     *
     * @throws CommandTimeoutException if it does not finish within {@code timeout}; it is stopped then
     * @throws CommandException if it ends without an exit status (killed by a signal, connection lost)
     */
    default CommandResult run(List<String> argv, byte[] stdin, Duration timeout, LineListener stdoutLines) {
        return run(argv, new ByteArrayInputStream(stdin), timeout, stdoutLines);
    }

    /**
     * As {@link #run(List, byte[], Duration, LineListener)}, with {@code stdin} copied to the command as it is
     * read, until its end or the command's; it is not closed.
     */
    CommandResult run(List<String> argv, InputStream stdin, Duration timeout, LineListener stdoutLines);

    /** Runs a command without input and collects its output; see {@link #run(List, byte[], Duration, LineListener)}. */
    default CommandResult run(List<String> argv, Duration timeout) {
        return run(argv, new byte[0], timeout, LineListener.IGNORE);
    }

    /**
     * Installs a local file at {@code remotePath} with permission bits {@code mode} (e.g. {@code 0755}): it is
     * written beside the target under a temporary name, checked by SHA-256, then renamed into place, so the
     * target is either the old file or the complete new one. Missing parent directories are created.
     *
     * @throws UploadException if it cannot be installed; the target is then unchanged
     */
    default void upload(Path local, String remotePath, int mode) {
        upload(List.of(new FileUpload(local, remotePath, mode)));
    }

    /**
     * Installs several files as {@link #upload(Path, String, int)} installs one, in one batch: each is written
     * beside its target under a temporary name, and they are renamed into place only once all of them were
     * written and checked, so a batch that fails installs none of them (short of a rename itself failing, which
     * the message then says) and leaves no temporary file. The whole batch has the command timeout of one upload.
     *
     * @throws UploadException if it cannot be installed, naming the file that failed
     */
    void upload(List<FileUpload> files);

    /** Closes the connection. Never throws. */
    @Override
    void close();
}
