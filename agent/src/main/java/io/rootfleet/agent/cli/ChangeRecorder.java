package io.rootfleet.agent.cli;

import io.rootfleet.agent.audit.AuditEntry;
import io.rootfleet.agent.engine.ActionOutcome;
import io.rootfleet.agent.engine.Reporter;
import io.rootfleet.agent.plan.Plan;
import io.rootfleet.agent.restart.Batch;
import io.rootfleet.agent.restart.RestartOutcome;
import io.rootfleet.agent.restart.RestartReporter;
import io.rootfleet.agent.restart.RolloutPlan;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.report.RestartSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Passes a run's reports on and notes which containers it changed, for the audit log. Thread-safe. */
final class ChangeRecorder {
    private final List<String> created = new ArrayList<>();
    private final List<String> changed = new ArrayList<>();
    private final List<String> started = new ArrayList<>();
    private final List<String> stopped = new ArrayList<>();
    private final List<String> restarted = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();
    private final List<String> removed = new ArrayList<>();
    private final Map<String, Long> restartMillis = new LinkedHashMap<>();

    synchronized AuditEntry.Changes changes() {
        return new AuditEntry.Changes(created, changed, started, stopped, restarted, failed, removed, null, null, restartMillis);
    }

    synchronized void removed(List<String> names) {
        removed.addAll(names);
    }

    private synchronized void action(ActionOutcome o) {
        String name = o.action().container().value();
        if (o.status() == ActionOutcome.Status.FAILED) {
            addOnce(failed, name);
            return;
        }
        if (o.status() != ActionOutcome.Status.OK) {
            return;
        }
        switch (o.action().kind()) {
            case CREATE -> addOnce(created, name);
            case UPDATE, RECORD -> addOnce(changed, name);
            case START -> addOnce(started, name);
            case STOP -> addOnce(stopped, name);
            case DESTROY -> addOnce(removed, name);
        }
    }

    private synchronized void restart(RestartOutcome o) {
        String name = o.container().value();
        switch (o.status()) {
            case OK -> {
                addOnce(restarted, name);
                restartMillis.put(name, o.millis());
            }
            case FAILED -> addOnce(failed, name);
            case SKIPPED -> { }
        }
    }

    private static void addOnce(List<String> list, String name) {
        if (!list.contains(name)) {
            list.add(name);
        }
    }

    /** An apply's or reconcile's reporter that also records here. */
    Reporter recording(Reporter reporter) {
        return new Reporter() {
            @Override
            public void plan(Plan plan, boolean check) {
                reporter.plan(plan, check);
            }

            @Override
            public void hostStep(String detail) {
                reporter.hostStep(detail);
            }

            @Override
            public void action(ActionOutcome outcome) {
                ChangeRecorder.this.action(outcome);
                reporter.action(outcome);
            }

            @Override
            public void result(AgentEvent.Summary summary) {
                reporter.result(summary);
            }
        };
    }

    /** A restart's reporter that also records here. */
    RestartReporter recording(RestartReporter reporter) {
        return new RestartReporter() {
            @Override
            public void hostStep(String detail) {
                reporter.hostStep(detail);
            }

            @Override
            public void rollout(RolloutPlan plan) {
                reporter.rollout(plan);
            }

            @Override
            public void batch(Batch batch, int batchCount) {
                reporter.batch(batch, batchCount);
            }

            @Override
            public void restarted(RestartOutcome outcome) {
                ChangeRecorder.this.restart(outcome);
                reporter.restarted(outcome);
            }

            @Override
            public void result(RestartSummary summary) {
                reporter.result(summary);
            }
        };
    }
}
