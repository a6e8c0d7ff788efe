package io.rootfleet.model.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A container a restart left alone because it is held ({@code rootfleet-agent hold}): "held, not restarted".
 *
 * @param container the container's name
 * @param reason the reason given with the hold
 * @param by who held it, as the audit log names people ({@code alice (sudo) from 10.0.0.5}); null when unknown
 * @param since when it was held, ISO-8601 UTC; null when unknown
 * @param host true when the whole host is held rather than this container
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HeldContainer(String container, String reason, String by, String since, boolean host) {

    public HeldContainer {
        Objects.requireNonNull(container, "container");
        reason = reason == null ? "" : reason;
    }

    /** {@code web-1: held, not restarted (kernel test until Friday, held by alice)}. */
    public String line() {
        return container + ": held, not restarted (" + (host ? "the host is held: " : "") + reason
                + (by == null ? "" : ", held by " + by) + ")";
    }
}
