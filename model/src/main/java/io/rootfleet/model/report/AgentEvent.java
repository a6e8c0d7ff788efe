package io.rootfleet.model.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One line of the agent's {@code --json} output (newline-delimited JSON). Which fields are set depends on
 * {@code event}:
 *
 * <ul>
 *   <li>{@code plan}: {@code plan}, {@code check}
 *   <li>{@code host}: {@code detail} (a host-wide step, e.g. mounting the shared root)
 *   <li>{@code action}: {@code container}, {@code action}, {@code status} (ok, failed, skipped), {@code
 *       millis}, {@code detail} (the error when failed)
 *   <li>{@code rollout}: {@code batches}, the containers a rolling restart will restart, batch by batch
 *   <li>{@code result}: last line of every run: {@code summary} after apply and reconcile, {@code restart}
 *       after a rolling restart
 *   <li>{@code error}: {@code detail}, {@code exitCode}: the run could not be done at all
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentEvent(
        String event,
        String container,
        String action,
        String status,
        Long millis,
        String detail,
        Boolean check,
        List<PlannedContainer> plan,
        Summary summary,
        Integer exitCode,
        List<List<String>> batches,
        RestartSummary restart) {

    public static AgentEvent plan(List<PlannedContainer> plan, boolean check) {
        return new AgentEvent("plan", null, null, null, null, null, check, plan, null, null, null, null);
    }

    public static AgentEvent host(String detail) {
        return new AgentEvent("host", null, null, null, null, detail, null, null, null, null, null, null);
    }

    public static AgentEvent action(String container, String action, String status, long millis, String detail) {
        return new AgentEvent("action", container, action, status, millis, detail, null, null, null, null, null, null);
    }

    public static AgentEvent result(Summary summary) {
        return new AgentEvent("result", null, null, null, null, null, null, null, summary, null, null, null);
    }

    public static AgentEvent rollout(List<List<String>> batches) {
        return new AgentEvent("rollout", null, null, null, null, null, null, null, null, null, batches, null);
    }

    public static AgentEvent result(RestartSummary restart) {
        return new AgentEvent("result", null, null, null, null, null, null, null, null, null, null, restart);
    }

    public static AgentEvent error(String detail, int exitCode) {
        return new AgentEvent("error", null, null, null, null, detail, null, null, null, exitCode, null, null);
    }

    /** A container's line in a plan: verdict is up-to-date, change or unlisted. */
    public record PlannedContainer(String container, String verdict, List<String> actions, String detail) {}

    /** The outcome of an apply. */
    public record Summary(int changed, int failed, int unchanged, List<String> unlisted, List<String> failures, long millis) {}
}
