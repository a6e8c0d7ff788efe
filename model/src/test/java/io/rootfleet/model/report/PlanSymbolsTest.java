package io.rootfleet.model.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanSymbolsTest {

    @Test
    void of_createDestroyChangeUnlisted() {
        assertThat(PlanSymbols.of(false, List.of("create", "start"))).isEqualTo("+");
        assertThat(PlanSymbols.of(false, List.of("stop", "destroy"))).isEqualTo("-");
        assertThat(PlanSymbols.of(false, List.of("stop", "update", "start"))).isEqualTo("~");
        assertThat(PlanSymbols.of(false, List.of())).isEqualTo("~");
        assertThat(PlanSymbols.of(true, List.of())).isEqualTo("?");
        assertThat(PlanSymbols.of(new AgentEvent.PlannedContainer("a", "unlisted", List.of(), "x"))).isEqualTo("?");
        assertThat(PlanSymbols.of(new AgentEvent.PlannedContainer("a", "change", List.of("create"), "x"))).isEqualTo("+");
    }
}
