package io.rootfleet.agent.report;

import io.rootfleet.agent.engine.ActionOutcome;
import io.rootfleet.agent.restart.Batch;
import io.rootfleet.agent.restart.RestartOutcome;
import io.rootfleet.agent.restart.RestartReporter;
import io.rootfleet.agent.restart.RolloutPlan;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.report.RestartSummary;
import java.io.PrintWriter;
import java.util.stream.Collectors;

/** A rolling restart in plain text: the batches as they start, one line per container as it finishes, a total. */
public final class HumanRestartReporter implements RestartReporter {
    private final PrintWriter out;
    private volatile int maxFail = 1;

    public HumanRestartReporter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void hostStep(String detail) {
        print("host: " + detail);
    }

    @Override
    public void rollout(RolloutPlan plan) {
        maxFail = plan.maxFail();
        if (plan.isEmpty()) {
            print("nothing to restart");
            return;
        }
        int total = plan.containers().size();
        print("Rolling restart of " + total + " container(s) in " + plan.batches().size() + " batch(es) of up to "
                + plan.batchSize().of(total) + " (--batch " + plan.batchSize() + "), stopping after " + plan.maxFail()
                + " failure(s) (--max-fail " + plan.maxFail() + ")");
    }

    @Override
    public void batch(Batch batch, int batchCount) {
        print("batch " + batch.number() + "/" + batchCount + " (order " + batch.order() + "): "
                + batch.containers().stream().map(ContainerName::value).collect(Collectors.joining(", ")));
    }

    @Override
    public void restarted(RestartOutcome o) {
        print(String.format("  %-24s restart  %s%s", o.container(), o.statusLabel(),
                o.status() == ActionOutcome.Status.OK ? " (" + o.millis() + " ms)" : ": " + o.detail()));
    }

    @Override
    public void result(RestartSummary s) {
        s.held().forEach(h -> print("  " + h.line()));
        if (s.restarted().isEmpty() && s.failed().isEmpty() && s.notRestarted().isEmpty()) {
            return; // "nothing to restart" was said
        }
        String stopped = "";
        if (s.interrupted()) {
            stopped = " (stopped when asked to)";
        } else if (s.stoppedEarly()) {
            int failed = s.failed().size();
            stopped = failed == maxFail
                    ? " (stopped after " + failed + (failed == 1 ? " failure" : " failures") + ", the limit)"
                    : " (stopped after " + failed + " failures; the limit is " + maxFail + ")";
        }
        synchronized (out) {
            out.printf("restarted %d, failed %d, not restarted %d%s in %d ms%n", s.restarted().size(), s.failed().size(),
                    s.notRestarted().size(), stopped, s.millis());
            s.failures().forEach(f -> out.println("  failed: " + f.line()));
            out.flush();
        }
    }

    private void print(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
