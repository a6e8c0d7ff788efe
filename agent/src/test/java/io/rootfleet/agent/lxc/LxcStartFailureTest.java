package io.rootfleet.agent.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.sys.ProcessResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class LxcStartFailureTest {
    /** What LXC 5.0 wrote for a start whose bridge does not exist (measured). */
    private static final String MISSING_BRIDGE = """
            lxc-start c1 20261127064731.217 WARN     cgfsng - ../src/lxc/cgroups/cgfsng.c:cgfsng_setup_limits:3232 - Invalid argument - Ignoring cgroup2 limits on legacy cgroup system
            lxc-start c1 20261127064731.227 ERROR    network - ../src/lxc/network.c:netdev_configure_server_veth:711 - No such file or directory - Failed to attach "vethts3dx9" to bridge "rwnobr0", bridge interface doesn't exist
            lxc-start c1 20261127064731.245 ERROR    network - ../src/lxc/network.c:lxc_create_network_priv:3427 - No such file or directory - Failed to create network device
            lxc-start c1 20261127064731.245 ERROR    start - ../src/lxc/start.c:lxc_spawn:1840 - Failed to create the network
            lxc-start c1 20261127064731.245 ERROR    lxccontainer - ../src/lxc/lxccontainer.c:wait_on_daemonized_start:878 - Received container state "ABORTING" instead of "RUNNING"
            lxc-start c1 20261127064731.251 ERROR    start - ../src/lxc/start.c:__lxc_start:2107 - Failed to spawn container "c1"
            """;

    @Test
    void reasons_areTheFirstSpecificErrors_notAborting() {
        assertThat(LxcStartFailure.reasons(MISSING_BRIDGE)).containsExactly(
                "No such file or directory - Failed to attach \"vethts3dx9\" to bridge \"rwnobr0\", bridge interface doesn't exist",
                "No such file or directory - Failed to create network device");
    }

    @Test
    void message_namesTheContainerTheReasonAndTheLog_orFallsBackToLxcStartsOwnWords() {
        ProcessResult failed = new ProcessResult(List.of("lxc-start"), 1, "",
                "lxc-start: c1: main: 306 The container failed to start\nlxc-start: c1: main: 311 Additional information\n");
        assertThat(LxcStartFailure.of("c1", failed, MISSING_BRIDGE, "/x/lxc.log").getMessage())
                .startsWith("lxc-start could not start c1: No such file or directory - Failed to attach")
                .contains("bridge interface doesn't exist")
                .endsWith("(LXC's log: /x/lxc.log)")
                .doesNotContain("ABORTING");
        assertThat(LxcStartFailure.of("c1", failed, "", "/x/lxc.log").getMessage())
                .isEqualTo("lxc-start could not start c1 (exit 1): lxc-start: c1: main: 306 The container failed to start; see /x/lxc.log");
    }
}
