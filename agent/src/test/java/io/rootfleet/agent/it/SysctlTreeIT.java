package io.rootfleet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.capacity.Sysctl;
import io.rootfleet.agent.capacity.SysctlTree;
import io.rootfleet.agent.sys.CommonsExecRunner;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads (only reads) the running kernel's parameters, as sysctl(8) shows them. */
class SysctlTreeIT {

    @Test
    void read_givesTheWholeNumber_asSysctlShowsIt() {
        SysctlTree kernel = new SysctlTree(SysctlTree.PROC_SYS);
        for (Sysctl sysctl : List.of(Sysctl.PID_MAX, Sysctl.INOTIFY_INSTANCES, Sysctl.INOTIFY_WATCHES)) {
            String shown = new CommonsExecRunner().run(List.of("sysctl", "-n", sysctl.key()), Duration.ofSeconds(10))
                    .stdout().strip();
            assertThat(kernel.read(sysctl)).as(sysctl.key()).contains(Long.parseLong(shown));
        }
        assertThat(kernel.read(new Sysctl("kernel.no_such_parameter"))).isEmpty();
    }
}
