package io.rootfleet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.lxc.LxcStatus;
import io.rootfleet.model.ContainerName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * apply's rolling restart of real running containers (issue 10, point 3): a change to four of them with
 * {@code --batch 2} takes down at most two at a time, the second batch starting only once the first serves;
 * a batch that does not get healthy stops the rollout and the rest keep running untouched.
 */
@Order(6) // among the longest: started early (see the failsafe configuration)
class RollingApplyIT {
    /** A web server that listens only a second after its start, so "healthy" is later than "started". */
    private static final String WEB = """
              - name: %s
                init: [/bin/sh, -c, "sleep 1; exec /usr/bin/python3 -m http.server 8080 --bind 127.0.0.1"]
                stop: {timeout: 0}
                health: {tcp: %d, timeout: 2s, retries: %d, interval: 1s}
                env: {VERSION: "%s"}
            """;
    private TestHome t;
    private List<String> names;

    @BeforeEach
    void setUp() {
        t = new TestHome();
        names = IntStream.rangeClosed(1, 4).mapToObj(i -> t.name("rf-h10a-web" + i)).toList();
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private String fleet(String version, int port, int retries) {
        StringBuilder yaml = new StringBuilder("apiVersion: rootfleet/v1\ncontainers:\n");
        names.forEach(n -> yaml.append(WEB.formatted(n, port, retries, version)));
        return yaml.toString();
    }

    private Map<String, OptionalInt> pids() {
        Map<String, OptionalInt> pids = new TreeMap<>();
        t.lxc.list().forEach((name, state) -> pids.put(name.value(), state.running() ? state.initPid() : OptionalInt.empty()));
        return pids;
    }

    /** When a process started, in clock ticks since boot (field 22 of /proc/PID/stat). */
    private static long startTicks(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[19]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void changeToFourRunning_batch2_neverMoreThanTwoDown_secondBatchStartsOnceTheFirstServes() throws Exception {
        TestHome.Run first = t.apply(fleet("1", 8080, 30));
        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        Map<String, OptionalInt> before = pids();

        CompletableFuture<TestHome.Run> rolling = CompletableFuture.supplyAsync(
                () -> t.apply(fleet("2", 8080, 30), "--batch", "2", "--parallel", "4"));
        int mostDown = 0;
        while (!rolling.isDone()) {
            Map<ContainerName, LxcStatus> states = t.lxc.list();
            int down = (int) names.stream()
                    .filter(n -> !states.getOrDefault(new ContainerName(n), LxcStatus.STOPPED).running()).count();
            mostDown = Math.max(mostDown, down);
        }
        TestHome.Run run = rolling.get(5, TimeUnit.MINUTES);

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(mostDown).as("containers not running at once, sampled").isLessThanOrEqualTo(2);
        assertThat(run.out()).contains("host: rolling restart of 4 running container(s) in 2 batch(es) of up to 2 (--batch 2)")
                .contains("host: batch 1/2 (order 0): " + names.get(0) + ", " + names.get(1) + "\n")
                .contains("host: batch 2/2 (order 0): " + names.get(2) + ", " + names.get(3) + "\n")
                .containsPattern("Result: 4 changed, 0 failed");
        Map<String, OptionalInt> after = pids();
        names.forEach(n -> assertThat(after.get(n)).isPresent().isNotEqualTo(before.get(n)));
        // each init listens a second after its start, and batch 2 starts only once batch 1 listens
        long ticksPerSecond = 100; // USER_HZ on Linux
        long lastOfBatch1 = Math.max(startTicks(after.get(names.get(0)).getAsInt()), startTicks(after.get(names.get(1)).getAsInt()));
        long firstOfBatch2 = Math.min(startTicks(after.get(names.get(2)).getAsInt()), startTicks(after.get(names.get(3)).getAsInt()));
        assertThat(firstOfBatch2 - lastOfBatch1).as("ticks between the batches' starts").isGreaterThanOrEqualTo(ticksPerSecond);
    }

    @Test
    void batchThatDoesNotGetHealthy_stopsTheRollout_theRestKeepTheirInit() {
        TestHome.Run first = t.apply(fleet("1", 8080, 30));
        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        Map<String, OptionalInt> before = pids();

        // nothing listens on port 9: the first batch never gets healthy
        TestHome.Run run = t.apply(fleet("2", 9, 1), "--json", "--batch", "2", "--max-fail", "1");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        String result = run.out().lines().filter(l -> l.startsWith("{\"event\":\"result\"")).findFirst().orElseThrow();
        assertThat(result).contains("\"changed\":2,\"failed\":2")
                .contains("\"notTouched\":[\"" + names.get(2) + "\",\"" + names.get(3) + "\"]")
                .contains("started but not healthy: health check `tcp port 9` failed 2 times");
        assertThat(run.out()).contains("\"container\":\"" + names.get(3) + "\",\"action\":\"stop\",\"status\":\"skipped\"");
        Map<String, OptionalInt> after = pids();
        assertThat(after.get(names.get(2))).isPresent().isEqualTo(before.get(names.get(2)));
        assertThat(after.get(names.get(3))).isPresent().isEqualTo(before.get(names.get(3)));
        assertThat(after.get(names.get(0))).isNotEqualTo(before.get(names.get(0)));
    }
}
