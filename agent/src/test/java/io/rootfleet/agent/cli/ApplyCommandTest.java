package io.rootfleet.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.model.ExitStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is refused before the agent touches the host: exit 2, a located message, no home created. */
class ApplyCommandTest {
    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {}

    private Run apply(String yaml) throws Exception {
        Path file = tmp.resolve("state.yml");
        Files.writeString(file, yaml);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = AgentCli.run(new String[] {"--home", tmp.resolve("home").toString(), "apply", file.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void invalidName_exit2_withFileLineAndNothingChanged() throws Exception {
        Run run = apply("apiVersion: rootfleet/v1\ncontainers:\n  - name: Web_1\n");
        assertThat(run.exit()).isEqualTo(ExitStatus.INVALID_INPUT.code());
        assertThat(run.err()).contains(tmp.resolve("state.yml") + ":3:11: containers[0].name: container name 'Web_1' is not valid")
                .contains("nothing was changed");
        assertThat(tmp.resolve("home")).doesNotExist();
    }

    @Test
    void duplicateKeyAndUnknownField_bothReported() throws Exception {
        Run run = apply("apiVersion: rootfleet/v1\ncontainers:\n  - name: a\n    name: b\n    colour: red\n");
        assertThat(run.exit()).isEqualTo(ExitStatus.INVALID_INPUT.code());
        assertThat(run.err()).contains(":4:5: containers[0].name: duplicate key").contains(":5:5: containers[0].colour: unknown field")
                .contains("2 problem(s)");
        assertThat(tmp.resolve("home")).doesNotExist();
    }

    @Test
    void missingFile_exit2() {
        StringWriter err = new StringWriter();
        int exit = AgentCli.run(new String[] {"apply", tmp.resolve("nope.yml").toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));
        assertThat(exit).isEqualTo(ExitStatus.INVALID_INPUT.code());
        assertThat(err.toString()).contains("nope.yml: no such file");
    }

    @Test
    void unknownOption_exit2() {
        StringWriter err = new StringWriter();
        int exit = AgentCli.run(new String[] {"apply", "--frobnicate", "x"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));
        assertThat(exit).isEqualTo(ExitStatus.INVALID_INPUT.code());
        assertThat(err.toString()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void badRolloutOptions_exit2_beforeAnythingIsTouched() throws Exception {
        Path file = tmp.resolve("state.yml");
        Files.writeString(file, "apiVersion: rootfleet/v1\ncontainers: []\n");
        StringWriter err = new StringWriter();
        int exit = AgentCli.run(new String[] {"--home", tmp.resolve("home").toString(), "apply", "--max-fail", "0",
                file.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertThat(exit).isEqualTo(ExitStatus.INVALID_INPUT.code());
        assertThat(err.toString()).contains("batch size 0 is not at least 1");
        assertThat(tmp.resolve("home")).doesNotExist();
    }

    @Test
    void help_namesTheRolloutOptions() {
        StringWriter out = new StringWriter();
        AgentCli.run(new String[] {"apply", "--help"}, new PrintWriter(out, true), new PrintWriter(new StringWriter()));
        assertThat(out.toString()).contains("--batch=N|P%").contains("(default: 25%, as restart)")
                .contains("--max-fail=N|P%").contains("(or P% of the running").contains("(default: 1: the first failure");
    }
}
