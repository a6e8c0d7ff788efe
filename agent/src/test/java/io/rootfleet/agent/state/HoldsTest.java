package io.rootfleet.agent.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootfleet.model.ContainerName;
import io.rootfleet.model.report.HeldContainer;
import java.util.List;
import org.junit.jupiter.api.Test;

class HoldsTest {
    private static final ContainerName DB = new ContainerName("db-1");
    private static final ContainerName WEB = new ContainerName("web-1");
    private static final Hold MIGRATION = new Hold("schema migration", "alice (sudo) from 10.0.0.5:51234", "2026-11-27T08:00:00Z");
    private static final Hold KERNEL = new Hold("kernel test", "local root", "2026-11-27T09:00:00Z");

    @Test
    void heldOf_containerHoldFirst_thenTheHosts_elseNone() {
        Holds holds = Holds.NONE.hold(List.of(DB), MIGRATION);
        assertThat(holds.heldOf(DB)).hasValue(new HeldContainer("db-1", "schema migration",
                "alice (sudo) from 10.0.0.5:51234", "2026-11-27T08:00:00Z", false));
        assertThat(holds.heldOf(WEB)).isEmpty();

        Holds host = holds.hold(List.of(), KERNEL);
        assertThat(host.heldOf(WEB)).hasValue(new HeldContainer("web-1", "kernel test", "local root", "2026-11-27T09:00:00Z", true));
        assertThat(host.heldOf(DB)).map(HeldContainer::reason).hasValue("schema migration");
    }

    @Test
    void unhold_noNames_endsOnlyTheHostsHold_namesOnlyTheirs() {
        Holds holds = Holds.NONE.hold(List.of(DB, WEB), MIGRATION).hold(List.of(), KERNEL);
        Holds noHost = holds.unhold(List.of());
        assertThat(noHost.host()).isNull();
        assertThat(noHost.containers()).containsOnlyKeys(DB, WEB);
        assertThat(holds.unhold(List.of(DB)).containers()).containsOnlyKeys(WEB);
        assertThat(holds.unhold(List.of(DB)).host()).isEqualTo(KERNEL);
        assertThat(Holds.NONE.unhold(List.of(DB))).isEqualTo(Holds.NONE);
        assertThat(Holds.NONE.isEmpty()).isTrue();
    }

    @Test
    void holdingAgain_replacesTheReason() {
        Holds holds = Holds.NONE.hold(List.of(DB), MIGRATION).hold(List.of(DB), KERNEL);
        assertThat(holds.containers()).containsEntry(DB, KERNEL).hasSize(1);
    }

    @Test
    void json_roundTrips() {
        Holds holds = Holds.NONE.hold(List.of(DB), MIGRATION).hold(List.of(), KERNEL);
        String json = holds.toJson();
        assertThat(json).contains("\"apiVersion\" : \"rootfleet/v1\"").contains("\"db-1\"");
        assertThat(Holds.fromJson(json, "holds.json")).isEqualTo(holds);
        assertThat(Holds.fromJson(Holds.NONE.toJson(), "holds.json")).isEqualTo(Holds.NONE);
    }

    @Test
    void brokenFile_saysWhichAndWhatToDo() {
        assertThatThrownBy(() -> Holds.fromJson("{nope", "/h/holds.json"))
                .hasMessageStartingWith("/h/holds.json: not valid JSON (")
                .hasMessageEndingWith("); remove the file to drop every hold, or fix it");
        assertThatThrownBy(() -> Holds.fromJson("{\"containers\":{\"Bad_Name\":{}}}", "/h/holds.json"))
                .hasMessageStartingWith("/h/holds.json: containers: ");
        assertThatThrownBy(() -> Holds.fromJson("{\"containers\":{\"db-1\":{\"reason\":\"x\"}}}", "/h/holds.json"))
                .hasMessage("/h/holds.json: containers.db-1: a hold needs the strings reason, by and since");
    }
}
