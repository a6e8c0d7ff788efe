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

    public boolean destroys() {
        return actions.stream().anyMatch(a -> a.kind() == ActionKind.DESTROY);
    }
}
