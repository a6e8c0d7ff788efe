package io.rootfleet.controller.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandResultTest {
    private static final List<String> AGENT =
            List.of("/usr/local/bin/rootfleet-agent", "--home", "/var/lib/rootfleet", "apply", "--json", "-");

    @Test
    void requireSuccess_returnsASuccessfulResult() {
        CommandResult ok = new CommandResult(AGENT, "root@h:22", 0, "{\"a\":1}\n{\"b\":2}\n", "");

        assertThat(ok.requireSuccess()).isSameAs(ok);
        assertThat(ok.stdoutLines()).containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void requireSuccess_namesCommandHostStatusAndStderr() {
        CommandResult failed = new CommandResult(AGENT, "root@h:22", 2, "", "invalid desired state\n");

        assertThatThrownBy(failed::requireSuccess)
                .isInstanceOf(CommandFailedException.class)
                .hasMessage("command /usr/local/bin/rootfleet-agent --home /var/lib/rootfleet apply --json - failed on"
                        + " root@h:22 with exit status 2; stderr: invalid desired state")
                .extracting(e -> ((CommandFailedException) e).result())
                .isSameAs(failed);
        assertThatThrownBy(new CommandResult(List.of("false"), "root@h:22", 1, "", "")::requireSuccess)
                .hasMessage("command false failed on root@h:22 with exit status 1; it wrote nothing to stderr");
    }
}
