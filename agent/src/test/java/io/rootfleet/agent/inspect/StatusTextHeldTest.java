package io.rootfleet.agent.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.report.Json;
import io.rootfleet.model.report.ContainerStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTextHeldTest {

    @Test
    void aHeldContainer_getsAHeldLineWithItsReason_andTheJsonSaysHeld() {
        HostStatus status = new HostStatus(List.of(
                new ContainerStatus("db-1", "started", "RUNNING", 42, 4096, true, null, true, List.of(), null, null, true,
                        "migration (alice (sudo) from 10.0.0.5:1, 2026-11-27T08:00:00Z)"),
                new ContainerStatus("web-1", "started", "RUNNING", 43, 4096, true, null, false, List.of(), null, null, false, null)));
        StringWriter text = new StringWriter();
        StatusText.print(status, Path.of("/h"), new PrintWriter(text, true));
        assertThat(text.toString()).contains("HELD db-1: migration (alice (sudo) from 10.0.0.5:1, 2026-11-27T08:00:00Z);"
                + " restart --stale, the apt hook and rootfleet patch leave it alone (rootfleet-agent unhold)\n")
                .doesNotContain("HELD web-1");
        assertThat(Json.write(status)).contains("\"held\":true,\"holdReason\":\"migration (alice (sudo) from 10.0.0.5:1,"
                + " 2026-11-27T08:00:00Z)\"").contains("\"shadowed\":[],\"held\":false}");
    }
}
