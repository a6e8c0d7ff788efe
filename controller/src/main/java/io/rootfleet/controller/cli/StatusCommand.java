package io.rootfleet.controller.cli;

import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.playbook.Playbook;
import io.rootfleet.controller.push.AgentAudit;
import io.rootfleet.controller.push.AgentRun;
import io.rootfleet.controller.push.AgentStatus;
import io.rootfleet.controller.push.FleetRunner;
import io.rootfleet.controller.push.HostConnector;
import io.rootfleet.controller.push.HostOutcome;
import io.rootfleet.controller.report.StatusTable;
import io.rootfleet.controller.ssh.RemoteHost;
import io.rootfleet.controller.ssh.RemoteHostException;
import io.rootfleet.controller.ssh.SshClient;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.ExitStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "status", description = "Hosts x containers: actual state, HEALTH from the last"
        + " health check (healthy, unhealthy, starting, -), whether it still runs"
        + " files its host has replaced (stale), host system files its own layer hides, disk used by that layer, drift"
        + " from the playbook. Changes nothing.")
final class StatusCommand implements FleetCommand {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    PlaybookOptions playbook;

    @Option(names = "--json", description = "Print JSON: {apiVersion, hosts: [{host, status, error, containers, drift}]}.")
    boolean json;

    @Option(names = "--health", description = "Have each agent run its running containers' health checks now (in"
            + " parallel) and record them, instead of showing the last ones (the agent's status --health).")
    boolean health;

    @Option(names = "--audit", description = "Also show each host's last change from its agent's audit log: when, who,"
            + " which command, how it ended (rootfleet-agent audit on the host shows them all).")
    boolean audit;

    /** One host's answer: the agent's status plus the plan that would bring it to the playbook, and its last change. */
    record Row(HostSpec host, AgentStatus.HostStatus status, HostOutcome check, Optional<AgentAudit.HostAudit> audit) {}

    @Override
    public ExitStatus run() throws Exception {
        Playbook book = playbook.read();
        HostConnector connector = new HostConnector(new SshClient(), connection.toConnectOptions());
        Duration timeout = Duration.ofSeconds(connection.timeout);
        List<Row> rows = new ArrayList<>();
        AgentStatus agentStatus = new AgentStatus(connector, timeout, health);
        AgentRun agentRun = new AgentRun(connector, timeout);
        AgentAudit agentAudit = audit ? new AgentAudit(connector, timeout) : null;
        List<HostOutcome> outcomes = new FleetRunner(connection.forks).run(book.hosts(), host -> {
            Row row = query(connector, agentStatus, agentRun, agentAudit, host, book);
            synchronized (rows) {
                rows.add(row);
            }
            return row.check();
        });
        rows.sort(java.util.Comparator.comparingInt(r -> book.hosts().indexOf(r.host())));
        PrintWriter out = spec.commandLine().getOut();
        List<StatusTable.HostRows> table = rows.stream().map(r -> new StatusTable.HostRows(r.host().name(),
                r.status().status(), r.status().error(), r.status().containers(), r.check().plan())).toList();
        List<AgentAudit.HostAudit> audits = rows.stream().flatMap(r -> r.audit().stream()).toList();
        if (json) {
            out.println(StatusTable.toJson(table, audits));
        } else {
            StatusTable.print(out, table);
            StatusTable.printLastChanges(out, audits);
        }
        out.flush();
        return ExitCodeOf.outcomes(outcomes);
    }

    /**
     * One session per host: the agent's status with the plan that would bring it to the playbook, in one agent run;
     * from an agent that cannot (older than status --plan), its status and then apply --check.
     */
    private static Row query(HostConnector connector, AgentStatus agentStatus, AgentRun agentRun, AgentAudit agentAudit,
            HostSpec host, Playbook book) {
        DesiredState desired = book.desiredFor(host);
        try (RemoteHost remote = connector.open(host)) {
            Optional<AgentStatus.HostStatus> planned = agentStatus.queryWithPlan(remote, host, desired);
            AgentStatus.HostStatus status = planned.orElseGet(() -> agentStatus.query(remote, host));
            HostOutcome check = status.plan().isPresent()
                    ? new HostOutcome(host.name(), HostOutcome.Status.OK, status.plan().get(), Optional.empty(), Optional.empty(), 0)
                    : status.status() == HostOutcome.Status.OK
                    ? agentRun.apply(remote, host, desired, true, false, event -> { })
                    : new HostOutcome(host.name(), status.status(), List.of(), Optional.empty(), status.error(), 0);
            Optional<AgentAudit.HostAudit> last = agentAudit == null ? Optional.empty()
                    : Optional.of(status.status() == HostOutcome.Status.OK ? agentAudit.query(remote, host)
                            : new AgentAudit.HostAudit(host.name(), Optional.empty(), status.error()));
            return new Row(host, status, check, last);
        } catch (RemoteHostException e) {
            HostOutcome.Status failure = HostOutcome.Status.of(e);
            return new Row(host, new AgentStatus.HostStatus(host.name(), failure, List.of(), Optional.of(e.getMessage())),
                    new HostOutcome(host.name(), failure, List.of(), Optional.empty(), Optional.of(e.getMessage()), 0),
                    agentAudit == null ? Optional.empty()
                            : Optional.of(new AgentAudit.HostAudit(host.name(), Optional.empty(), Optional.of(e.getMessage()))));
        }
    }
}
