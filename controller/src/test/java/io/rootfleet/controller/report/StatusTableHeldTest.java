package io.rootfleet.controller.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.controller.push.AgentAudit;
import io.rootfleet.controller.push.HostOutcome;
import io.rootfleet.model.report.ContainerStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusTableHeldTest {

    @Test
    void aHeldContainer_getsAHeldNote_andTheStaleNoteSaysPatchLeavesItAlone() {
        List<ContainerStatus> containers = List.of(
                new ContainerStatus("db-1", "started", "RUNNING", 4242, 16384, true, null, true, List.of(), null, null, true,
                        "migration (alice (sudo) from 10.0.0.5:1, 2026-11-27T08:00:00Z)"),
                new ContainerStatus("web-1", "started", "RUNNING", 4243, 16384, true, null, true, List.of(), null, null, false, null));
        StringWriter text = new StringWriter();
        StatusTable.print(new PrintWriter(text, true), List.of(new StatusTable.HostRows("web-a", HostOutcome.Status.OK,
                Optional.empty(), containers, List.of())));
        assertThat(text.toString().lines().toList()).endsWith(
                "HELD web-a/db-1: migration (alice (sudo) from 10.0.0.5:1, 2026-11-27T08:00:00Z); rootfleet patch, restart"
                        + " --stale and the apt hook leave it alone (rootfleet-agent unhold)",
                "note: 2 container(s) still run files their host has replaced since they started; rootfleet patch restarts"
                        + " them (not the held ones)");
    }

    @Test
    void lastChanges_oneLinePerHost() {
        StringWriter text = new StringWriter();
        StatusTable.printLastChanges(new PrintWriter(text, true), List.of(
                new AgentAudit.HostAudit("web-a", Optional.of(new AgentAudit.LastChange("2026-11-27T08:30:00Z",
                        "alice (sudo) from 10.0.0.5:1", "restart --stale --json", "OK (0)")), Optional.empty()),
                new AgentAudit.HostAudit("web-b", Optional.empty(), Optional.empty()),
                new AgentAudit.HostAudit("web-c", Optional.empty(), Optional.of("connection refused"))));
        assertThat(text.toString()).isEqualTo("""
                web-a            last change: 2026-11-27T08:30:00Z alice (sudo) from 10.0.0.5:1 restart --stale --json -> OK (0)
                web-b            last change: none recorded
                web-c            last change: unknown (connection refused)
                """);
        assertThat(StatusTable.toJson(List.of(new StatusTable.HostRows("web-a", HostOutcome.Status.OK, Optional.empty(),
                List.of(), List.of())), List.of(new AgentAudit.HostAudit("web-a", Optional.of(new AgentAudit.LastChange("t",
                "w", "hold", "OK (0)")), Optional.empty()))))
                .contains("\"lastChange\":{\"time\":\"t\",\"who\":\"w\",\"command\":\"hold\",\"result\":\"OK (0)\"}");
    }
}
