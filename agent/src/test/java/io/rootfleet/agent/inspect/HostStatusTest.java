package io.rootfleet.agent.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.report.Json;
import io.rootfleet.model.report.ContainerStatus;
import io.rootfleet.model.report.PackageChange;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code status --json} is one object, like the other commands' JSON: apiVersion, then the containers. */
class HostStatusTest {

    @Test
    void json_isAnObjectWithApiVersion_notABareArray() {
        HostStatus status = new HostStatus(List.of(
                new ContainerStatus("web-1", "started", "RUNNING", 42, 4096, true, null, false, List.of(), false, "healthy", null, null)));
        assertThat(Json.write(status)).isEqualTo("{\"apiVersion\":\"rootfleet/v1\",\"containers\":[{\"name\":\"web-1\","
                + "\"desired\":\"started\",\"state\":\"RUNNING\",\"initPid\":42,\"upperBytes\":4096,\"inSync\":true,"
                + "\"stale\":false,\"shadowed\":[],\"privileged\":false,\"health\":\"healthy\"}]}");
        assertThat(Json.write(new HostStatus(List.of()))).isEqualTo("{\"apiVersion\":\"rootfleet/v1\",\"containers\":[]}");
    }

    @Test
    void packagesBehindStaleContainers_inJsonAndText() {
        HostStatus status = new HostStatus(List.of(
                new ContainerStatus("web-1", "started", "RUNNING", 42, 4096, true, null, true, List.of())),
                List.of(new PackageChange("libssl3", "3.0.19-1", "3.0.22-1", List.of("CVE-2099-0001"), List.of("web-1"))));
        assertThat(Json.write(status)).endsWith(",\"packages\":[{\"name\":\"libssl3\",\"fromVersion\":\"3.0.19-1\","
                + "\"toVersion\":\"3.0.22-1\",\"cves\":[\"CVE-2099-0001\"],\"containers\":[\"web-1\"]}]}");
        StringWriter text = new StringWriter();
        StatusText.print(status, Path.of("/var/lib/rootfleet"), new PrintWriter(text, true));
        assertThat(text.toString()).endsWith("stale by host package libssl3 3.0.19-1 -> 3.0.22-1 (CVE-2099-0001): 1 container"
                + " (rootfleet-agent stale for the files)\n");
    }
}
