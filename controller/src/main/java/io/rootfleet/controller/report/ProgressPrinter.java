package io.rootfleet.controller.report;

import io.rootfleet.controller.push.HostOutcome;
import io.rootfleet.model.report.AgentEvent;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * Live progress, safe to call from many host threads. Plain lines, one per host event, prefixed with the
 * host (for logs and pipes); or, on a terminal, one status line rewritten in place (hosts done, failed,
 * running, and the latest event), with a plain line only for what went wrong.
 */
public final class ProgressPrinter {
    private final PrintWriter out;
    private final boolean terminal;
    private int hosts;
    private int done;
    private int failed;
    private String latest = "";

    public ProgressPrinter(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** A terminal is attached when the JVM has a console (stdin and stdout are both a TTY). */
    public static boolean onTerminal() {
        return System.console() != null;
    }

    public void started(String host) {
        synchronized (out) {
            hosts++;
        }
        line(host, "connecting");
    }

    public void event(String host, AgentEvent event) {
        if (event instanceof AgentEvent.Plan p) {
            long changes = p.plan().stream().filter(c -> c.verdict().equals("change")).count();
            line(host, changes == 0 ? "up to date" : changes + " container(s) to change" + (p.check() ? " (check)" : ""));
        } else if (event instanceof AgentEvent.HostStep step) {
            line(host, step.detail());
        } else if (event instanceof AgentEvent.Rollout r) {
            line(host, r.batches().stream().mapToInt(List::size).sum() + " stale container(s) to restart in "
                    + r.batches().size() + " batch(es)");
        } else if (event instanceof AgentEvent.Action a) {
            line(host, a.container() + " " + a.action() + " " + a.status() + (a.detail() == null ? "" : ": " + a.detail()));
        }
    }

    public void finished(HostOutcome outcome) {
        finished(outcome.host(), outcome.status(), outcome.millis(), outcome.error());
    }

    public void finished(String host, HostOutcome.Status status, long millis, Optional<String> error) {
        synchronized (out) {
            done++;
            if (status != HostOutcome.Status.OK) {
                failed++;
            }
        }
        line(host, switch (status) {
            case OK -> "done in " + millis + " ms";
            case FAILED -> "FAILED: " + error.orElse("");
            case UNREACHABLE -> "UNREACHABLE: " + error.orElse("");
        });
    }

    /** A line about the run as a whole, not one host. */
    public void note(String text) {
        synchronized (out) {
            out.println(terminal ? "\r\033[K" + text : text);
            out.flush();
        }
    }

    private void line(String host, String text) {
        synchronized (out) {
            if (!terminal) {
                out.println("[" + host + "] " + text);
            } else {
                boolean problem = text.startsWith("FAILED") || text.startsWith("UNREACHABLE") || text.contains(" failed");
                if (problem) {
                    out.print("\r\033[K[" + host + "] " + text + "\n");
                }
                latest = "[" + host + "] " + text;
                String status = "hosts: " + done + "/" + hosts + " done, " + failed + " failed | " + latest;
                out.print("\r\033[K" + (status.length() > 118 ? status.substring(0, 117) + "…" : status));
                if (done == hosts && hosts > 0) {
                    out.print("\r\033[K");
                }
            }
            out.flush();
        }
    }
}
