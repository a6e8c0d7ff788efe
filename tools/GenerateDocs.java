import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Build step (run by each CLI module's pom after packaging, with its jar on the class path): the bash completion
 * script and one man page per command and subcommand, all from the picocli definitions the CLI itself runs, so
 * help, completion and man pages never disagree.
 *
 * <pre>java -cp JAR tools/GenerateDocs.java MAIN-CLASS COMMAND-NAME OUTPUT-DIR</pre>
 *
 * writes OUTPUT-DIR/completion/COMMAND-NAME and OUTPUT-DIR/man/COMMAND-NAME[-SUBCOMMAND...].1
 */
public final class GenerateDocs {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: GenerateDocs MAIN-CLASS COMMAND-NAME OUTPUT-DIR");
        }
        CommandLine cli = commandLine(Class.forName(args[0]));
        cli.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        cli.setUsageHelpWidth(80);
        Path out = Path.of(args[2]);
        write(out.resolve("completion").resolve(args[1]), AutoComplete.bash(args[1], cli));
        String version = String.join(" ", cli.getCommandSpec().version());
        manPages(cli, out.resolve("man"), version.isBlank() ? args[1] : version);
    }

    /** The main class's whole command tree: its {@code commandLine()} where it builds the tree itself, else its annotations. */
    private static CommandLine commandLine(Class<?> main) throws ReflectiveOperationException {
        try {
            return (CommandLine) main.getMethod("commandLine").invoke(null);
        } catch (NoSuchMethodException e) {
            return new CommandLine(main, CommandLine.defaultFactory());
        }
    }

    private static void manPages(CommandLine cli, Path dir, String version) throws IOException {
        CommandSpec spec = cli.getCommandSpec();
        if (spec.usageMessage().hidden()) {
            return;
        }
        String page = spec.qualifiedName("-");
        write(dir.resolve(page + ".1"), render(cli, page, version));
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (sub.getCommandName().equals(sub.getCommandSpec().name()) && !sub.getCommandName().equals("help")) {
                manPages(sub, dir, version);
            }
        }
    }

    /** A man page whose sections are the command's own --help text. */
    static String render(CommandLine cli, String page, String version) {
        Help help = cli.getHelp();
        String description = help.description().strip();
        String summary = description.isEmpty() ? page : description.split("(?<=\\.)\\s", 2)[0];
        StringBuilder man = new StringBuilder()
                .append(".TH \"").append(page.toUpperCase()).append("\" 1 \"\" \"").append(version).append("\" \"rootfleet manual\"\n")
                .append(".SH NAME\n").append(escape(page + " - " + summary.replace("\n", " "))).append('\n')
                .append(".SH SYNOPSIS\n").append(preformatted(help.synopsis(0)));
        if (!description.isEmpty()) {
            man.append(".SH DESCRIPTION\n").append(preformatted(help.description()));
        }
        String options = help.parameterList() + help.optionList();
        if (!options.isBlank()) {
            man.append(".SH OPTIONS\n").append(preformatted(options));
        }
        if (!cli.getSubcommands().isEmpty()) {
            man.append(".SH COMMANDS\n").append(preformatted(help.commandList()));
            List<String> seeAlso = cli.getSubcommands().values().stream()
                    .filter(sub -> !sub.getCommandName().equals("help"))
                    .map(sub -> "\\fB" + sub.getCommandSpec().qualifiedName("-") + "\\fR(1)").distinct().toList();
            man.append(".SH SEE ALSO\n").append(String.join(", ", seeAlso)).append('\n');
        }
        String footer = help.footer().strip();
        if (!footer.isEmpty()) {
            man.append(".SH NOTES\n").append(preformatted(footer));
        }
        return man.toString();
    }

    private static String preformatted(String text) {
        StringBuilder block = new StringBuilder(".nf\n");
        text.stripTrailing().lines().forEach(line -> block.append(escape(line)).append('\n'));
        return block.append(".fi\n").toString();
    }

    /** Backslashes and a leading '.' or '\'' mean something to troff. */
    private static String escape(String line) {
        String text = line.replace("\\", "\\e").replace("-", "\\-");
        return text.startsWith(".") || text.startsWith("'") ? "\\&" + text : text;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
