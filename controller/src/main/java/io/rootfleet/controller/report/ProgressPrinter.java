package io.rootfleet.controller.report;

import io.rootfleet.controller.push.HostOutcome;
import io.rootfleet.model.report.AgentEvent;
import java.io.PrintWriter;

/** One line per host event as it happens, prefixed with the host, safe to call from many host threads. */
public final class ProgressPrinter {
    private final PrintWriter out;

    public ProgressPrinter(PrintWriter out) {
        this.out = out;
    }

    public void started(String host) {
        line(host, "connecting");
    }

    public void event(String host, AgentEvent event) {
        switch (event.event()) {
            case "plan" -> {
                long changes = event.plan().stream().filter(p -> p.verdict().equals("change")).count();
                line(host, changes == 0 ? "up to date" : changes + " container(s) to change" + (Boolean.TRUE.equals(event.check()) ? " (check)" : ""));
            }
            case "host" -> line(host, event.detail());
            case "action" -> line(host, event.container() + " " + event.action() + " " + event.status()
                    + (event.detail() == null ? "" : ": " + event.detail()));
            default -> { }
        }
    }

    public void finished(HostOutcome outcome) {
        line(outcome.host(), switch (outcome.status()) {
            case OK -> "done in " + outcome.millis() + " ms";
            case FAILED -> "FAILED: " + outcome.error().orElse("");
            case UNREACHABLE -> "UNREACHABLE: " + outcome.error().orElse("");
        });
    }

    private void line(String host, String text) {
        synchronized (out) {
            out.println("[" + host + "] " + text);
            out.flush();
        }
    }
}
