package io.rootfleet.controller.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentAuditTest {

    @Test
    void parse_theAgentsLastAuditLine_withoutItsHome() throws Exception {
        String line = "{\"time\":\"2026-11-27T08:30:00.123Z\",\"who\":\"hook (local root)\",\"actor\":{\"user\":\"root\","
                + "\"via\":\"hook\"},\"command\":\"restart\",\"argv\":[\"--home\",\"/var/lib/rootfleet\",\"restart\",\"--stale\","
                + "\"--json\"],\"changed\":{\"restarted\":[\"web-1\"]},\"result\":\"OK\",\"exitCode\":0,\"millis\":900,\"future\":1}\n";
        assertThat(AgentAudit.parse(line)).hasValue(new AgentAudit.LastChange("2026-11-27T08:30:00.123Z", "hook (local root)",
                "restart --stale --json", "OK (0)"));
        assertThat(AgentAudit.parse("")).isEqualTo(Optional.empty());
    }
}
