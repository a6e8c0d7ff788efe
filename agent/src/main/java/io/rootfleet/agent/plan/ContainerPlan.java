package io.rootfleet.agent.plan;

import io.rootfleet.model.ContainerName;
import java.util.List;

/** The steps for one container, in order, and how it compares with its desired state. */
public record ContainerPlan(ContainerName container, Verdict verdict, List<Action> actions, String detail) {

    public enum Verdict {
        UP_TO_DATE,
        CHANGE,
        /** Managed by the agent but not in the desired state given: left alone unless pruning. */
        UNLISTED
    }

    public ContainerPlan {
        actions = List.copyOf(actions);
    }

    /**
     * Whether the plan stops the running container and starts it again: a change it reads only at its start.
     * A rolling apply takes these batch by batch.
     */
    public boolean restarts() {
        return actions.stream().anyMatch(a -> a.kind() == ActionKind.STOP)
                && actions.stream().anyMatch(a -> a.kind() == ActionKind.START);
    }

    public boolean destroys() {
        return actions.stream().anyMatch(a -> a.kind() == ActionKind.DESTROY);
    }
}
