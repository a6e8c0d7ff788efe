package io.rootfleet.agent.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.plan.ObservedContainer;
import io.rootfleet.agent.plan.Run;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.codec.DesiredStateReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CapacityCheckTest {
    private static final Map<Sysctl, Long> DEBIAN_DEFAULTS = Map.of(
            Sysctl.INOTIFY_INSTANCES, 128L, Sysctl.INOTIFY_WATCHES, 192_536L, Sysctl.PID_MAX, 32_768L,
            Sysctl.THREADS_MAX, 192_729L, Sysctl.NEIGH4_GC_THRESH3, 1024L);

    private static DesiredState state(String containers) {
        return DesiredStateReader.read("apiVersion: rootfleet/v1\ncontainers:\n" + containers, "t.yml");
    }

    private static String apache(int count) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            yaml.append("  - {name: app-").append(i).append(", services: [apache2.service], limits: {pids: 1100},"
                    + " network: {bridge: br0}}\n");
        }
        return yaml.toString();
    }

    @Test
    void needs_countSystemdContainersTheirServicesAndTheHostsShare() {
        FleetShape fleet = FleetShape.of(state(apache(20) + "  - {name: plain, init: [/bin/sleep, infinity]}\n").containers());

        assertThat(fleet).isEqualTo(new FleetShape(20, 20, 1, 20, 20 * 1100 + 32, 1));
        Map<Sysctl, Long> needs = new TreeMap<>();
        CapacityModel.needs(fleet).forEach(n -> needs.put(n.sysctl(), n.value()));
        assertThat(needs).containsExactlyInAnyOrderEntriesOf(Map.of(
                Sysctl.INOTIFY_INSTANCES, 16L + 20 * 8,
                Sysctl.INOTIFY_WATCHES, 8192L + 20 * 64 + 20 * 16,
                Sysctl.PID_MAX, 2048L + 22_032,
                Sysctl.THREADS_MAX, 2048L + 22_032,
                Sysctl.NEIGH4_GC_THRESH3, 256L + 20));
    }

    @Test
    void warnings_nameTheSysctlTheValueNeededAndTheCommand_forTwentySystemdContainersOnDebiansDefaults() {
        List<String> lines = CapacityCheck.warnings(FleetShape.of(state(apache(20)).containers()), DEBIAN_DEFAULTS);

        assertThat(lines).containsExactly("capacity: fs.inotify.max_user_instances is 128; the 20 containers that will"
                + " boot systemd here need 176 (8 each, 16 for the host's own services); past about 14 of"
                + " them systemd comes up degraded (\"Too many open files\") or does not start at all (\"Failed to"
                + " allocate manager object\"). Raise it:"
                + " sysctl -w fs.inotify.max_user_instances=176 (rootfleet-agent tune writes production values that last"
                + " across reboots)");
    }

    @Test
    void warnings_noneForAFewContainers() {
        assertThat(CapacityCheck.warnings(FleetShape.of(state(apache(14)).containers()), DEBIAN_DEFAULTS)).isEmpty();
        assertThat(CapacityCheck.warnings(FleetShape.EMPTY, DEBIAN_DEFAULTS)).isEmpty();
    }

    @Test
    void warnings_pidMaxFromTheContainersPidsLimits_andTheKernelsMaximumIsCalledImpossible() {
        String many = "  - {name: big-1, init: [/bin/sleep, infinity], limits: {pids: 3000000}}\n"
                + "  - {name: big-2, init: [/bin/sleep, infinity], limits: {pids: 3000000}}\n";
        List<String> lines = CapacityCheck.warnings(FleetShape.of(state(many).containers()), DEBIAN_DEFAULTS);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("capacity: kernel.pid_max is 32768; the 2 containers that will run here need"
                + " 6002048 (their limits.pids, 2048 for the host)")
                .endsWith("The kernel allows at most 4194304: put fewer containers on this host or give them lower limits.pids");
    }

    @Test
    void warnings_skipLimitsTheHostDoesNotHave() {
        assertThat(CapacityCheck.warnings(FleetShape.of(state(apache(100)).containers()), Map.of())).isEmpty();
    }

    @Test
    void afterApply_countsStartedDesiredContainers_andRunningUnlistedOnesUnlessPruned() {
        DesiredState desired = state("  - {name: a, services: [apache2.service]}\n  - {name: b, state: stopped}\n");
        ContainerSpec unlisted = ContainerSpec.of(new ContainerName("old"), io.rootfleet.model.ContainerState.STARTED);
        ContainerSpec stoppedUnlisted = ContainerSpec.of(new ContainerName("off"), io.rootfleet.model.ContainerState.STARTED);
        Map<ContainerName, ObservedContainer> observed = Map.of(
                unlisted.name(), new ObservedContainer(unlisted.name(), true, Optional.of(unlisted), Run.runningWithPid(42)),
                stoppedUnlisted.name(), new ObservedContainer(stoppedUnlisted.name(), true, Optional.of(stoppedUnlisted), Run.STOPPED));

        assertThat(FleetShape.afterApply(desired, observed, false).systemd()).isEqualTo(2);
        assertThat(FleetShape.afterApply(desired, observed, true).systemd()).isEqualTo(1);
    }

    @Test
    void fitting_isHowManyOfTheContainersTheCurrentValueHolds() {
        Need need = CapacityModel.needs(new FleetShape(20, 0, 0, 0, 0, 0)).get(0);
        assertThat(need.value()).isEqualTo(176);
        assertThat(need.fitting(128)).isEqualTo(14);
        assertThat(need.fitting(10)).isZero();
    }
}
