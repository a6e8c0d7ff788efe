package io.rootfleet.controller.push;

import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.ssh.CommandResult;
import io.rootfleet.controller.ssh.FileUpload;
import io.rootfleet.controller.ssh.LineListener;
import io.rootfleet.controller.ssh.RemoteHost;
import io.rootfleet.controller.ssh.RemoteHostException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One connection per host for all the steps of a run that talk to it several times ({@code patch}: scan,
 * restart, scan again): opened at the host's first step, kept for the next ones, closed when the run says the
 * host is done, and at the end of the run for those it did not. A host that could not be reached is not
 * tried again in the same run: its later steps fail the same way; a connection lost in the middle makes the
 * later steps fail at once as unreachable.
 */
public final class HostConnections implements AutoCloseable {
    private final Opener connector;
    private final Map<String, Shared> hosts = new ConcurrentHashMap<>();

    /** How a host's connection is opened: {@link HostConnector#open}, or a fake in tests. */
    @FunctionalInterface
    interface Opener {
        RemoteHost open(HostSpec host);
    }

    public HostConnections(HostConnector connector) {
        this((Opener) connector::open);
    }

    HostConnections(Opener connector) {
        this.connector = connector;
    }

    /**
     * The connection to {@code host}, for one step: it connects at its first command, and closing it does not
     * disconnect (the steps after it share it); {@link #done} does.
     */
    public RemoteHost of(HostSpec host) {
        return hosts.computeIfAbsent(host.name(), name -> new Shared(connector, host));
    }

    /** Closes the connection to the host named {@code host}, if one is open: it has no step left in this run. */
    public void done(String host) {
        Shared shared = hosts.remove(host);
        if (shared != null) {
            shared.disconnect();
        }
    }

    /** Closes every connection still open. Never throws. */
    @Override
    public void close() {
        hosts.keySet().forEach(this::done);
    }

    /** A host's one connection, opened when a step first needs it. */
    private static final class Shared implements RemoteHost {
        private final Opener connector;
        private final HostSpec host;
        private RemoteHost remote;
        private RemoteHostException unreachable;
        private boolean closed;

        Shared(Opener connector, HostSpec host) {
            this.connector = connector;
            this.host = host;
        }

        private synchronized RemoteHost remote() {
            if (unreachable != null) {
                throw unreachable;
            }
            if (closed) {
                throw new IllegalStateException("the connection to " + host.name() + " was closed: its run is over");
            }
            if (remote == null) {
                try {
                    remote = connector.open(host);
                } catch (RemoteHostException e) {
                    unreachable = e;
                    throw e;
                }
            }
            return remote;
        }

        @Override
        public synchronized String name() {
            return remote != null ? remote.name() : host.name();
        }

        @Override
        public CommandResult run(List<String> argv, InputStream stdin, Duration timeout, LineListener stdoutLines) {
            return remote().run(argv, stdin, timeout, stdoutLines);
        }

        @Override
        public void upload(List<FileUpload> files) {
            remote().upload(files);
        }

        /** Closing one step's use leaves the connection to the steps after it. */
        @Override
        public void close() {}

        synchronized void disconnect() {
            closed = true;
            if (remote != null) {
                remote.close();
                remote = null;
            }
        }
    }
}
