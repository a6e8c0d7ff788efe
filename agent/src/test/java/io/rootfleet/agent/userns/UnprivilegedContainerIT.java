package io.rootfleet.agent.userns;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.sys.CommonsExecRunner;
import io.rootfleet.agent.sys.Kernel;
import io.rootfleet.agent.sys.ProcessResult;
import io.rootfleet.agent.sys.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real unprivileged LXC container on an idmapped bind of the host's / (rootfleet's "debian" template, a plain
 * {@code sleep} as init, no mask layer): what it sees, what it may change, and how long it takes to start
 * compared with the same container privileged. The host's /etc/subuid and /etc/subgid get root's line for the
 * test's range (LXC runs newuidmap, from Debian's uidmap package, which checks them) and are restored byte for
 * byte, with their mode and owner, afterwards, by the last test of the JVM that needs them
 * ({@link SharedSavedFiles}: tests in parallel add that line too).
 */
class UnprivilegedContainerIT {
    private static final IdRange RANGE = IdRange.of(IdPool.DEFAULT.first() + 7 * IdRange.DEFAULT_COUNT);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int ROUNDS = 9;

    private final ProcessRunner runner = new CommonsExecRunner();
    private final List<String> started = new ArrayList<>();
    private ScratchDir scratch;
    private Path lxcpath;

    @BeforeEach
    void setUp() throws IOException {
        SharedSavedFiles.SUB_IDS.acquire();
        scratch = new ScratchDir("lxc");
        lxcpath = scratch.mkdirs("lxc");
        SubIdFiles.system().ensureRootMaps(RANGE);
    }

    @AfterEach
    void tearDown() {
        List<SavedFile> restored = List.of();
        try {
            for (String name : started) {
                runner.run(List.of("lxc-stop", "-n", name, "-P", lxcpath.toString(), "-k"), TIMEOUT);
            }
        } finally {
            try {
                restored = SharedSavedFiles.SUB_IDS.release();
            } finally {
                scratch.close();
            }
        }
        // none while tests running in parallel still need root's line: the last of them puts the files back
        for (SavedFile file : restored) {
            assertThat(file.unchanged()).as(file.path() + " restored exactly").isTrue();
        }
    }

    @Test
    void unprivileged_hostFilesAreRootsInsideAndTheHostCannotBeChanged() throws Exception {
        String name = unprivilegedContainer("u");
        start(name);

        assertThat(attach(name, "stat", "-c", "%u:%g", "/usr/bin/env").stdout().strip()).isEqualTo("0:0");
        assertThat(attach(name, "id", "-u").stdout().strip()).isEqualTo("0");
        String initPid = run("lxc-info", "-n", name, "-P", lxcpath.toString(), "-p", "-H").stdout().strip();
        assertThat(Files.readAllLines(Path.of("/proc", initPid, "status")).stream()
                .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow())
                .as("the container's root is the range's base on the host")
                .startsWith("Uid:\t" + RANGE.hostBase() + "\t");

        assertThat(attach(name, "sh", "-c", "echo hi > /etc/x").exitCode()).isZero();
        Path copied = scratch.dir.resolve("u/upper/etc/x");
        assertThat(copied).hasContent("hi");
        assertThat(Files.getAttribute(copied, "unix:uid")).isEqualTo((int) RANGE.hostBase());
        assertThat(Files.getAttribute(copied, "unix:gid")).isEqualTo((int) RANGE.hostBase());
        assertThat(Path.of("/etc/x")).doesNotExist();
        // deleting a host file inside leaves a whiteout in the upper, and the host file where it was
        assertThat(attach(name, "rm", "/etc/issue.net").exitCode()).isZero();
        assertThat(attach(name, "test", "-e", "/etc/issue.net").exitCode()).isNotZero();
        assertThat(Path.of("/etc/issue.net")).exists();
        assertThat(Files.getAttribute(scratch.dir.resolve("u/upper/etc/issue.net"), "unix:rdev", LinkOption.NOFOLLOW_LINKS))
                .as("a 0/0 character device").isEqualTo(0L);

        String sysctl = "/proc/sys/kernel/core_uses_pid";
        String hostValue = Files.readString(Path.of(sysctl));
        // the same value written back: a success would show, and change nothing on the host
        ProcessResult freshProc = attach(name, "sh", "-c", "mkdir -p /run/p && mount -t proc proc /run/p && "
                + "cat /run/p/sys/kernel/core_uses_pid > /run/p/sys/kernel/core_uses_pid");
        ProcessResult ownProc = attach(name, "sh", "-c", "cat " + sysctl + " > " + sysctl);
        System.out.println("fresh procfs mount and sysctl write inside: exit " + freshProc.exitCode() + ": " + freshProc.stderr().strip());
        System.out.println("sysctl write through the container's /proc: exit " + ownProc.exitCode() + ": " + ownProc.stderr().strip());
        assertThat(freshProc.exitCode()).isNotZero();
        assertThat(ownProc.exitCode()).isNotZero();
        assertThat(Files.readString(Path.of(sysctl))).isEqualTo(hostValue);

        ProcessResult mknod = attach(name, "mknod", "/run/disk", "b", "8", "0");
        System.out.println("mknod of a block device inside: exit " + mknod.exitCode() + ": " + mknod.stderr().strip());
        assertThat(mknod.exitCode()).isNotZero();

        // nosuid on the idmapped lower does not reach the overlay: chage is setgid shadow and reads /etc/shadow
        ProcessResult setgid = attach(name, "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "chage", "-l", "nobody");
        assertThat(setgid.exitCode()).as(setgid.stderr()).isZero();

        String rootfs = Arrays.stream(attach(name, "cat", "/proc/self/mountinfo").stdout().split("\n"))
                .filter(l -> l.split(" ")[4].equals("/")).findFirst().orElseThrow();
        System.out.println("the container's / in its mountinfo: " + rootfs);
    }

    @Test
    void maskLayer_opaqueDirectoriesAndWhiteoutsStillHide() throws Exception {
        Path secret = scratch.mkdirs("secret");
        Files.writeString(secret.resolve("key"), "host secret");
        Files.writeString(scratch.dir.resolve("secret-file"), "host secret");
        Path mask = scratch.mkdirs("mask");
        Kernel.get().mountTmpfs(mask, "mode=0755");
        Path maskedSecret = Files.createDirectories(mask.resolve(secret.toString().substring(1)));
        Kernel.get().markOpaque(maskedSecret);
        // LXC mounts the overlay inside the container's user namespace, where trusted.* xattrs are not read:
        // the opaque mark must be the user.overlay one, with overlayfs told so (userxattr)
        Files.getFileAttributeView(maskedSecret, UserDefinedFileAttributeView.class)
                .write("overlay.opaque", ByteBuffer.wrap("y".getBytes(StandardCharsets.US_ASCII)));
        Kernel.get().whiteout(mask.resolve(scratch.dir.resolve("secret-file").toString().substring(1)));
        Path maskDir = mask.resolve(scratch.dir.toString().substring(1));
        Files.writeString(maskDir.resolve("root-owned"), "x");
        Files.setPosixFilePermissions(maskDir.resolve("root-owned"), PosixFilePermissions.fromString("rw-r-----"));
        Files.writeString(maskDir.resolve("base-owned"), "x");
        Files.setPosixFilePermissions(maskDir.resolve("base-owned"), PosixFilePermissions.fromString("rw-r-----"));
        Files.setAttribute(maskDir.resolve("base-owned"), "unix:uid", (int) RANGE.hostBase());
        Files.setAttribute(maskDir.resolve("base-owned"), "unix:gid", (int) RANGE.hostBase());
        String name = unprivilegedContainer("u", "", mask);
        start(name);

        ProcessResult listing = attach(name, "ls", "-A", secret.toString());
        ProcessResult file = attach(name, "cat", scratch.dir.resolve("secret-file").toString());
        System.out.println("opaque directory of a root-owned mask seen from inside: exit " + listing.exitCode() + ": '"
                + listing.stdout().strip() + "' " + listing.stderr().strip());
        System.out.println("whiteout of a root-owned mask seen from inside: exit " + file.exitCode() + ": '"
                + file.stdout().strip() + "' " + file.stderr().strip());
        ProcessResult rootOwned = attach(name, "cat", maskDir.resolve("root-owned").toString().replace(mask.toString(), ""));
        System.out.println("a 0640 mask file owned by the host's root, read inside: exit " + rootOwned.exitCode() + ": "
                + rootOwned.stderr().strip());
        assertThat(rootOwned.exitCode()).as("the mask's files must be owned inside the range").isNotZero();
        assertThat(attach(name, "cat", maskDir.resolve("base-owned").toString().replace(mask.toString(), "")).stdout())
                .isEqualTo("x");
        assertThat(listing.stdout()).doesNotContain("key");
        assertThat(file.stdout()).doesNotContain("host secret");
    }

    @Test
    void limits_cannotBeLiftedFromInside() throws Exception {
        String name = unprivilegedContainer("u", "lxc.cgroup.memory.limit_in_bytes = 67108864\nlxc.cgroup.pids.max = 50\n");
        start(name);

        System.out.println("cgroups inside: " + attach(name, "sh", "-c", "ls /sys/fs/cgroup; cat /proc/self/cgroup")
                .stdout().strip().replace("\n", " "));
        // the container may mount its own cgroup v1 hierarchies (its cgroup namespace is its own), but what it
        // finds there are its own cgroups, whose limit files stay owned by the host's root
        ProcessResult memory = attach(name, "sh", "-c", "mkdir -p /run/cgm && mount -t cgroup -o memory cgroup /run/cgm"
                + " && echo 1073741824 > /run/cgm/memory.limit_in_bytes");
        ProcessResult pids = attach(name, "sh", "-c", "mkdir -p /run/cgp && mount -t cgroup -o pids cgroup /run/cgp"
                + " && echo max > /run/cgp/pids.max");
        System.out.println("memory limit raised through a fresh cgroup v1 mount: exit " + memory.exitCode() + ": "
                + memory.stderr().strip());
        System.out.println("pids limit lifted through a fresh cgroup v1 mount: exit " + pids.exitCode() + ": "
                + pids.stderr().strip());
        assertThat(memory.exitCode()).isNotZero();
        assertThat(pids.exitCode()).isNotZero();
        assertThat(run("lxc-cgroup", "-n", name, "-P", lxcpath.toString(), "memory.limit_in_bytes").stdout().strip())
                .isEqualTo("67108864");
        assertThat(run("lxc-cgroup", "-n", name, "-P", lxcpath.toString(), "pids.max").stdout().strip()).isEqualTo("50");
    }

    @Test
    void hostSystemd_bootsAsInitUnprivileged() throws Exception {
        String name = unprivilegedContainer("u", "lxc.init.cmd = /sbin/init\nlxc.signal.halt = SIGRTMIN+3\n");
        // the host's lxc.service waits 30 s for its bridge in every boot; the agent's mask hides it, this test has none
        maskUnit(scratch.dir.resolve("u/upper"), "lxc.service");
        // and the host's /tmp and /var/tmp are hidden, as the agent's mask hides them: systemd-tmpfiles empties
        // /tmp at boot, which on the bare host root is a whiteout per file of the host's /tmp (9 s of CPU, 27 s here)
        emptyOpaqueDir(scratch.dir.resolve("u/upper"), "tmp");
        emptyOpaqueDir(scratch.dir.resolve("u/upper"), "var/tmp");
        long t0 = System.nanoTime();
        start(name);
        String state = "";
        for (int i = 0; i < 120 && !state.equals("running") && !state.equals("degraded"); i++) {
            Thread.sleep(500);
            state = attach(name, "systemctl", "is-system-running").stdout().strip();
        }
        System.out.println("host systemd as init, unprivileged: '" + state + "' after "
                + (System.nanoTime() - t0) / 1_000_000 + " ms; failed units: "
                + attach(name, "systemctl", "--failed", "--no-legend", "--plain").stdout().strip().replace("\n", "; "));
        System.out.println("slowest units: " + attach(name, "sh", "-c", "systemd-analyze blame | head -5").stdout()
                .strip().replaceAll("\\s+", " "));
        assertThat(state).isIn("running", "degraded");
    }

    @Test
    void startTime_unprivilegedAgainstPrivileged() throws Exception {
        String unprivileged = unprivilegedContainer("u");
        String privileged = privilegedContainer("p");
        long[] u = new long[ROUNDS];
        long[] p = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            u[i] = timedStartAndStop(unprivileged);
            p[i] = timedStartAndStop(privileged);
        }
        Arrays.sort(u);
        Arrays.sort(p);
        System.out.printf("lxc-start -d, sleep as init, median of %d: unprivileged %d ms %s, privileged %d ms %s, ratio %.2f%n",
                ROUNDS, u[ROUNDS / 2], Arrays.toString(u), p[ROUNDS / 2], Arrays.toString(p), (double) u[ROUNDS / 2] / p[ROUNDS / 2]);
    }

    private long timedStartAndStop(String name) {
        long t0 = System.nanoTime();
        start(name);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        run("lxc-stop", "-n", name, "-P", lxcpath.toString(), "-k");
        run("lxc-wait", "-n", name, "-P", lxcpath.toString(), "-s", "STOPPED", "-t", "30");
        return ms;
    }

    /**
     * A container on the idmapped root, its upper and work directories owned by the range's base, and overlayfs
     * told to use user.overlay.* xattrs (LXC mounts the overlay inside the container's user namespace, where
     * trusted.* ones are not read).
     */
    private String unprivilegedContainer(String base) throws IOException {
        return unprivilegedContainer(base, "");
    }

    private String unprivilegedContainer(String base, String extra) throws IOException {
        return unprivilegedContainer(base, extra, null);
    }

    /** With {@code mask} (or null): a layer between the upper and the idmapped root, like the agent's mask. */
    private String unprivilegedContainer(String base, String extra, Path mask) throws IOException {
        Path root = scratch.mkdirs(base + "/root");
        new IdmappedRootBind(Kernel.get()).mount(root, RANGE);
        Path upper = scratch.mkdirs(base + "/upper");
        Path work = scratch.mkdirs(base + "/work"); // LXC 5.0 makes the overlay work dir next to the upper, by this name
        for (Path dir : List.of(upper, work)) {
            Files.setAttribute(dir, "unix:uid", (int) RANGE.hostBase());
            Files.setAttribute(dir, "unix:gid", (int) RANGE.hostBase());
        }
        return container(base, mask == null ? root.toString() : mask + ":" + root, upper, "lxc.idmap = u " + RANGE.mapLine() + "\nlxc.idmap = g " + RANGE.mapLine() + "\n"
                + "lxc.rootfs.options = userxattr\n" + extra);
    }

    /** Masks a host unit in an unprivileged container's upper layer, as systemctl mask would inside it. */
    private static void maskUnit(Path upper, String unit) throws IOException {
        Path dir = upper;
        for (String name : List.of("etc", "systemd", "system")) {
            dir = dir.resolve(name);
            Files.createDirectory(dir);
            Files.setAttribute(dir, "unix:uid", (int) RANGE.hostBase());
            Files.setAttribute(dir, "unix:gid", (int) RANGE.hostBase());
        }
        Path link = Files.createSymbolicLink(dir.resolve(unit), Path.of("/dev/null"));
        Files.setAttribute(link, "unix:uid", (int) RANGE.hostBase(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(link, "unix:gid", (int) RANGE.hostBase(), LinkOption.NOFOLLOW_LINKS);
    }

    /** An empty directory in an unprivileged container's upper layer that hides the host's, as a mask would. */
    private static void emptyOpaqueDir(Path upper, String relative) throws IOException {
        Path dir = upper;
        for (Path name : Path.of(relative)) {
            dir = dir.resolve(name.toString());
            Files.createDirectories(dir);
            Files.setAttribute(dir, "unix:uid", (int) RANGE.hostBase());
            Files.setAttribute(dir, "unix:gid", (int) RANGE.hostBase());
        }
        Files.setAttribute(dir, "unix:mode", 01777);
        Files.getFileAttributeView(dir, UserDefinedFileAttributeView.class)
                .write("overlay.opaque", ByteBuffer.wrap("y".getBytes(StandardCharsets.US_ASCII)));
    }

    /** The same container as today: a plain read-only bind of / and a root-owned upper. */
    private String privilegedContainer(String base) throws IOException {
        Path root = scratch.mkdirs(base + "/root");
        Kernel.get().bindReadOnly(Path.of("/"), root);
        Kernel.get().makePrivate(root);
        return container(base, root.toString(), scratch.mkdirs(base + "/upper"), "");
    }

    private String container(String base, String lowers, Path upper, String extra) throws IOException {
        String name = "rf-userns-" + base + "-" + scratch.id;
        Path dir = scratch.mkdirs("lxc/" + name);
        String config = template() + "\n"
                + "lxc.uts.name = " + name + "\n"
                + "lxc.rootfs.path = overlay:" + lowers + ":" + upper + "\n"
                + "lxc.init.cmd = /usr/bin/sleep 600\n"
                + "lxc.net.0.type = empty\n"
                + "lxc.log.file = " + scratch.dir.resolve(base + ".log") + "\n"
                + "lxc.log.level = WARN\n"
                + extra;
        Files.writeString(dir.resolve("config"), config);
        return name;
    }

    private static String template() throws IOException {
        try (InputStream in = UnprivilegedContainerIT.class.getResourceAsStream("/templates/debian.conf")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{apparmor_profile}}", "unconfined");
        }
    }

    private void start(String name) {
        if (!started.contains(name)) {
            started.add(name);
        }
        ProcessResult r = runner.run(List.of("lxc-start", "-n", name, "-P", lxcpath.toString(), "-d"), TIMEOUT);
        if (!r.succeeded()) {
            throw new AssertionError("lxc-start " + name + " failed: " + r.stderr() + "\n" + log(name));
        }
    }

    private String log(String name) {
        try {
            String base = name.split("-")[2];
            return Files.readString(scratch.dir.resolve(base + ".log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private ProcessResult attach(String name, String... argv) {
        List<String> command = new ArrayList<>(List.of("lxc-attach", "-n", name, "-P", lxcpath.toString(), "--clear-env", "--"));
        command.addAll(List.of(argv));
        return runner.run(command, TIMEOUT);
    }

    private ProcessResult run(String... argv) {
        return runner.run(List.of(argv), TIMEOUT).orThrow();
    }
}
