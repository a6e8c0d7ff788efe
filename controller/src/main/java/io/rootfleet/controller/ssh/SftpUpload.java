package io.rootfleet.controller.ssh;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Installs one file on a host: parent directories are created, the bytes go over SFTP to a temporary name
 * beside the target, get their mode, are checked with the remote {@code sha256sum} against the local file, and
 * are then renamed over the target. OpenSSH's sftp-server renames with {@code posix-rename@openssh.com}, which
 * JSch uses when offered, so the switch is atomic. The temporary file is removed if anything fails.
 */
final class SftpUpload {
    private static final Pattern SHA256_LINE = Pattern.compile("\\\\?([0-9a-f]{64}) .*", Pattern.DOTALL);
    /** JSch expands these as glob patterns in remote paths. */
    private static final Pattern GLOB = Pattern.compile("[*?\\[\\]\\\\]");

    private static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RemoteHost host;
    private final Session session;
    private final Duration timeout;
    private final long deadline;
    private final Path local;
    private final String remotePath;
    private final int mode;
    private final String what;

    /** One upload of {@code local} to {@code remotePath}, to finish within {@code timeout}. */
    SftpUpload(RemoteHost host, Session session, Duration timeout, Path local, String remotePath, int mode) {
        checkRemotePath(remotePath);
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("file mode " + Integer.toOctalString(mode)
                    + " is not a permission mode; use 0 to 07777 (e.g. 0755)");
        }
        this.host = host;
        this.session = session;
        this.timeout = timeout;
        this.deadline = System.nanoTime() + timeout.toNanos();
        this.local = local;
        this.remotePath = remotePath;
        this.mode = mode;
        this.what = "uploading " + local + " to " + host.name() + ":" + remotePath;
    }

    void run() {
        String localSum = sha256(local);
        int slash = remotePath.lastIndexOf('/');
        String directory = slash == 0 ? "/" : remotePath.substring(0, slash);
        String temporary = remotePath.substring(0, slash + 1) + "." + remotePath.substring(slash + 1) + ".rootfleet-"
                + randomSuffix() + ".tmp";

        run(List.of("mkdir", "-p", "--", directory));
        ChannelSftp sftp = openSftp();
        Watchdog watchdog = Watchdog.after(Duration.ofNanos(nanosLeft()), "sftp timeout", sftp::disconnect);
        boolean installed = false;
        try {
            step(watchdog, sftp, "writing " + temporary, () -> {
                try (InputStream content = Files.newInputStream(local)) {
                    sftp.put(content, temporary, ChannelSftp.OVERWRITE);
                }
            });
            step(watchdog, sftp, "setting mode " + Integer.toOctalString(mode) + " on " + temporary, () ->
                    sftp.chmod(mode, temporary));
            String remoteSum = remoteSha256(temporary);
            if (!remoteSum.equals(localSum)) {
                throw new UploadException(what + " failed: the copy's SHA-256 is " + remoteSum + " but the local"
                        + " file's is " + localSum + "; the file was not installed, run again");
            }
            step(watchdog, sftp, "renaming " + temporary + " into place", () -> sftp.rename(temporary, remotePath));
            installed = true;
        } finally {
            watchdog.close();
            sftp.disconnect();
            if (!installed) {
                removeQuietly(temporary);
            }
        }
    }

    private interface SftpStep {
        void run() throws SftpException, IOException;
    }

    /** Runs one SFTP step; SFTP v3 reports most failures as a bare "Failure", so the message names the step. */
    private void step(Watchdog watchdog, ChannelSftp sftp, String step, SftpStep work) {
        try {
            work.run();
        } catch (SftpException | IOException e) {
            if (watchdog.fired()) {
                throw timedOut(e);
            }
            if (!session.isConnected()) {
                throw new HostUnreachableException("lost the SSH connection to " + host.name() + " while " + what
                        + "; the target is unchanged", e);
            }
            String hint = isDirectory(sftp, remotePath) ? " (" + remotePath + " is a directory)" : "";
            throw new UploadException(what + " failed while " + step + ": " + describe(e) + hint, e);
        }
    }

    private static void checkRemotePath(String remotePath) {
        if (remotePath == null || !remotePath.startsWith("/") || remotePath.endsWith("/")) {
            throw new IllegalArgumentException("remote path '" + remotePath
                    + "' must be an absolute file path, e.g. /usr/local/bin/rootfleet-agent");
        }
        if (GLOB.matcher(remotePath).find() || remotePath.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("remote path '" + remotePath.replaceAll("\\p{Cntrl}", "?")
                    + "' contains a control character or one of * ? [ ] \\, which SFTP tools treat as patterns;"
                    + " choose a plain path");
        }
    }

    private static String sha256(Path local) {
        MessageDigest digest = Fingerprints.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(local), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UploadException("cannot read " + local + " to upload it: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private String remoteSha256(String path) {
        String output = run(List.of("sha256sum", "--", path)).stdout();
        var match = SHA256_LINE.matcher(output);
        if (!match.matches()) {
            throw new UploadException(what + " failed: cannot read the checksum from sha256sum's output '"
                    + output.strip() + "'");
        }
        return match.group(1);
    }

    private CommandResult run(List<String> argv) {
        CommandResult result;
        try {
            result = host.run(argv, Duration.ofNanos(Math.max(1, nanosLeft())));
        } catch (CommandTimeoutException e) {
            throw timedOut(e);
        }
        if (!result.succeeded()) {
            throw new UploadException(what + " failed: " + ShellQuoting.display(argv) + " exited with status "
                    + result.exitCode() + ": " + result.stderr().strip());
        }
        return result;
    }

    private UploadException timedOut(Exception cause) {
        return new UploadException(what + " did not finish within " + Durations.human(timeout)
                + "; raise the command timeout for large files or slow links", cause);
    }

    private ChannelSftp openSftp() {
        try {
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanosLeft())));
            return sftp;
        } catch (JSchException e) {
            throw new UploadException(what + " failed: cannot open an SFTP channel (" + e.getMessage()
                    + "); check that sshd there has the sftp subsystem enabled", e);
        }
    }

    private static boolean isDirectory(ChannelSftp sftp, String path) {
        try {
            return sftp.isConnected() && sftp.stat(path).isDir();
        } catch (SftpException e) {
            return false;
        }
    }

    private void removeQuietly(String temporary) {
        try {
            host.run(List.of("rm", "-f", "--", temporary), CLEANUP_TIMEOUT);
        } catch (RemoteHostException e) {
            // best effort: a stray temporary file is harmless, the real failure is already being reported
        }
    }

    private static String describe(Exception e) {
        if (e instanceof SftpException sftp) {
            return switch (sftp.id) {
                case ChannelSftp.SSH_FX_PERMISSION_DENIED -> "permission denied";
                case ChannelSftp.SSH_FX_NO_SUCH_FILE -> "no such file or directory";
                default -> sftp.getMessage();
            };
        }
        return e.getMessage();
    }

    private static String randomSuffix() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private long nanosLeft() {
        return deadline - System.nanoTime();
    }
}
