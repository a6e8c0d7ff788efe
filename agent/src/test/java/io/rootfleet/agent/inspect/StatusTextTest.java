package io.rootfleet.agent.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.model.report.ContainerStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code status} for people: the HEALTH column says what the last health check said, "-" when nothing does; a
 * privileged container gets a loud line under the table.
 */
class StatusTextTest {

    private static List<String> print(ContainerStatus... containers) {
        StringWriter text = new StringWriter();
        StatusText.print(new HostStatus(List.of(containers)), Path.of("/var/lib/rootfleet"), new PrintWriter(text, true));
        return text.toString().lines().map(String::stripTrailing).toList();
    }

    @Test
    void print_healthColumn_healthyUnhealthyStartingOrDash() {
        assertThat(print(
                new ContainerStatus("web-1", "started", "RUNNING", 4242, 16384, true, null, false, List.of(), null, "healthy", null, null),
                new ContainerStatus("web-2", "started", "RUNNING", 4243, 16384, true, null, false, List.of(), null, "unhealthy", null, null),
                new ContainerStatus("web-3", "started", "RUNNING", 4244, 16384, true, null, false, List.of(), null, "starting", null, null),
                new ContainerStatus("db", "stopped", "STOPPED", null, 4096, false, "should be running", null, List.of(), null, "-", null, null),
                new ContainerStatus("old", "unlisted", "RUNNING", 4245, 0, false, "not in the desired state", null, null, null, null, null, null)))
                .containsExactly(
                        "NAME                     DESIRED   STATE    HEALTH         PID  OWN-LAYER  STALE  IN-SYNC",
                        "web-1                    started   RUNNING  healthy       4242        16K  no     yes",
                        "web-2                    started   RUNNING  unhealthy     4243        16K  no     yes",
                        "web-3                    started   RUNNING  starting      4244        16K  no     yes",
                        "db                       stopped   STOPPED  -                -       4.0K  -      no: should be running",
                        "old                      unlisted  RUNNING  -             4245         0B  -      no: not in the desired state");
    }

    @Test
    void print_noContainers_namesTheHome() {
        assertThat(print()).containsExactly("No containers managed in /var/lib/rootfleet.");
    }

    @Test
    void print_aPrivilegedContainer_getsALineSayingItsRootIsTheHostsRoot() {
        assertThat(print(
                new ContainerStatus("legacy", "started", "RUNNING", 42, 4096, true, null, false, List.of(), true, null, null, null),
                new ContainerStatus("web-1", "started", "RUNNING", 43, 4096, true, null, false, List.of(), false, null, null, null),
                new ContainerStatus("old", "started", "RUNNING", 44, 4096, true, null, false, List.of(), null, null, null, null))
                .stream().filter(l -> l.contains("PRIVILEGED")).toList()).containsExactly(
                "PRIVILEGED: legacy runs as the host's root (privileged: true): nothing separates its root from this host's");
    }
}
