package io.rootfleet.agent.restart;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.engine.ActionOutcome.Status;
import io.rootfleet.model.BatchSize;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.report.ContainerFailure;
import io.rootfleet.model.report.RestartSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutProgressTest {

    private static RolloutPlan plan(int maxFail) {
        return new RolloutPlan(List.of(
                new Batch(1, 0, List.of(new ContainerName("a"), new ContainerName("b"))),
                new Batch(2, 0, List.of(new ContainerName("c")))), BatchSize.parse("2"), maxFail);
    }

    private static RestartOutcome ok(String name) {
        return RestartOutcome.ok(new ContainerName(name), 10);
    }

    private static RestartOutcome failed(String name) {
        return RestartOutcome.failed(new ContainerName(name), 10, "health check", "health check `x` failed 1 time; last: exit 1");
    }

    @Test
    void limitReached_whenFailuresReachMaxFail() {
        RolloutProgress one = new RolloutProgress(plan(1));
        one.add(ok("a"));
        assertThat(one.limitReached()).isFalse();
        one.add(failed("b"));
        assertThat(one.limitReached()).isTrue();
        assertThat(one.stopReason()).isEqualTo("not restarted: the rollout stopped after 1 failure (--max-fail 1)");

        RolloutProgress two = new RolloutProgress(plan(2));
        two.add(failed("a"));
        assertThat(two.limitReached()).isFalse();
        two.add(failed("b"));
        assertThat(two.limitReached()).isTrue();
    }

    @Test
    void summary_stoppedEarly_listsWhatWasNotRestarted() {
        RolloutProgress progress = new RolloutProgress(plan(1));
        progress.add(ok("a"));
        progress.add(failed("b"));
        progress.add(RestartOutcome.skipped(new ContainerName("c"), progress.stopReason()));
        RestartSummary summary = progress.summary(1234);
        assertThat(summary).isEqualTo(new RestartSummary(List.of("a"), List.of("b"), List.of("c"), true,
                List.of(new ContainerFailure("b", "health check", "health check `x` failed 1 time; last: exit 1")), 1234));
    }

    @Test
    void summary_failureInTheLastBatch_isNotAnEarlyStop() {
        RolloutProgress progress = new RolloutProgress(plan(1));
        progress.add(ok("a"));
        progress.add(ok("b"));
        progress.add(failed("c"));
        RestartSummary summary = progress.summary(1);
        assertThat(summary.stoppedEarly()).isFalse();
        assertThat(summary.failed()).containsExactly("c");
        assertThat(summary.notRestarted()).isEmpty();
    }

    @Test
    void interrupt_stopsBeforeTheNextBatch_andTheSummarySaysSo() {
        RolloutProgress progress = new RolloutProgress(plan(1));
        progress.add(ok("a"));
        progress.add(ok("b"));
        assertThat(progress.stopped()).isFalse();
        progress.interrupt("SIGTERM");
        progress.interrupt("standard input closed");
        assertThat(progress.stopped()).isTrue();
        assertThat(progress.stopReason()).isEqualTo("not restarted: the rollout was asked to stop (SIGTERM)");
        progress.add(RestartOutcome.skipped(new ContainerName("c"), progress.stopReason()));
        RestartSummary summary = progress.summary(5);
        assertThat(summary).isEqualTo(new RestartSummary(List.of("a", "b"), List.of(), List.of("c"), true, List.of(), 5, List.of(), true));
    }

    @Test
    void interrupt_afterTheLastBatch_isNoInterruption() {
        RolloutProgress progress = new RolloutProgress(plan(1));
        progress.add(ok("a"));
        progress.add(ok("b"));
        progress.add(ok("c"));
        progress.interrupt("SIGINT");
        assertThat(progress.summary(5).interrupted()).isFalse();
        assertThat(progress.summary(5).stoppedEarly()).isFalse();
    }
}
