package io.rootfleet.model.concurrent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While open, SIGINT (Ctrl-C) and SIGTERM make a {@link StopRequest} instead of ending the JVM, so long work can
 * stop cleanly between its steps; closing puts the previous handlers back. A second signal is not needed to end
 * the work cleanly, and changes nothing. Where the JVM cannot handle a signal (e.g. started with it ignored), it
 * is left as it was.
 */
public final class StopSignals implements AutoCloseable {
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    private StopSignals(StopRequest stop) {
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                previous.put(signal, Signal.handle(signal, s -> stop.request("SIG" + s.getName())));
            } catch (IllegalArgumentException | UnsupportedOperationException cannot) {
                // not handled in this JVM: it keeps its default
            }
        }
    }

    /** Routes SIGINT and SIGTERM to {@code stop} until closed. */
    public static StopSignals routeTo(StopRequest stop) {
        return new StopSignals(stop);
    }

    @Override
    public void close() {
        List<Map.Entry<Signal, SignalHandler>> entries = new ArrayList<>(previous.entrySet());
        for (Map.Entry<Signal, SignalHandler> e : entries) {
            try {
                Signal.handle(e.getKey(), e.getValue());
            } catch (IllegalArgumentException | UnsupportedOperationException ignored) {
                // it could be set, so it can be put back; nothing to do otherwise
            }
        }
        previous.clear();
    }
}
