package io.rootfleet.agent.hook;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.model.AbsolutePath;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentProcessTest {

    @Test
    void theHooksOwnRuns_areMarkedForTheAuditLog_withAFixedEnvironment() {
        ProcessBuilder builder = new AgentProcess(new AbsolutePath("/usr/local/bin/rootfleet-agent"), new AgentHome(Path.of("/tmp/h")))
                .command(List.of("restart", "--stale", "--json"));
        assertThat(builder.environment()).containsEntry("ROOTFLEET_VIA", "hook").containsEntry("LC_ALL", "C.UTF-8")
                .doesNotContainKeys("HOME", "DPKG_MAINTSCRIPT_PACKAGE", "APT_HOOK_INFO_FD");
        assertThat(builder.environment().keySet())
                .isSubsetOf("PATH", "LC_ALL", "ROOTFLEET_VIA", "ROOTFLEET_HOMES_REGISTRY", "ROOTFLEET_NO_BUILD");
        // the agent's own settings go on: the build's tests point ROOTFLEET_HOMES_REGISTRY away from /etc
        assertThat(builder.environment().get("ROOTFLEET_HOMES_REGISTRY")).isEqualTo(System.getenv("ROOTFLEET_HOMES_REGISTRY"));
        assertThat(builder.command()).containsExactly("/usr/local/bin/rootfleet-agent", "--home", "/tmp/h", "restart", "--stale", "--json");
    }
}
