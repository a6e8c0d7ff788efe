package io.rootfleet.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code rootfleet exec --help}: the command's own exit code passes through; the listed codes are for when it could not run. */
class ExecHelpTest {

    @Test
    void help_saysTheCommandsOwnCodePassesThrough() {
        StringWriter out = new StringWriter();
        RootfleetCli.run(new String[] {"exec", "--help"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(out.toString()).contains("CMD").contains("once the command ran: its own exit code, whatever it is")
                .contains("the host was unreachable")
                .doesNotContain("some host failed");
    }
}
