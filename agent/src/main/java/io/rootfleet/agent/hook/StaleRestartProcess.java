package io.rootfleet.agent.hook;

import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.report.RestartSummary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rolling restart of stale containers as the agent's own command, {@code rootfleet-agent restart --stale
 * --json}, in a new process (see {@link AgentProcess} for why). Its JSON events become log lines as they come.
 * It is waited for without a time limit: the restart bounds each step itself (stop timeouts, health retries),
 * and killing it in the middle of a batch would leave containers stopped.
 */
public final class StaleRestartProcess implements HookSettler.Restarter {
    private final AgentProcess agent;
    private final RestartFlags flags;
    private final HookLog log;

    public StaleRestartProcess(AgentProcess agent, RestartFlags flags, HookLog log) {
        this.agent = agent;
        this.flags = flags;
        this.log = log;
    }

    /** The restart's arguments after {@code --home HOME}. */
    public List<String> args() {
        List<String> args = new ArrayList<>(List.of("restart", "--stale", "--json"));
        args.addAll(flags.argv());
        return args;
    }

    @Override
    public HookSettler.Outcome restartStale() {
        RestartSummary summary = null;
        String error = null;
        try {
            Process process = agent.command(args()).redirectErrorStream(true).start();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    AgentEvent event = AgentEvent.parse(line).orElse(null);
                    if (event == null) {
                        log.line("restart: " + line);
                    } else if (event instanceof AgentEvent.Result result && result.restart() != null) {
                        summary = result.restart();
                    } else {
                        if (event instanceof AgentEvent.RunError runError) {
                            error = runError.detail();
                        }
                        log.line("restart: " + describe(event));
                    }
                }
            }
            return new HookSettler.Outcome(process.waitFor(), summary, error);
        } catch (IOException e) {
            return new HookSettler.Outcome(-1, null, "cannot run " + agent.launcher() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HookSettler.Outcome(-1, summary, "interrupted while waiting for the restart");
        }
    }

    /** One event as a log line; the final result is logged by the settler. */
    static String describe(AgentEvent e) {
        if (e instanceof AgentEvent.Action a) {
            return a.container() + " " + a.action() + " " + a.status() + " (" + a.millis() + " ms)"
                    + (a.detail() != null ? ": " + a.detail() : "");
        }
        if (e instanceof AgentEvent.Rollout r) {
            return "batches " + r.batches().stream().map(b -> String.join(", ", b)).collect(Collectors.joining(" | "));
        }
        if (e instanceof AgentEvent.HostStep h) {
            return h.detail();
        }
        if (e instanceof AgentEvent.RunError err) {
            return "error: " + err.detail() + " (exit " + err.exitCode() + ")";
        }
        return e.event();
    }
}
