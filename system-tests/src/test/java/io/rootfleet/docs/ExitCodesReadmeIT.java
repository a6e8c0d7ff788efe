package io.rootfleet.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.cli.AgentCli;
import io.rootfleet.controller.cli.RootfleetCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The README's exit-code section is drawn from the commands' own {@code --help} (which renders each command's
 * {@code ExitStatus} meanings), so README, help and behaviour cannot drift apart. Commands with the same list
 * share one entry.
 */
class ExitCodesReadmeIT {
    private static final Path CHECKOUT = Path.of(System.getProperty("rootfleet.checkout", "..")).toAbsolutePath().normalize();
    private static final String BEGIN = "<!-- exit codes: drawn from each command's --help by ExitCodesReadmeIT -->";
    private static final Pattern CODE_LINE = Pattern.compile("^\\s+(\\d+|CMD)\\s{2,}(.*)$");

    @Test
    void theReadmeListsEveryCommandsExitCodes() throws IOException {
        String expected = BEGIN + "\n```text\n" + drawn() + "```";
        String readme = Files.readString(CHECKOUT.resolve("README.md"));
        Matcher shown = Pattern.compile(Pattern.quote(BEGIN) + "\n```text\n.*?```", Pattern.DOTALL).matcher(readme);
        assertThat(shown.find()).as("README.md has the exit codes block starting with " + BEGIN).isTrue();
        if (Boolean.getBoolean("rootfleet.updateReadme") && !shown.group().equals(expected)) {
            Files.writeString(CHECKOUT.resolve("README.md"), readme.replace(shown.group(), expected));
            return;
        }
        assertThat(shown.group()).as("README.md's exit codes; run this test with -Drootfleet.updateReadme=true to redraw them")
                .isEqualTo(expected);
    }

    @Test
    void everyCommandListsItsExitCodes() {
        assertThat(codesByCommand()).allSatisfy((command, codes) -> assertThat(codes).as(command).containsAnyOf("  0  ", "  CMD"));
    }

    private static String drawn() {
        Map<String, List<String>> commandsByCodes = new LinkedHashMap<>();
        codesByCommand().forEach((command, codes) -> commandsByCodes.computeIfAbsent(codes, c -> new ArrayList<>()).add(command));
        StringBuilder text = new StringBuilder();
        commandsByCodes.forEach((codes, commands) -> text.append(String.join(", ", commands)).append('\n').append(codes));
        return text.toString();
    }

    /** "rootfleet apply" -> its exit code lines as --help prints them, in command order. */
    private static Map<String, String> codesByCommand() {
        Map<String, String> codes = new LinkedHashMap<>();
        collect("rootfleet", new CommandLine(RootfleetCli.class, CommandLine.defaultFactory()), List.of(),
                (args, out) -> RootfleetCli.run(args, out, new PrintWriter(new StringWriter())), codes);
        collect("rootfleet-agent", AgentCli.commandLine(), List.of(),
                (args, out) -> AgentCli.run(args, out, new PrintWriter(new StringWriter())), codes);
        return codes;
    }

    private static void collect(String program, CommandLine command, List<String> path,
            BiFunction<String[], PrintWriter, Integer> run, Map<String, String> codes) {
        if (!command.getSubcommands().isEmpty()) {
            command.getSubcommands().forEach((name, sub) -> {
                if (!name.equals("help") && sub.getCommandSpec().name().equals(name) && !sub.getCommandSpec().usageMessage().hidden()) {
                    List<String> deeper = new ArrayList<>(path);
                    deeper.add(name);
                    collect(program, sub, deeper, run, codes);
                }
            });
            return;
        }
        StringWriter help = new StringWriter();
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        run.apply(args.toArray(String[]::new), new PrintWriter(help, true));
        // each code's meaning, its lines as help wraps them joined into one
        Map<String, String> meanings = new LinkedHashMap<>();
        String last = null;
        boolean inCodes = false;
        for (String line : help.toString().split("\n")) {
            if (line.startsWith("Exit codes")) {
                inCodes = true;
                continue;
            }
            Matcher code = CODE_LINE.matcher(line);
            if (inCodes && code.matches()) {
                last = code.group(1);
                meanings.put(last, code.group(2).strip());
            } else if (inCodes && last != null && line.startsWith(" ") && !line.isBlank()) {
                meanings.merge(last, line.strip(), (meaning, more) -> meaning + " " + more);
            } else if (inCodes && !line.isBlank()) {
                break;
            }
        }
        StringBuilder lines = new StringBuilder();
        meanings.forEach((code, meaning) -> lines.append(String.format("  %-3s  %s%n", code, meaning)));
        codes.put(program + " " + String.join(" ", path), lines.toString());
    }
}
