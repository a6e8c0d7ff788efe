package io.rootfleet.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HookRunsTest {

    @Test
    void countsEachSettleThatEnded_andTheOnesThatDidNotPatch() {
        HookRuns runs = HookRuns.count(List.of(
                "2026-11-27T02:00:00.100+01:00 run[10]: packages changed; hook settle (pid 11) waits for apt and dpkg",
                "2026-11-27T02:00:01.000+01:00 settle[11]: waiting for /var/lib/dpkg/lock-frontend to be released",
                "2026-11-27T02:00:05.000+01:00 settle[11]: nothing is stale (3 container(s) scanned in 80 ms, after waiting 4.0 s)",
                "2026-11-27T02:10:00.000+01:00 settle[12]: another hook is already waiting for apt and dpkg to finish; it will",
                "2026-11-27T02:10:09.000+01:00 settle[13]: restart done: restarted a; failed none in 900 ms (exit 0)",
                "2026-11-27T02:20:09.000+01:00 settle[14]: restart finished with failures: restarted a; failed b in 9 ms (exit 1)",
                "2026-11-27T02:30:09.000+01:00 settle[15]: restart not done: another agent run held the agent lock; still stale: a",
                "2026-11-27T02:40:09.000+01:00 settle[16]: /var/lib/dpkg/lock was still held after 600.0 s; giving up. Run 'x'",
                "2026-11-27T02:50:09.000+01:00 settle[17]: failed: cannot read /proc",
                "garbage",
                "2026-11-27T03:00:00.000+01:00 settle[18]: restart: web-1 restart ok (812 ms)"));
        assertThat(runs).isEqualTo(new HookRuns(6, 4, Instant.parse("2026-11-27T01:50:09Z")));
        assertThat(HookRuns.count(List.of())).isEqualTo(HookRuns.NONE);
    }
}
