package io.rootfleet.agent.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.model.report.ContainerStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code status} says loudly which containers are privileged, under the table. */
class StatusTextTest {

    @Test
    void print_aPrivilegedContainer_getsALineSayingItsRootIsTheHostsRoot() {
        StringWriter text = new StringWriter();
        StatusText.print(new HostStatus(List.of(
                new ContainerStatus("legacy", "started", "RUNNING", 42, 4096, true, null, false, List.of(), true),
                new ContainerStatus("web-1", "started", "RUNNING", 43, 4096, true, null, false, List.of(), false),
                new ContainerStatus("old", "started", "RUNNING", 44, 4096, true, null, false, List.of(), null))),
                Path.of("/var/lib/rootfleet"), new PrintWriter(text, true));

        assertThat(text.toString().lines().filter(l -> l.contains("PRIVILEGED")).toList()).containsExactly(
                "PRIVILEGED: legacy runs as the host's root (privileged: true): nothing separates its root from this host's");
    }
}
