package io.rootfleet.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The agent builds picocli's model of the one subcommand it runs; help and mistakes still see them all. */
class AgentCommandTreeTest {
    @Test
    void aNamedSubcommand_isTheOnlyOneBuilt_afterTheTopLevelOptions() {
        assertThat(AgentCli.commandLine(new String[] {"--home", "/tmp/x", "status", "--json"}).getSubcommands())
                .containsOnlyKeys("status");
        assertThat(AgentCli.commandLine(new String[] {"--home=/tmp/apply", "hook", "install"}).getSubcommands())
                .containsOnlyKeys("hook");
    }

    @Test
    void helpNoSubcommandOrAMistake_buildTheWholeTree() {
        int all = AgentCli.commandLine().getSubcommands().size();
        assertThat(all).isGreaterThan(10);
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "status"}, {"stauts"}, {"--home"}}) {
            assertThat(AgentCli.commandLine(args).getSubcommands()).as(String.join(" ", args)).hasSize(all);
        }
    }

    @Test
    void helpForASubcommand_stillWorks() {
        StringWriter out = new StringWriter();
        int exit = AgentCli.run(new String[] {"help", "status"}, new PrintWriter(out, true), new PrintWriter(new StringWriter()));
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Usage: rootfleet-agent status");
    }
}
