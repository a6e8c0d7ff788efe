package io.rootfleet.agent.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.report.Json;
import io.rootfleet.model.report.ContainerStatus;
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
}
