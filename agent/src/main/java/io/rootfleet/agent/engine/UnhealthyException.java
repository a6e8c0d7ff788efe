package io.rootfleet.agent.engine;

/** A restarted container did not pass its health check; the message says what was tried and what it last said. */
public final class UnhealthyException extends RuntimeException {
    public UnhealthyException(String message) {
        super(message);
    }
}
