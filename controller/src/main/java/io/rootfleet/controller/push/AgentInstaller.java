package io.rootfleet.controller.push;

import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.ssh.CommandResult;
import io.rootfleet.controller.ssh.FileUpload;
import io.rootfleet.controller.ssh.RemoteHost;
import io.rootfleet.controller.ssh.RemoteHostException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Installs or updates the agent on a host: checks what the host lacks first (root, Java 17, LXC, overlayfs),
 * then uploads the agent jar and a launcher in one batch (each written beside its target, checked by SHA-256,
 * and renamed into place once both are), then runs the installed agent once, installs its bash completion and
 * man pages in a second batch, and has it install its boot unit (reconcile at every boot) where systemd is,
 * and, when asked, its apt/dpkg hook (restart stale containers after package changes) and the production
 * kernel limits ({@code rootfleet-agent tune}).
 */
public final class AgentInstaller {
    public static final String JAR_PATH = "/usr/local/lib/rootfleet/rootfleet-agent.jar";
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(60);

    private final HostConnector connector;
    private final Path agentJar;
    private final Path launcher;
    private final boolean aptHook;
    private final boolean tune;

    public AgentInstaller(HostConnector connector, Path agentJar, boolean aptHook) {
        this(connector, agentJar, aptHook, false);
    }

    /** @param tune also have the agent write and set the production kernel limits ({@code rootfleet-agent tune}) */
    public AgentInstaller(HostConnector connector, Path agentJar, boolean aptHook, boolean tune) {
        this.connector = connector;
        this.agentJar = agentJar;
        this.launcher = writeLauncher();
        this.aptHook = aptHook;
        this.tune = tune;
    }

    /** Each check: the argv that must succeed and what to tell the user when it does not. */
    private record Requirement(List<String> argv, String missing) {}

    private static final List<Requirement> REQUIREMENTS = List.of(
            new Requirement(List.of("lxc-start", "--version"), "LXC is not installed: apt-get install lxc"),
            new Requirement(List.of("test", "-x", "/usr/bin/newuidmap"),
                    "unprivileged containers need newuidmap and newgidmap: apt-get install uidmap"),
            new Requirement(List.of("grep", "-qw", "overlay", "/proc/filesystems"),
                    "the kernel has no overlay filesystem: modprobe overlay (and add it to /etc/modules)"));

    public HostOutcome install(HostSpec host) {
        long start = System.nanoTime();
        try (RemoteHost remote = connector.open(host)) {
            List<String> missing = new ArrayList<>();
            CommandResult id = remote.run(List.of("id", "-u"), CHECK_TIMEOUT);
            if (!id.stdout().strip().equals("0")) {
                missing.add("the agent runs as root, but " + remote.name() + " is uid " + id.stdout().strip()
                        + ": log in as root (user: root)");
            }
            CommandResult java = remote.run(List.of("java", "-version"), CHECK_TIMEOUT);
            if (!java.succeeded() || !supportedJava(java.stderr() + java.stdout())) {
                missing.add("Java 17 or newer is not installed: apt-get install openjdk-17-jre-headless");
            }
            for (Requirement requirement : REQUIREMENTS) {
                if (!remote.run(requirement.argv(), CHECK_TIMEOUT).succeeded()) {
                    missing.add(requirement.missing());
                }
            }
            if (!missing.isEmpty()) {
                return failed(host, "host lacks: " + String.join("; ", missing), start);
            }
            remote.upload(List.of(new FileUpload(agentJar, JAR_PATH, 0644),
                    new FileUpload(launcher, connector.installPath(host), 0755)));
            CommandResult version = remote.run(List.of(connector.installPath(host), "--version"), CHECK_TIMEOUT);
            if (!version.succeeded()) {
                return failed(host, "the installed agent does not run: " + version.stderr().strip(), start);
            }
            List<String> done = new ArrayList<>(List.of("installed " + version.stdout().strip() + " at "
                    + connector.installPath(host)));
            new AgentDocs(agentJar).install(remote).ifPresent(done::add);
            if (remote.run(List.of("systemctl", "--version"), CHECK_TIMEOUT).succeeded()) {
                CommandResult unit = remote.run(agent(host, "boot", "install"), CHECK_TIMEOUT);
                if (!unit.succeeded()) {
                    return failed(host, "the boot unit could not be installed: " + unit.stderr().strip(), start);
                }
                done.add("boot unit enabled (reconcile at boot)");
            } else {
                done.add("no systemd: run '" + connector.installPath(host) + " reconcile' at boot");
            }
            if (aptHook) {
                CommandResult hook = remote.run(agent(host, "hook", "install"), CHECK_TIMEOUT);
                if (!hook.succeeded()) {
                    return failed(host, "the apt hook could not be installed: " + hook.stderr().strip(), start);
                }
                done.add("apt hook installed");
            }
            if (tune) {
                CommandResult tuned = remote.run(List.of(connector.installPath(host), "tune"), CHECK_TIMEOUT);
                if (!tuned.succeeded()) {
                    return failed(host, "the kernel limits could not be tuned: " + tuned.stderr().strip(), start);
                }
                long raised = tuned.stdout().lines().filter(line -> line.startsWith("set ")).count();
                done.add(raised == 0 && tuned.stdout().contains("nothing to change")
                        ? "kernel limits already at production values"
                        : "kernel limits tuned: " + raised + " raised, kept in /etc/sysctl.d/60-rootfleet.conf");
            }
            return new HostOutcome(host.name(), HostOutcome.Status.OK, List.of(), Optional.empty(),
                    Optional.of(String.join("; ", done)), elapsed(start));
        } catch (RemoteHostException e) {
            return new HostOutcome(host.name(), HostOutcome.Status.of(e), List.of(), Optional.empty(), Optional.of(e.getMessage()),
                    elapsed(start));
        }
    }

    /** The installed agent, for this host's home, installing something that runs itself. */
    private List<String> agent(HostSpec host, String command, String verb) {
        String path = connector.installPath(host);
        return List.of(path, "--home", host.agentHome().value(), command, verb, "--agent", path);
    }

    static boolean supportedJava(String versionOutput) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("version \"(\\d+)").matcher(versionOutput);
        return m.find() && Integer.parseInt(m.group(1)) >= 17;
    }

    /** The launcher script, written once and uploaded to every host. */
    private static Path writeLauncher() {
        try {
            Path script = Files.createTempFile("rootfleet-agent", ".sh");
            script.toFile().deleteOnExit();
            // the flags of bin/rootfleet-agent, which says why
            Files.writeString(script, "#!/bin/sh\n# Installed by rootfleet bootstrap.\nLC_ALL=C.UTF-8 exec java -XX:+UseSerialGC"
                    + " -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=4 -XX:-UsePerfData -Xshare:auto -jar " + JAR_PATH
                    + " \"$@\"\n", StandardCharsets.UTF_8);
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the agent launcher: " + e.getMessage(), e);
        }
    }

    private static HostOutcome failed(HostSpec host, String why, long start) {
        return new HostOutcome(host.name(), HostOutcome.Status.FAILED, List.of(), Optional.empty(), Optional.of(why), elapsed(start));
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
