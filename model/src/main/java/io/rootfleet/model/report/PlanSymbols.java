package io.rootfleet.model.report;

import java.util.List;

/**
 * The mark before a container in a printed plan, the same in the agent's and the controller's output:
 * {@code +} created, {@code -} destroyed, {@code ~} changed, {@code ?} unlisted (left alone unless pruning).
 */
public final class PlanSymbols {
    private PlanSymbols() {}

    /** @param actions the steps' labels in order ({@code create}, {@code start}, ..., {@code destroy}) */
    public static String of(boolean unlisted, List<String> actions) {
        return unlisted ? "?"
                : actions.contains("destroy") ? "-"
                : !actions.isEmpty() && actions.get(0).equals("create") ? "+"
                : "~";
    }

    /** The mark of a plan line as the agent sends it. */
    public static String of(AgentEvent.PlannedContainer planned) {
        return of(planned.verdict().equals("unlisted"), planned.actions());
    }
}
