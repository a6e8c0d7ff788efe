package io.rootfleet.model.yaml;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML syntax error in words a person can act on, at the line to fix. SnakeYAML reports where it gave up,
 * which for an unclosed {@code [} is the next line or the end of the file, in its parser's terms ("expected
 * &lt;block end&gt;, but found ..."); the errors people make most are named here, anything else keeps the
 * parser's own text.
 */
final class YamlSyntaxError {
    private YamlSyntaxError() {}

    static InvalidInputException of(String source, MarkedYAMLException e) {
        String context = e.getContext() == null ? "" : e.getContext();
        String problem = e.getProblem() == null ? "" : e.getProblem();
        Mark opened = e.getContextMark();
        Mark at = e.getProblemMark() != null ? e.getProblemMark() : opened;
        if (opened != null && context.startsWith("while parsing a flow sequence") && problem.startsWith("expected ','")) {
            return error(source, opened, "this '[' is not closed; add the ']' at the end of the list (items are"
                    + " separated by ', ')");
        }
        if (opened != null && context.startsWith("while parsing a flow mapping") && problem.startsWith("expected ','")) {
            return error(source, opened, "this '{' is not closed; add the '}' at the end of the mapping (entries are"
                    + " separated by ', ')");
        }
        if (opened != null && context.startsWith("while scanning a quoted scalar") && problem.startsWith("found unexpected")) {
            return error(source, opened, "this quoted text is not closed; add the closing quote");
        }
        if (at != null && problem.startsWith("expected <block end>, but found ']'")) {
            return error(source, at, "a ']' that closes no '['; remove it");
        }
        if (at != null && problem.startsWith("expected <block end>, but found '}'")) {
            return error(source, at, "a '}' that closes no '{'; remove it");
        }
        if (at != null && problem.startsWith("expected <block end>")) {
            return error(source, at, "this line does not line up with the lines before it; check the indentation"
                    + " of line " + line(at));
        }
        if (at != null && problem.startsWith("mapping values are not allowed here")) {
            return error(source, at, "a 'key: value' where none can start; check the indentation of line " + line(at)
                    + ", or put the value in quotes if it contains ': '");
        }
        if (at != null && problem.contains("'\\t(TAB)' that cannot start any token")) {
            return error(source, at, "a tab; YAML indents with spaces only: check the indentation of line " + line(at));
        }
        if (at != null && problem.contains("that cannot start any token")) {
            return error(source, at, "a value cannot start with this character; put the value in quotes");
        }
        String what = !problem.isEmpty() ? problem : e.getMessage();
        return new InvalidInputException(SafeYaml.locate(source, at), "invalid YAML: " + oneLine(what));
    }

    private static InvalidInputException error(String source, Mark mark, String message) {
        return new InvalidInputException(SafeYaml.locate(source, mark), "invalid YAML: " + message);
    }

    private static int line(Mark mark) {
        return mark.getLine() + 1;
    }

    static String oneLine(String message) {
        return message == null ? "unreadable document" : message.strip().replaceAll("\\s*\\n\\s*", " ");
    }
}
