package io.rootfleet.model.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One managed container as {@code status} reports it.
 *
 * @param desired the state the desired state asks for (started, stopped), or "unlisted"
 * @param state what LXC says now (RUNNING, STOPPED, ...)
 * @param upperBytes disk used by the container's own layer
 * @param inSync whether config, files and state match the desired state
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerStatus(
        String name, String desired, String state, Integer initPid, long upperBytes, boolean inSync, String detail) {}
