package io.rootfleet.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each command's --help lists its own exit codes, not apply's copied word for word. */
class ExitCodeHelpTest {

    private static String exitCodes(String command) {
        StringWriter out = new StringWriter();
        AgentCli.run(new String[] {command, "--help"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        String help = out.toString();
        return help.substring(help.indexOf("Exit codes:"));
    }

    @Test
    void statusExecReconcileAndApply_eachSayWhatTheirCodesMean() {
        List<String> commands = List.of("apply", "status", "exec", "reconcile");
        Set<String> lists = new HashSet<>();
        commands.forEach(c -> lists.add(exitCodes(c)));
        assertThat(lists).hasSize(commands.size());
        assertThat(exitCodes("exec")).contains("CMD", "its own exit code");
        assertThat(exitCodes("status")).contains("listed (whatever state the containers are in)")
                .doesNotContain("another rootfleet-agent holds the host lock");
        assertThat(exitCodes("reconcile")).contains("every autostart container started and healthy");
    }
}
