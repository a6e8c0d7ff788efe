package io.rootfleet.controller.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bash completion scripts and man pages the build generates from the picocli definitions (tools/GenerateDocs.java),
 * as bin/install-docs and bootstrap install them: a real bash with the script sourced completes the subcommands.
 */
class ShellCompletionIT {
    private static final Path CONTROLLER_DOCS = Checkout.dir().resolve("controller/target/generated-docs");
    private static final Path AGENT_DOCS = Checkout.dir().resolve("agent/target/generated-docs");

    @Test
    void completion_offersTheSubcommandsAndOptions() {
        assertThat(complete(CONTROLLER_DOCS, "rootfleet", ""))
                .contains("apply", "status", "patch", "exec", "bootstrap", "teardown");
        assertThat(complete(CONTROLLER_DOCS, "rootfleet", "ap")).containsExactly("apply");
        assertThat(complete(CONTROLLER_DOCS, "rootfleet", "apply", "--pr")).containsExactly("--prune");
        assertThat(complete(AGENT_DOCS, "rootfleet-agent", ""))
                .contains("apply", "status", "stale", "exec", "restart", "reconcile", "hook", "boot", "teardown");
        assertThat(complete(AGENT_DOCS, "rootfleet-agent", "hook", "")).contains("install", "uninstall", "status");
    }

    @Test
    void manPages_existForEveryCommand() throws IOException {
        for (String page : List.of("rootfleet", "rootfleet-apply", "rootfleet-exec", "rootfleet-teardown")) {
            assertThat(Files.readString(CONTROLLER_DOCS.resolve("man/" + page + ".1"))).as(page)
                    .startsWith(".TH \"" + page.toUpperCase() + "\" 1").contains(".SH SYNOPSIS", ".SH OPTIONS");
        }
        for (String page : List.of("rootfleet-agent", "rootfleet-agent-apply", "rootfleet-agent-hook-install",
                "rootfleet-agent-teardown")) {
            assertThat(Files.readString(AGENT_DOCS.resolve("man/" + page + ".1"))).as(page)
                    .startsWith(".TH \"" + page.toUpperCase() + "\" 1").contains(".SH SYNOPSIS");
        }
    }

    /** What bash offers for the last of {@code words} after {@code command}, with the generated script sourced. */
    private static List<String> complete(Path docs, String command, String... words) {
        String script = """
                source "$1"; shift
                COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
                "$(complete -p "$1" | sed 's/.*-F \\([^ ]*\\) .*/\\1/')" "$1" "${COMP_WORDS[COMP_CWORD]}"
                printf '%s\\n' "${COMPREPLY[@]}"
                """;
        List<String> argv = new ArrayList<>(List.of("bash", "-c", script, "bash", docs.resolve("completion/" + command).toString(),
                command));
        argv.addAll(List.of(words));
        Processes.Result result = Processes.run(argv, Duration.ofSeconds(30));
        assertThat(result.exit()).as(result.stderr()).isZero();
        return result.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
