package io.rootfleet.controller.ssh;

import java.security.SecureRandom;
import java.util.List;

/**
 * A network namespace of its own for tests of jump hosts: {@code rf-jump-PID-N}, joined to this machine by a veth
 * pair ({@link #hostSide()} here, {@link #inside()} in the namespace, a /30 of 169.254.0.0/16). A host that
 * listens on a loopback address inside it can only be reached by a process inside it, e.g. an sshd serving as
 * jump host there. {@link #close()} deletes the namespace and the pair; namespaces of test runs that were killed
 * are deleted by the next {@link #create()}.
 */
final class JumpNetwork implements AutoCloseable {
    private static final String PREFIX = "rf-jump-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final String hostSide;
    private final String inside;

    private JumpNetwork(String name, String hostSide, String inside) {
        this.name = name;
        this.hostSide = hostSide;
        this.inside = inside;
    }

    static JumpNetwork create() {
        removeLeftovers();
        int subnet = RANDOM.nextInt(64 * 250);
        String prefix = "169.254." + (1 + subnet / 64) + ".";
        int base = (subnet % 64) * 4;
        String name = PREFIX + ProcessHandle.current().pid() + "-" + subnet;
        String veth = "rfj" + subnet;
        JumpNetwork network = new JumpNetwork(name, prefix + (base + 1), prefix + (base + 2));
        try {
            ip("netns", "add", name);
            ip("link", "add", veth + "h", "type", "veth", "peer", "name", veth + "n");
            ip("link", "set", veth + "n", "netns", name);
            ip("addr", "add", network.hostSide + "/30", "dev", veth + "h");
            ip("link", "set", veth + "h", "up");
            ip("-n", name, "addr", "add", network.inside + "/30", "dev", veth + "n");
            ip("-n", name, "link", "set", veth + "n", "up");
            ip("-n", name, "link", "set", "lo", "up");
            return network;
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /** This machine's end of the veth pair. */
    String hostSide() {
        return hostSide;
    }

    /** The namespace's end of the veth pair: reachable from this machine. */
    String inside() {
        return inside;
    }

    /** Runs a command inside the namespace: {@code ip netns exec NAME ...}. */
    List<String> launchPrefix() {
        return List.of("ip", "netns", "exec", name);
    }

    /** Deletes the namespace, and with it its end of the veth pair and so the pair. Stop its processes first. */
    @Override
    public void close() {
        try {
            ip("netns", "del", name);
        } catch (RuntimeException e) {
            // already gone, or never made
        }
    }

    private static void removeLeftovers() {
        for (String line : LocalCommand.run(List.of("ip", "netns", "list")).lines().toList()) {
            String namespace = line.split(" ")[0];
            if (!namespace.startsWith(PREFIX)) {
                continue;
            }
            long pid = Long.parseLong(namespace.substring(PREFIX.length()).split("-")[0]);
            if (ProcessHandle.of(pid).isEmpty()) {
                try {
                    ip("netns", "del", namespace);
                } catch (RuntimeException e) {
                    // another run may be deleting it too
                }
            }
        }
    }

    private static void ip(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("ip"));
        argv.addAll(List.of(args));
        LocalCommand.run(argv);
    }
}
