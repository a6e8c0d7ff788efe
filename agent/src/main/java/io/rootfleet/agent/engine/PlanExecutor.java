package io.rootfleet.agent.engine;

import io.rootfleet.agent.engine.ActionOutcome.Status;
import io.rootfleet.agent.plan.Action;
import io.rootfleet.agent.plan.ActionKind;
import io.rootfleet.agent.plan.ContainerPlan;
import io.rootfleet.agent.plan.Plan;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.StopPolicy;
import io.rootfleet.model.concurrent.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a plan: each container's steps in order, different containers in parallel. A failed step skips the
 * rest of that container's steps and never stops other containers.
 */
public final class PlanExecutor {
    private final ContainerActions actions;
    private final Reporter reporter;
    private final int parallelism;

    PlanExecutor(ContainerActions actions, Reporter reporter, int parallelism) {
        this.actions = actions;
        this.reporter = reporter;
        this.parallelism = parallelism;
    }

    /**
     * @param desired the desired spec of each container the desired state lists
     * @param applied the spec each existing container was last written from: it says how to stop what runs
     */
    public List<ActionOutcome> execute(Plan plan, Map<ContainerName, ContainerSpec> desired, Map<ContainerName, ContainerSpec> applied) {
        List<List<ActionOutcome>> outcomes = Parallel.map(plan.changes(), parallelism, "rootfleet-apply", containerPlan -> {
            ContainerName name = containerPlan.container();
            StopPolicy stop = Optional.ofNullable(applied.get(name)).or(() -> Optional.ofNullable(desired.get(name)))
                    .map(ContainerSpec::effectiveStop).orElse(StopPolicy.FOR_PLAIN_INIT);
            return run(containerPlan, desired.get(name), stop);
        });
        return outcomes.stream().flatMap(List::stream).toList();
    }

    private List<ActionOutcome> run(ContainerPlan containerPlan, ContainerSpec spec, StopPolicy stop) {
        List<ActionOutcome> outcomes = new ArrayList<>();
        Staging staging = stage(containerPlan, spec);
        boolean failed = false;
        try {
            for (Action action : containerPlan.actions()) {
                ActionOutcome outcome;
                if (staging.failed() && isWrite(action)) {
                    failed = true;
                    outcome = new ActionOutcome(action, Status.FAILED, staging.millis(), staging.error());
                } else if (staging.failed() && !failed) {
                    outcome = new ActionOutcome(action, Status.SKIPPED, 0, "its new files could not be written; nothing changed");
                } else if (failed) {
                    outcome = new ActionOutcome(action, Status.SKIPPED, 0, "an earlier step failed");
                } else {
                    long start = System.nanoTime();
                    try {
                        perform(action, spec, stop, staging.write());
                        outcome = new ActionOutcome(action, Status.OK, elapsedMillis(start), null);
                    } catch (RuntimeException e) {
                        failed = true;
                        outcome = new ActionOutcome(action, Status.FAILED, elapsedMillis(start), String.valueOf(e.getMessage()));
                    }
                }
                outcomes.add(outcome);
                reporter.action(outcome);
            }
        } finally {
            if (staging.write() != null) {
                actions.discard(staging.write()); // a no-op once committed
            }
        }
        return outcomes;
    }

    /**
     * The new files and config are written beside the old ones before any step, so a container is stopped only
     * once they are all on disk: a full disk leaves it running with its old files and config.
     */
    private Staging stage(ContainerPlan containerPlan, ContainerSpec spec) {
        if (containerPlan.actions().stream().noneMatch(PlanExecutor::isWrite)) {
            return new Staging(null, null, 0);
        }
        long start = System.nanoTime();
        try {
            return new Staging(actions.stage(spec), null, elapsedMillis(start));
        } catch (RuntimeException e) {
            return new Staging(null, String.valueOf(e.getMessage()), elapsedMillis(start));
        }
    }

    private record Staging(StagedWrite write, String error, long millis) {
        boolean failed() {
            return error != null;
        }
    }

    private static boolean isWrite(Action action) {
        return action.kind() == ActionKind.CREATE || action.kind() == ActionKind.UPDATE;
    }

    private void perform(Action action, ContainerSpec spec, StopPolicy stop, StagedWrite staged) {
        switch (action.kind()) {
            case CREATE, UPDATE -> actions.commit(staged);
            case RECORD -> actions.record(spec);
            case START -> actions.start(spec);
            case STOP -> actions.stop(action.container(), stop);
            case DESTROY -> actions.destroy(action.container());
        }
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
