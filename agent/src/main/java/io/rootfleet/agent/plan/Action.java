package io.rootfleet.agent.plan;

import io.rootfleet.model.ContainerName;

/** One step of a plan; {@code why} is shown to the user. */
public record Action(ActionKind kind, ContainerName container, String why) {

    @Override
    public String toString() {
        return kind.label() + " " + container + (why.isEmpty() ? "" : " (" + why + ")");
    }
}
