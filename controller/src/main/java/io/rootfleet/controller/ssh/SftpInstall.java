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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Installs a batch of files on a host with the same few channels however many they are: one {@code mkdir -p}
 * creates all their parent directories; one SFTP channel writes each to a temporary name beside its target and
 * gives it its mode; one {@code sha256sum} checks every copy against its local file; then the same SFTP channel
 * renames them over their targets. OpenSSH's sftp-server renames with {@code posix-rename@openssh.com}, which
 * JSch uses when offered, so each switch is atomic. Nothing is renamed before every copy was checked, and a
 * target that is a directory stops the batch before anything is written, so a batch that fails installs nothing;
 * its temporary files are removed.
 */
final class SftpInstall {
    /** One line of {@code sha256sum}: a name with a newline or backslash is escaped and the line starts with one. */
    private static final Pattern SHA256_LINE = Pattern.compile("(\\\\?)([0-9a-f]{64}) [ *](.*)");
    /** JSch expands these as glob patterns in remote paths. */
    private static final Pattern GLOB = Pattern.compile("[*?\\[\\]\\\\]");
    /** A path as GNU tools quote it in messages: {@code 'path'}, or {@code ‘path’} in a UTF-8 locale. */
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'|\u2018([^\u2019]*)\u2019");

    private static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A file of the batch, with the temporary name it is written to and how messages name its upload. */
    private record Entry(FileUpload file, String directory, String temporary, String what) {}

    private final RemoteHost host;
    private final Session session;
    private final Duration timeout;
    private final long deadline;
    private final List<Entry> entries;
    private final List<String> directories;
    private final String what;

    /** One batch: {@code files} installed on {@code host} within {@code timeout}. */
    SftpInstall(RemoteHost host, Session session, Duration timeout, List<FileUpload> files) {
        Set<String> targets = new HashSet<>();
        List<Entry> entries = new ArrayList<>();
        for (FileUpload file : files) {
            checkRemotePath(file.remotePath());
            if (file.mode() < 0 || file.mode() > 07777) {
                throw new IllegalArgumentException("file mode " + Integer.toOctalString(file.mode())
                        + " is not a permission mode; use 0 to 07777 (e.g. 0755)");
            }
            if (!targets.add(file.remotePath())) {
                throw new IllegalArgumentException("remote path '" + file.remotePath() + "' is given twice in one"
                        + " upload; install each file once");
            }
            String path = file.remotePath();
            int slash = path.lastIndexOf('/');
            String directory = slash == 0 ? "/" : path.substring(0, slash);
            String temporary = path.substring(0, slash + 1) + "." + path.substring(slash + 1) + ".rootfleet-"
                    + randomSuffix() + ".tmp";
            entries.add(new Entry(file, directory, temporary,
                    "uploading " + file.local() + " to " + host.name() + ":" + path));
        }
        this.host = host;
        this.session = session;
        this.timeout = timeout;
        this.deadline = System.nanoTime() + timeout.toNanos();
        this.entries = List.copyOf(entries);
        this.directories = entries.stream().map(Entry::directory).distinct().toList();
        this.what = entries.size() == 1 ? entries.get(0).what()
                : "uploading " + entries.size() + " files to " + host.name() + " (into " + String.join(", ", directories) + ")";
    }

    void run() {
        if (entries.isEmpty()) {
            return;
        }
        Map<Entry, String> localSums = new HashMap<>();
        entries.forEach(entry -> localSums.put(entry, sha256(entry.file().local())));

        makeDirectories();
        ChannelSftp sftp = openSftp();
        Watchdog watchdog = Watchdog.after(Duration.ofNanos(nanosLeft()), "sftp timeout", sftp::disconnect);
        List<Entry> written = new ArrayList<>();
        boolean installed = false;
        try {
            for (Entry entry : entries) {
                String target = entry.file().remotePath();
                if (step(watchdog, sftp, entry, "checking " + target, () -> isDirectoryNotFollowing(sftp, target))) {
                    throw new UploadException(entry.what() + " failed: " + target + " is a directory; nothing was"
                            + " installed");
                }
            }
            for (Entry entry : entries) {
                written.add(entry);
                step(watchdog, sftp, entry, "writing " + entry.temporary(), () -> {
                    try (InputStream content = Files.newInputStream(entry.file().local())) {
                        sftp.put(content, entry.temporary(), ChannelSftp.OVERWRITE);
                    }
                    return null;
                });
                int mode = entry.file().mode();
                step(watchdog, sftp, entry, "setting mode " + Integer.toOctalString(mode) + " on " + entry.temporary(),
                        () -> {
                            sftp.chmod(mode, entry.temporary());
                            return null;
                        });
            }
            checkSums(localSums);
            renameIntoPlace(watchdog, sftp, written);
            installed = true;
        } finally {
            watchdog.close();
            sftp.disconnect();
            if (!installed) {
                removeQuietly(written);
            }
        }
    }

    private void makeDirectories() {
        List<String> argv = new ArrayList<>(List.of("mkdir", "-p", "--"));
        argv.addAll(directories);
        CommandResult result = run(argv);
        if (!result.succeeded()) {
            String stderr = result.stderr().strip();
            throw new UploadException(blamed(stderr).map(Entry::what).orElse(what) + " failed: "
                    + ShellQuoting.display(argv) + " exited with status " + result.exitCode() + ": " + stderr);
        }
    }

    /** The first file whose directory {@code mkdir} names in {@code stderr} (it or one of its parents). */
    private Optional<Entry> blamed(String stderr) {
        Matcher quoted = QUOTED.matcher(stderr);
        while (quoted.find()) {
            String path = quoted.group(1) != null ? quoted.group(1) : quoted.group(2);
            for (Entry entry : entries) {
                if (entry.directory().equals(path) || entry.directory().startsWith(path + "/")) {
                    return Optional.of(entry);
                }
            }
        }
        return Optional.empty();
    }

    /** Runs one {@code sha256sum} over all the copies and compares each with its local file. */
    private void checkSums(Map<Entry, String> localSums) {
        List<String> argv = new ArrayList<>(List.of("sha256sum", "--"));
        entries.forEach(entry -> argv.add(entry.temporary()));
        CommandResult result = run(argv);
        Map<String, String> remoteSums = parseSha256(result.stdout());
        for (Entry entry : entries) {
            String remoteSum = remoteSums.get(entry.temporary());
            if (remoteSum == null && !result.succeeded()) {
                throw new UploadException(entry.what() + " failed: "
                        + ShellQuoting.display(List.of("sha256sum", "--", entry.temporary())) + " exited with status "
                        + result.exitCode() + ": " + result.stderr().strip());
            }
            if (remoteSum == null) {
                throw new UploadException(entry.what() + " failed: cannot read the checksum from sha256sum's output '"
                        + result.stdout().strip() + "'");
            }
            String localSum = localSums.get(entry);
            if (!remoteSum.equals(localSum)) {
                throw new UploadException(entry.what() + " failed: the copy's SHA-256 is " + remoteSum + " but the"
                        + " local file's is " + localSum + "; the file was not installed, run again");
            }
        }
        if (!result.succeeded()) {
            throw new UploadException(what + " failed: " + ShellQuoting.display(argv) + " exited with status "
                    + result.exitCode() + ": " + result.stderr().strip());
        }
    }

    /** Each checksum by file name, from {@code sha256sum}'s output. */
    static Map<String, String> parseSha256(String output) {
        Map<String, String> sums = new HashMap<>();
        for (String line : output.split("\n")) {
            Matcher match = SHA256_LINE.matcher(line);
            if (match.matches()) {
                String name = match.group(1).isEmpty() ? match.group(3) : unescape(match.group(3));
                sums.put(name, match.group(2));
            }
        }
        return sums;
    }

    /** Undoes {@code sha256sum}'s escaping of a file name: {@code \\}, {@code \n} and {@code \r}. */
    private static String unescape(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' && i + 1 < name.length()) {
                char next = name.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Renames every checked copy over its target; should one fail, the message says which were installed. */
    private void renameIntoPlace(Watchdog watchdog, ChannelSftp sftp, List<Entry> written) {
        List<String> installed = new ArrayList<>();
        for (Entry entry : List.copyOf(written)) {
            try {
                step(watchdog, sftp, entry, "renaming " + entry.temporary() + " into place", () -> {
                    sftp.rename(entry.temporary(), entry.file().remotePath());
                    return null;
                });
            } catch (UploadException e) {
                if (installed.isEmpty()) {
                    throw e;
                }
                throw new UploadException(e.getMessage() + "; installed before it: " + String.join(", ", installed), e);
            }
            written.remove(entry);
            installed.add(entry.file().remotePath());
        }
    }

    private interface SftpStep<T> {
        T run() throws SftpException, IOException;
    }

    /** Runs one SFTP step; SFTP v3 reports most failures as a bare "Failure", so the message names the step. */
    private <T> T step(Watchdog watchdog, ChannelSftp sftp, Entry entry, String step, SftpStep<T> work) {
        try {
            return work.run();
        } catch (SftpException | IOException e) {
            if (watchdog.fired()) {
                throw timedOut(entry.what(), e);
            }
            if (!session.isConnected()) {
                throw new HostUnreachableException("lost the SSH connection to " + host.name() + " while "
                        + entry.what() + "; the target is unchanged", e);
            }
            String target = entry.file().remotePath();
            String hint = isDirectory(sftp, target) ? " (" + target + " is a directory)" : "";
            throw new UploadException(entry.what() + " failed while " + step + ": " + describe(e) + hint, e);
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

    /** Runs a command of the batch within what is left of its time; its exit status is the caller's to judge. */
    private CommandResult run(List<String> argv) {
        try {
            return host.run(argv, Duration.ofNanos(Math.max(1, nanosLeft())));
        } catch (CommandTimeoutException e) {
            throw timedOut(what, e);
        }
    }

    private UploadException timedOut(String upload, Exception cause) {
        return new UploadException(upload + " did not finish within " + Durations.human(timeout)
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

    /** Whether {@code path} is a directory, not a symbolic link to one (a rename replaces a link); a missing one is not. */
    private static boolean isDirectoryNotFollowing(ChannelSftp sftp, String path) throws SftpException {
        try {
            return sftp.lstat(path).isDir();
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                return false;
            }
            throw e;
        }
    }

    private static boolean isDirectory(ChannelSftp sftp, String path) {
        try {
            return sftp.isConnected() && sftp.stat(path).isDir();
        } catch (SftpException e) {
            return false;
        }
    }

    /** Removes the temporaries that may have been written, with one command; best effort. */
    private void removeQuietly(List<Entry> written) {
        if (written.isEmpty()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of("rm", "-f", "--"));
        written.forEach(entry -> argv.add(entry.temporary()));
        try {
            host.run(argv, CLEANUP_TIMEOUT);
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
