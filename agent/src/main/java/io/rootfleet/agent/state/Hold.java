package io.rootfleet.agent.state;

import java.util.Objects;

/**
 * One hold: why, by whom, since when. A held container (or every container, when the host is held) is left out of
 * automatic and fleet restarts ({@code restart --stale}, the apt hook, {@code rootfleet patch}) until it is unheld.
 *
 * @param reason why, as the operator gave it
 * @param by who, as the audit log names people ({@code alice (sudo) from 10.0.0.5})
 * @param since when, ISO-8601 UTC
 */
public record Hold(String reason, String by, String since) {

    public Hold {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(since, "since");
    }

    /** {@code kernel test (alice (sudo) from 10.0.0.5, 2026-11-27T08:00:00Z)}. */
    public String describe() {
        return reason + " (" + by + ", " + since + ")";
    }
}
