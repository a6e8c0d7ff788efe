package io.rootfleet.controller.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootfleet.controller.playbook.Connection;
import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.ssh.AuthenticationException;
import io.rootfleet.controller.ssh.CommandException;
import io.rootfleet.controller.ssh.CommandResult;
import io.rootfleet.controller.ssh.FileUpload;
import io.rootfleet.controller.ssh.HostUnreachableException;
import io.rootfleet.controller.ssh.LineListener;
import io.rootfleet.controller.ssh.RemoteHost;
import io.rootfleet.controller.ssh.RemoteHostException;
import io.rootfleet.model.AbsolutePath;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link HostConnections} with a fake opener: what is opened, when, how often, and when it is closed. */
class HostConnectionsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, AtomicInteger> opened = new ConcurrentHashMap<>();
    private final List<FakeHost> connections = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, RemoteHostException> failures = new ConcurrentHashMap<>();

    private final HostConnections.Opener opener = host -> {
        opened.computeIfAbsent(host.name(), name -> new AtomicInteger()).incrementAndGet();
        RemoteHostException failure = failures.get(host.name());
        if (failure != null) {
            throw failure;
        }
        FakeHost connection = new FakeHost("root@" + host.name() + ":22");
        connections.add(connection);
        return connection;
    };

    private static HostSpec host(String name) {
        return new HostSpec(name, Optional.of("192.0.2.11"), 22, "root", Optional.empty(), Connection.SSH,
                new AbsolutePath("/usr/local/bin/rootfleet-agent"), new AbsolutePath("/var/lib/rootfleet"), List.of(),
                new TreeMap<>());
    }

    private static CommandResult step(RemoteHost host, String command) {
        try (host) {
            return host.run(List.of(command), TIMEOUT);
        }
    }

    private int opens(String host) {
        return opened.getOrDefault(host, new AtomicInteger()).get();
    }

    @Test
    void everyStepOfAHost_sharesItsOneConnection() {
        try (HostConnections hosts = new HostConnections(opener)) {
            step(hosts.of(host("web-1")), "scan");
            step(hosts.of(host("web-1")), "restart");
            step(hosts.of(host("web-1")), "scan-again");
            hosts.of(host("web-1")).upload(Path.of("/tmp/agent"), "/usr/local/bin/rootfleet-agent", 0755);

            assertThat(opens("web-1")).isOne();
            assertThat(connections).hasSize(1);
            assertThat(connections.get(0).commands)
                    .containsExactly("scan", "restart", "scan-again", "upload /usr/local/bin/rootfleet-agent");
            assertThat(connections.get(0).closed).as("closing one step's use keeps the connection").isZero();
        }
    }

    @Test
    void eachHost_hasAConnectionOfItsOwn() {
        try (HostConnections hosts = new HostConnections(opener)) {
            step(hosts.of(host("web-1")), "scan");
            step(hosts.of(host("web-2")), "scan");
            step(hosts.of(host("web-1")), "restart");

            assertThat(opens("web-1")).isOne();
            assertThat(opens("web-2")).isOne();
            assertThat(connections).extracting(c -> c.name).containsExactly("root@web-1:22", "root@web-2:22");
            assertThat(connections.get(0).commands).containsExactly("scan", "restart");
            assertThat(connections.get(1).commands).containsExactly("scan");
        }
    }

    @Test
    void aHost_isConnectedAtItsFirstCommand_notBefore() {
        try (HostConnections hosts = new HostConnections(opener)) {
            RemoteHost web = hosts.of(host("web-1"));
            assertThat(web.name()).isEqualTo("web-1");
            assertThat(opens("web-1")).isZero();

            web.run(List.of("scan"), TIMEOUT);
            assertThat(opens("web-1")).isOne();
            assertThat(web.name()).as("named as the connection names it, once there is one").isEqualTo("root@web-1:22");
        }
        assertThat(opened).as("a host never used is never connected").doesNotContainKey("web-2");
    }

    @Test
    void anUnreachableHost_isTriedOnce_andItsLaterStepsFailTheSameWay() {
        HostUnreachableException refused = new HostUnreachableException("cannot connect to 192.0.2.11:22: connection refused");
        failures.put("web-1", refused);
        try (HostConnections hosts = new HostConnections(opener)) {
            assertThatThrownBy(() -> step(hosts.of(host("web-1")), "scan")).isSameAs(refused);
            assertThatThrownBy(() -> step(hosts.of(host("web-1")), "restart")).isSameAs(refused);
            assertThatThrownBy(() -> hosts.of(host("web-1")).upload(Path.of("/tmp/agent"), "/x", 0755)).isSameAs(refused);
            step(hosts.of(host("web-2")), "scan");

            assertThat(opens("web-1")).isOne();
            assertThat(opens("web-2")).as("other hosts are not affected").isOne();
        }
    }

    @Test
    void aHostThatRefusesTheLogin_isNotTriedAgainEither() {
        AuthenticationException denied = new AuthenticationException("root@192.0.2.11:22 accepted none of the keys");
        failures.put("web-1", denied);
        try (HostConnections hosts = new HostConnections(opener)) {
            assertThatThrownBy(() -> step(hosts.of(host("web-1")), "scan")).isSameAs(denied);
            assertThatThrownBy(() -> step(hosts.of(host("web-1")), "scan")).isSameAs(denied);
            assertThat(opens("web-1")).isOne();
        }
    }

    @Test
    void aFailedCommand_keepsTheConnection_forTheNextSteps() {
        try (HostConnections hosts = new HostConnections(opener)) {
            step(hosts.of(host("web-1")), "scan");
            connections.get(0).failNext = new CommandException("restart ended without an exit status");
            assertThatThrownBy(() -> step(hosts.of(host("web-1")), "restart")).isInstanceOf(CommandException.class);
            step(hosts.of(host("web-1")), "scan-again");

            assertThat(opens("web-1")).as("not reconnected: the connection decides whether it still works").isOne();
            assertThat(connections.get(0).commands).containsExactly("scan", "restart", "scan-again");
        }
    }

    @Test
    void done_closesThatHostsConnection_only() {
        try (HostConnections hosts = new HostConnections(opener)) {
            RemoteHost web1 = hosts.of(host("web-1"));
            step(web1, "scan");
            step(hosts.of(host("web-2")), "scan");

            hosts.done("web-1");
            assertThat(connections.get(0).closed).isOne();
            assertThat(connections.get(1).closed).isZero();
            assertThatThrownBy(() -> web1.run(List.of("late"), TIMEOUT))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the connection to web-1 was closed: its run is over");
            assertThat(connections.get(0).commands).containsExactly("scan");

            hosts.done("web-1");
            hosts.done("web-3");
            assertThat(connections.get(0).closed).as("done twice, or for a host never connected: nothing").isOne();
        }
        assertThat(connections.get(0).closed).isOne();
        assertThat(connections.get(1).closed).as("closed with the run").isOne();
    }

    @Test
    void close_closesEveryOpenConnectionOnce_andOpensNone() {
        HostConnections hosts = new HostConnections(opener);
        step(hosts.of(host("web-1")), "scan");
        step(hosts.of(host("web-2")), "scan");
        hosts.of(host("web-3")); // never used
        failures.put("web-4", new HostUnreachableException("web-4: no route to host"));
        assertThatThrownBy(() -> step(hosts.of(host("web-4")), "scan")).isInstanceOf(HostUnreachableException.class);

        hosts.close();
        hosts.close();

        assertThat(connections).hasSize(2).allSatisfy(c -> assertThat(c.closed).isOne());
        assertThat(opened).containsOnlyKeys("web-1", "web-2", "web-4");
    }

    @Test
    void stepsInParallel_stillOpenOneConnectionPerHost() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try (HostConnections hosts = new HostConnections(opener)) {
            List<Future<CommandResult>> steps = new ArrayList<>();
            for (int i = 0; i < threads * 4; i++) {
                String name = "web-" + (i % 2);
                steps.add(pool.submit(() -> {
                    go.await();
                    return step(hosts.of(host(name)), "scan");
                }));
            }
            go.countDown();
            for (Future<CommandResult> s : steps) {
                assertThat(s.get(10, TimeUnit.SECONDS).exitCode()).isZero();
            }
            assertThat(opens("web-0")).isOne();
            assertThat(opens("web-1")).isOne();
            assertThat(connections).hasSize(2).allSatisfy(c -> assertThat(c.commands).hasSize(threads * 2));
        } finally {
            pool.shutdownNow();
        }
    }

    /** A connection that records what it is asked to do. */
    private static final class FakeHost implements RemoteHost {
        final String name;
        final List<String> commands = Collections.synchronizedList(new ArrayList<>());
        volatile int closed;
        volatile RemoteHostException failNext;

        FakeHost(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public CommandResult run(List<String> argv, InputStream stdin, Duration timeout, LineListener stdoutLines) {
            commands.add(String.join(" ", argv));
            RemoteHostException failure = failNext;
            if (failure != null) {
                failNext = null;
                throw failure;
            }
            return new CommandResult(argv, name, 0, "", "");
        }

        @Override
        public void upload(List<FileUpload> files) {
            files.forEach(file -> commands.add("upload " + file.remotePath()));
        }

        @Override
        public synchronized void close() {
            closed++;
        }
    }
}
