package io.rootfleet.controller.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellQuotingTest {
    private static final List<String> HOSTILE = List.of(
            "plain",
            "two words",
            "it's",
            "''",
            "\"double\"",
            "$HOME",
            "${PATH:-x}",
            "`id`",
            "$(id)",
            "line one\nline two",
            "",
            " ",
            "*",
            "~",
            "a;b|c&d>e<f",
            "back\\slash",
            "tab\there",
            "-n",
            "--",
            "FOO=bar",
            "!event",
            "héllo ✓");

    @Test
    void quote_wrapsInSingleQuotesAndEscapesSingleQuotes() {
        assertThat(ShellQuoting.quote("plain")).isEqualTo("'plain'");
        assertThat(ShellQuoting.quote("")).isEqualTo("''");
        assertThat(ShellQuoting.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(ShellQuoting.quote("$HOME `id`")).isEqualTo("'$HOME `id`'");
        assertThat(ShellQuoting.quote("a\nb")).isEqualTo("'a\nb'");
    }

    @Test
    void command_survivesARealPosixShellIntact() {
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(HOSTILE);

        String output = LocalCommand.run(List.of("/bin/sh", "-c", ShellQuoting.command(argv)));

        List<String> words = new ArrayList<>(Arrays.asList(output.split("\0", -1)));
        assertThat(words.remove(words.size() - 1)).isEmpty(); // printf ends the last word with NUL too
        assertThat(words).containsExactlyElementsOf(HOSTILE);
    }

    @Test
    void command_firstWordIsNeverAnAssignment() {
        String output = LocalCommand.run(List.of("/bin/sh", "-c", ShellQuoting.command(List.of("FOO=bar")) + "; true"));

        assertThat(output).contains("FOO=bar: not found");
    }

    @Test
    void command_refusesEmptyArgvAndNul() {
        assertThatThrownBy(() -> ShellQuoting.command(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a command needs at least one word (the program to run)");
        assertThatThrownBy(() -> ShellQuoting.command(List.of("echo", "a\0b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a command word cannot contain a NUL character: a\\0b");
    }

    @Test
    void display_quotesOnlyWordsThatNeedIt() {
        List<String> agent = List.of("/usr/local/bin/rootfleet-agent", "--home", "/var/lib/rf", "apply", "-");

        assertThat(ShellQuoting.display(agent)).isEqualTo("/usr/local/bin/rootfleet-agent --home /var/lib/rf apply -");
        assertThat(ShellQuoting.display(List.of("sh", "-c", "echo $HOME", "", "FOO=bar")))
                .isEqualTo("sh -c 'echo $HOME' '' 'FOO=bar'");
    }
}
