package io.rootfleet.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Row c of the threat model: a carriage return in an env value would be a line break to LXC and add a
 * config line of the attacker's choosing (measured: host /root mounted read-write). apply refuses it.
 */
class ConfigInjectionApplyTest {
    @TempDir
    Path tmp;

    @Test
    void carriageReturnInEnv_exit2_locatedAndNothingWritten() throws Exception {
        Path file = tmp.resolve("state.yml");
        Files.writeString(file, "apiVersion: rootfleet/v1\ncontainers:\n  - name: a\n"
                + "    env: {A: \"x\\rlxc.mount.entry = /root mnt none bind,create=dir 0 0\"}\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = AgentCli.run(new String[] {"--home", tmp.resolve("home").toString(), "apply", file.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(file + ":3:5: containers[0]: environment variable A contains a control"
                + " character");
        assertThat(tmp.resolve("home")).doesNotExist();
    }
}
