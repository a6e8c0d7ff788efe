package io.rootfleet.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.model.ExitStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad arguments are refused before the agent touches the host: exit 2, a message that says what to do. */
class RestartCommandTest {
    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {}

    private Run restart(String... args) {
        List<String> argv = new ArrayList<>(List.of("--home", tmp.resolve("home").toString(), "restart"));
        argv.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = AgentCli.run(argv.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(tmp.resolve("home")).doesNotExist();
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void neitherNamesNorStale_exit2() {
        Run run = restart();
        assertThat(run.exit()).isEqualTo(ExitStatus.INVALID_INPUT.code());
        assertThat(run.err()).contains("restart: name the containers to restart, or give --stale");
    }

    @Test
    void namesAndStale_exit2() {
        Run run = restart("--stale", "web-1");
        assertThat(run.exit()).isEqualTo(ExitStatus.INVALID_INPUT.code());
        assertThat(run.err()).contains("restart: give either --stale or container names, not both");
    }

    @Test
    void badBatchSize_exit2() {
        Run run = restart("--batch", "0%", "web-1");
        assertThat(run.exit()).isEqualTo(ExitStatus.INVALID_INPUT.code());
        assertThat(run.err()).contains("batch size 0% is not between 1% and 100%");
        assertThat(restart("--batch", "lots", "web-1").err()).contains("'lots' is not a batch size");
    }

    @Test
    void badMaxFailAndName_bothReported() {
        Run run = restart("--max-fail", "0", "Web_1");
        assertThat(run.exit()).isEqualTo(ExitStatus.INVALID_INPUT.code());
        assertThat(run.err()).contains("--max-fail: --max-fail must be at least 1")
                .contains("NAME: container name 'Web_1' is not valid").contains("2 problem(s)");
    }

    @Test
    void jsonErrors_areAJsonLineToo() {
        Run run = restart("--json");
        assertThat(run.exit()).isEqualTo(ExitStatus.INVALID_INPUT.code());
        assertThat(run.out()).startsWith("{\"event\":\"error\"").contains("\"exitCode\":2");
    }
}
