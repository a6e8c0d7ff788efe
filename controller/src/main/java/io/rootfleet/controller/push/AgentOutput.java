package io.rootfleet.controller.push;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootfleet.controller.ssh.CommandResult;
import io.rootfleet.model.report.AgentEvent;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How one agent subcommand's output reads, for one run: its {@link AgentEvent}s line by line as they come
 * (passed on to a listener), then the whole result, or why talking to the host failed.
 */
public abstract class AgentOutput<T> {
    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Consumer<AgentEvent> listener;
    private String error;

    protected AgentOutput(Consumer<AgentEvent> listener) {
        this.listener = listener;
    }

    /** For a command whose events only this output needs. */
    protected AgentOutput() {
        this(event -> { });
    }

    /** The result of an agent that ran to its end, whatever its exit status. */
    protected abstract T finished(String host, CommandResult result, long millis);

    /** The result when the host could not be reached or the session broke; the events read so far stay. */
    protected abstract T failed(String host, HostOutcome.Status status, String why, long millis);

    /** One event as it comes; the default needs none. */
    protected void event(AgentEvent event) {}

    final void line(String line) {
        AgentEvent.parse(line).ifPresent(this::accept);
    }

    private void accept(AgentEvent event) {
        if (event instanceof AgentEvent.RunError runError) {
            error = runError.detail();
        }
        event(event);
        listener.accept(event);
    }

    /** The detail of the {@code error} event the agent printed before failing, if it printed one. */
    protected final Optional<String> errorEvent() {
        return Optional.ofNullable(error);
    }

    /** Why an agent that failed without a result failed: its error event, else its exit status and stderr. */
    protected final String failure(CommandResult result) {
        return errorEvent().orElseGet(() -> AgentFailure.of(result));
    }
}
