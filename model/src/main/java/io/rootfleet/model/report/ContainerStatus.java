package io.rootfleet.model.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One managed container as {@code status} reports it.
 *
 * @param desired the state the desired state asks for (started, stopped), or "unlisted"
 * @param state what LXC says now (RUNNING, STOPPED, ...)
 * @param upperBytes disk used by the container's own layer
 * @param inSync whether config, files and state match the desired state
 * @param stale whether it runs files the host has replaced since it started (null when not running)
 * @param shadowed host system files its own layer hides (see {@link StaleReport.ShadowedFile}); null, not empty, from
 *     an agent too old to say
 * @param held true when the container (or its whole host) is held: automatic and fleet restarts leave it alone;
 *     null from an agent too old to say
 * @param holdReason the reason given with the hold, with who held it; null when not held
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerStatus(
        String name, String desired, String state, Integer initPid, long upperBytes, boolean inSync, String detail,
        Boolean stale, List<String> shadowed, Boolean held, String holdReason) {

    /** A status that says nothing about holds (as an agent before holds wrote it). */
    public ContainerStatus(String name, String desired, String state, Integer initPid, long upperBytes, boolean inSync,
            String detail, Boolean stale, List<String> shadowed) {
        this(name, desired, state, initPid, upperBytes, inSync, detail, stale, shadowed, null, null);
    }

    /** True when the agent said it is held. */
    public boolean onHold() {
        return Boolean.TRUE.equals(held);
    }
}
