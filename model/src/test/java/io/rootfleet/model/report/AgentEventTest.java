package io.rootfleet.model.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire format of the agent's events: what the agent writes and the controller reads. */
class AgentEventTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachEventIsOneObjectNamedByItsEventField() throws Exception {
        assertThat(JSON.writeValueAsString(AgentEvent.action("web-1", "start", "failed", 12, "boom")))
                .isEqualTo("{\"event\":\"action\",\"container\":\"web-1\",\"action\":\"start\",\"status\":\"failed\","
                        + "\"millis\":12,\"detail\":\"boom\"}");
        assertThat(JSON.writeValueAsString(AgentEvent.action("web-1", "start", "ok", 12, null)))
                .isEqualTo("{\"event\":\"action\",\"container\":\"web-1\",\"action\":\"start\",\"status\":\"ok\",\"millis\":12}");
        assertThat(JSON.writeValueAsString(AgentEvent.host("mounting the shared root")))
                .isEqualTo("{\"event\":\"host\",\"detail\":\"mounting the shared root\"}");
        assertThat(JSON.writeValueAsString(AgentEvent.error("no LXC", 4)))
                .isEqualTo("{\"event\":\"error\",\"detail\":\"no LXC\",\"exitCode\":4}");
        assertThat(JSON.writeValueAsString(AgentEvent.rollout(List.of(List.of("a", "b"), List.of("c")))))
                .isEqualTo("{\"event\":\"rollout\",\"batches\":[[\"a\",\"b\"],[\"c\"]]}");
        assertThat(JSON.writeValueAsString(AgentEvent.plan(List.of(
                new AgentEvent.PlannedContainer("web-1", "change", List.of("create"), "new container")), true)))
                .isEqualTo("{\"event\":\"plan\",\"plan\":[{\"container\":\"web-1\",\"verdict\":\"change\","
                        + "\"actions\":[\"create\"],\"detail\":\"new container\"}],\"check\":true}");
        assertThat(JSON.writeValueAsString(AgentEvent.result(new AgentEvent.Summary(1, 0, 2, List.of(), List.of(), 30))))
                .isEqualTo("{\"event\":\"result\",\"summary\":{\"changed\":1,\"failed\":0,\"unchanged\":2,"
                        + "\"unlisted\":[],\"failures\":[],\"millis\":30,\"notTouched\":[]}}");
    }

    @Test
    void parse_readsWhatTheAgentWrites_andNothingElse() throws Exception {
        List<AgentEvent> events = List.of(
                AgentEvent.action("web-1", "restart", "ok", 812, null),
                AgentEvent.result(new RestartSummary(List.of("a"), List.of(), List.of(), false, List.of(), 80)),
                AgentEvent.error("busy", 5));
        for (AgentEvent event : events) {
            assertThat(AgentEvent.parse(JSON.writeValueAsString(event))).hasValue(event);
        }
        assertThat(AgentEvent.parse("{\"event\":\"host\",\"detail\":\"x\",\"fromANewerAgent\":1}"))
                .hasValue(AgentEvent.host("x"));
        assertThat(AgentEvent.parse("Welcome!")).isEmpty();
        assertThat(AgentEvent.parse("{\"event\":\"unheard-of\"}")).isEmpty();
        assertThat(AgentEvent.parse("{\"apiVersion\":\"rootfleet/v1\",\"containers\":[]}")).isEmpty();
    }

    @Test
    void failures_travelAsValues_andReadAsTheLineAPersonSees() throws Exception {
        AgentEvent result = AgentEvent.result(new AgentEvent.Summary(0, 1, 0, List.of(),
                List.of(new ContainerFailure("web-1", "start", "start failed: lxc-start failed")), 9));
        String json = JSON.writeValueAsString(result);
        assertThat(json).contains("\"failures\":[{\"container\":\"web-1\",\"step\":\"start\","
                + "\"message\":\"start failed: lxc-start failed\"}]");
        AgentEvent.Summary read = ((AgentEvent.Result) AgentEvent.parse(json).orElseThrow()).summary();
        assertThat(read.failures()).singleElement().extracting(ContainerFailure::line)
                .isEqualTo("web-1: start failed: lxc-start failed");
    }

    @Test
    void listsLeftOutAreEmpty() {
        assertThat(AgentEvent.parse("{\"event\":\"result\",\"restart\":{\"restarted\":[\"a\"],\"millis\":5}}"))
                .hasValue(AgentEvent.result(new RestartSummary(List.of("a"), List.of(), List.of(), false, List.of(), 5)));
        assertThat(AgentEvent.parse("{\"event\":\"rollout\"}")).hasValue(AgentEvent.rollout(List.of()));
        assertThat(AgentEvent.parse("{\"event\":\"result\",\"summary\":{\"changed\":1,\"millis\":5}}"))
                .hasValue(AgentEvent.result(new AgentEvent.Summary(1, 0, 0, List.of(), List.of(), 5)));
    }

    @Test
    void summary_namesTheContainersARollingApplyLeftUntouched() throws Exception {
        AgentEvent result = AgentEvent.result(new AgentEvent.Summary(2, 1, 0, List.of(), List.of(), 9, List.of("web-4")));
        assertThat(AgentEvent.parse(JSON.writeValueAsString(result))).hasValue(result);
    }

    @Test
    void heldContainers_travelInTheRestartSummary_andAnOlderAgentsSummaryHasNone() throws Exception {
        RestartSummary summary = new RestartSummary(List.of("a"), List.of(), List.of(), false, List.of(), 5,
                List.of(new HeldContainer("db-1", "migration until Friday", "alice (sudo) from 10.0.0.5", "2026-11-27T08:00:00Z", false)));
        String json = JSON.writeValueAsString(AgentEvent.result(summary));
        assertThat(json).contains("\"held\":[{\"container\":\"db-1\",\"reason\":\"migration until Friday\","
                + "\"by\":\"alice (sudo) from 10.0.0.5\",\"since\":\"2026-11-27T08:00:00Z\",\"host\":false}]");
        assertThat(AgentEvent.parse(json)).hasValue(AgentEvent.result(summary));
        assertThat(summary.heldNames()).containsExactly("db-1");
        assertThat(summary.held().get(0).line())
                .isEqualTo("db-1: held, not restarted (migration until Friday, held by alice (sudo) from 10.0.0.5)");
        RestartSummary old = ((AgentEvent.Result) AgentEvent.parse("{\"event\":\"result\",\"restart\":{\"restarted\":[\"a\"],"
                + "\"millis\":5}}").orElseThrow()).restart();
        assertThat(old.held()).isEmpty();
    }

    @Test
    void containerStatus_saysHeldOnlyWhenItKnows() throws Exception {
        ContainerStatus held = new ContainerStatus("db-1", "started", "RUNNING", 42, 0, true, null, false, List.of(), null, null, true,
                "migration (alice, 2026-11-27T08:00:00Z)");
        String json = JSON.writeValueAsString(held);
        assertThat(json).endsWith("\"held\":true,\"holdReason\":\"migration (alice, 2026-11-27T08:00:00Z)\"}");
        assertThat(JSON.readValue(json, ContainerStatus.class)).isEqualTo(held);
        ContainerStatus old = JSON.readValue("{\"name\":\"web-1\",\"state\":\"RUNNING\",\"upperBytes\":1,\"inSync\":true}",
                ContainerStatus.class);
        assertThat(old.held()).isNull();
        assertThat(old.onHold()).isFalse();
        assertThat(JSON.writeValueAsString(new ContainerStatus("web-1", "started", "RUNNING", 1, 0, true, null, null, null)))
                .doesNotContain("held");
    }
}
