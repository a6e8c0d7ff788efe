package io.rootfleet.controller.push;

import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.ssh.RemoteHost;
import io.rootfleet.model.report.ContainerStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The health of a canary host's restarted containers while it soaks, from the agent's {@code status --health
 * --json}: each must be RUNNING, not unhealthy by its health check run then, and with the init process it had at
 * the first check (a new one means it died and was started again).
 */
public final class AgentHealth {
    private final AgentStatus status;
    private final Map<String, Integer> firstInit = new ConcurrentHashMap<>();

    public AgentHealth(AgentStatus status) {
        this.status = status;
    }

    /** What is wrong with {@code restarted} on {@code host}; empty when all of them run as they did. */
    public Optional<String> problem(RemoteHost remote, HostSpec host, List<String> restarted) {
        if (restarted.isEmpty()) {
            return Optional.empty();
        }
        return judge(host.name(), status.query(remote, host), restarted);
    }

    /** The same, on the status {@code now} the agent of {@code host} reported. */
    Optional<String> judge(String host, AgentStatus.HostStatus now, List<String> restarted) {
        if (now.status() != HostOutcome.Status.OK) {
            return Optional.of("status failed: " + now.error().orElse(now.status().name()));
        }
        List<String> problems = new ArrayList<>();
        for (String name : restarted) {
            Optional<ContainerStatus> found = now.containers().stream().filter(c -> c.name().equals(name)).findFirst();
            if (found.isEmpty()) {
                problems.add(name + " is gone");
                continue;
            }
            ContainerStatus c = found.get();
            if (!"RUNNING".equals(c.state())) {
                problems.add(name + " is " + c.state() + (c.detail() == null || c.detail().isBlank() ? "" : " (" + c.detail() + ")"));
                continue;
            }
            if ("unhealthy".equals(c.health())) {
                problems.add(name + " is unhealthy (its health check failed; rootfleet-agent status --health)");
                continue;
            }
            if (c.initPid() != null) {
                Integer first = firstInit.putIfAbsent(host + "/" + name, c.initPid());
                if (first != null && !first.equals(c.initPid())) {
                    problems.add(name + " was started again (init " + first + " -> " + c.initPid() + ")");
                }
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", problems));
    }
}
