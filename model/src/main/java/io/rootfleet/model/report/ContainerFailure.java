package io.rootfleet.model.report;

import java.util.Objects;

/**
 * One container that did not end up as asked, as the summaries of apply, reconcile and restart list it: a
 * value on the wire, so the controller counts and prints failures without reading them back out of text.
 *
 * @param container the container's name
 * @param step the step that failed: an action's label ({@code create}, {@code start}, ...), {@code running}
 *     (it stopped right after its start), {@code health check}, or {@code stop} during a restart
 * @param message what went wrong, as a person reads it after the name
 */
public record ContainerFailure(String container, String step, String message) {

    public ContainerFailure {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(message, "message");
    }

    /** The failure as one line of human output: {@code NAME: what went wrong}. */
    public String line() {
        return container + ": " + message;
    }

    @Override
    public String toString() {
        return line();
    }
}
