package io.rootfleet.controller.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.controller.push.HostOutcome;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.report.ContainerStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusTableTest {
    private static List<String> print(StatusTable.HostRows... hosts) {
        StringWriter text = new StringWriter();
        StatusTable.print(new PrintWriter(text, true), List.of(hosts));
        return text.toString().lines().map(String::stripTrailing).toList();
    }

    @Test
    void print_staleAndHiddenHostFiles_withANoteForEach() {
        List<ContainerStatus> containers = List.of(
                new ContainerStatus("web-1", "started", "RUNNING", 4242, 16384, true, null, true, List.of(), true, "healthy", null, null),
                new ContainerStatus("web-2", "started", "RUNNING", 4243, 16384, true, null, false,
                        List.of("/etc/ssl/openssl.cnf", "/usr/lib/x86_64-linux-gnu/libssl.so.3"), false, "unhealthy", null, null),
                new ContainerStatus("db", "stopped", "STOPPED", null, 4096, true, null, null, List.of(), null, "-", null, null));

        assertThat(print(new StatusTable.HostRows("web-a", HostOutcome.Status.OK, Optional.empty(), containers, List.of())))
                .containsExactly(
                        "HOST             CONTAINER                DESIRED   STATE    HEALTH    STALE SHADOWS  OWN-LAYER  DRIFT",
                        "web-a            db                       stopped   STOPPED  -         -           0       4.0K  none",
                        "web-a            web-1                    started   RUNNING  healthy   yes         0        16K  none",
                        "web-a            web-2                    started   RUNNING  unhealthy no          2        16K  none",
                        "PRIVILEGED: web-a/web-1 runs as its host's root (privileged: true): nothing separates its root"
                                + " from the host's",
                        "note: web-a/web-2: its own layer hides 2 host system file(s), which host updates will not reach:"
                                + " /etc/ssl/openssl.cnf, /usr/lib/x86_64-linux-gnu/libssl.so.3",
                        "note: 1 container(s) still run files their host has replaced since they started; rootfleet patch"
                                + " restarts them");
    }

    @Test
    void print_anAgentThatSendsNeitherStaleNorShadowed_showsDashes() {
        List<ContainerStatus> containers = List.of(new ContainerStatus("web-1", "started", "RUNNING", 4242, 16384, true, null, null, null, null, null, null, null));
        List<AgentEvent.PlannedContainer> plan = List.of(
                new AgentEvent.PlannedContainer("web-1", "up-to-date", List.of(), ""),
                new AgentEvent.PlannedContainer("web-2", "change", List.of("create", "start"), "new container"));

        assertThat(print(new StatusTable.HostRows("web-a", HostOutcome.Status.OK, Optional.empty(), containers, plan),
                new StatusTable.HostRows("web-b", HostOutcome.Status.UNREACHABLE, Optional.of("connection refused"), List.of(),
                        List.of())))
                .containsExactly(
                        "HOST             CONTAINER                DESIRED   STATE    HEALTH    STALE SHADOWS  OWN-LAYER  DRIFT",
                        "web-a            web-1                    started   RUNNING  -         -           -        16K  none",
                        "web-a            web-2                    -         absent   -         -           -          -  create, start (new container)",
                        "web-b            -                        -         UNREACHABLE -         -           -          -  connection refused");
    }

    @Test
    void print_aContainerDeletedAsThePlaybookAsks_isAbsentWithoutDrift() {
        List<AgentEvent.PlannedContainer> plan = List.of(new AgentEvent.PlannedContainer("old-1", "up-to-date", List.of(), "absent"));

        assertThat(print(new StatusTable.HostRows("web-a", HostOutcome.Status.OK, Optional.empty(), List.of(), plan)))
                .containsExactly(
                        "HOST             CONTAINER                DESIRED   STATE    HEALTH    STALE SHADOWS  OWN-LAYER  DRIFT",
                        "web-a            old-1                    absent    absent   -         -           -          -  none");
    }

    @Test
    void toJson_isOneObjectWithApiVersion_andEachHostsRows() {
        List<ContainerStatus> containers = List.of(new ContainerStatus("web-1", "started", "RUNNING", 4242, 16384, true, null, false, List.of(),
                false, "starting", null, null));
        List<AgentEvent.PlannedContainer> plan = List.of(
                new AgentEvent.PlannedContainer("web-1", "up-to-date", List.of(), "started"),
                new AgentEvent.PlannedContainer("web-2", "change", List.of("create"), "new container"));

        assertThat(StatusTable.toJson(List.of(
                new StatusTable.HostRows("web-a", HostOutcome.Status.OK, Optional.empty(), containers, plan),
                new StatusTable.HostRows("web-b", HostOutcome.Status.UNREACHABLE, Optional.of("connection refused"), List.of(),
                        List.of()))))
                .isEqualTo("{\"apiVersion\":\"rootfleet/v1\",\"hosts\":["
                        + "{\"host\":\"web-a\",\"status\":\"ok\",\"containers\":[{\"name\":\"web-1\",\"desired\":\"started\","
                        + "\"state\":\"RUNNING\",\"initPid\":4242,\"upperBytes\":16384,\"inSync\":true,\"stale\":false,"
                        + "\"shadowed\":[],\"privileged\":false,\"health\":\"starting\"}],\"drift\":[{\"container\":\"web-2\",\"verdict\":\"change\",\"actions\":[\"create\"],"
                        + "\"detail\":\"new container\"}]},"
                        + "{\"host\":\"web-b\",\"status\":\"unreachable\",\"error\":\"connection refused\",\"containers\":[],"
                        + "\"drift\":[]}]}");
    }
}
