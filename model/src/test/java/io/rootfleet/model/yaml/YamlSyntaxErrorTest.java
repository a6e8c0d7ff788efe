package io.rootfleet.model.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** YAML syntax errors at the line to fix, in words to act on, instead of the parser's own. */
class YamlSyntaxErrorTest {

    private static String error(String yaml) {
        return catchThrowableOfType(InvalidInputException.class, () -> SafeYaml.parse(yaml, "site.yml")).getMessage();
    }

    @Test
    void unclosedBracket_isReportedWhereItOpened_notALineLate() {
        assertThat(error("""
                hosts:
                  - name: web-a
                    groups: [web, eu
                containers: []
                """)).isEqualTo("site.yml:3:13: invalid YAML: this '[' is not closed; add the ']' at the end of the list"
                + " (items are separated by ', ')");
        assertThat(error("a: [1, 2\n\n\n")).isEqualTo("site.yml:1:4: invalid YAML: this '[' is not closed; add the ']' at"
                + " the end of the list (items are separated by ', ')");
    }

    @Test
    void unclosedBrace_isReportedWhereItOpened() {
        assertThat(error("""
                containers:
                  - {name: web-1, state: started
                  - {name: web-2}
                """)).isEqualTo("site.yml:2:5: invalid YAML: this '{' is not closed; add the '}' at the end of the mapping"
                + " (entries are separated by ', ')");
    }

    @Test
    void aLineIndentedLess_namesTheLineToCheck() {
        assertThat(error("""
                apiVersion: rootfleet/v1
                containers:
                  - name: web-1
                    state: started
                   init: [/bin/sleep, infinity]
                """)).isEqualTo("site.yml:5:4: invalid YAML: this line does not line up with the lines before it; check"
                + " the indentation of line 5");
    }

    @Test
    void aLineIndentedMore_namesTheLineToCheck() {
        assertThat(error("""
                apiVersion: rootfleet/v1
                containers:
                  - name: web-1
                      state: started
                """)).isEqualTo("site.yml:4:12: invalid YAML: a 'key: value' where none can start; check the indentation"
                + " of line 4, or put the value in quotes if it contains ': '");
    }

    @Test
    void tab_namesTheLine() {
        assertThat(error("containers:\n\t- name: a\n")).isEqualTo("site.yml:2:1: invalid YAML: a tab; YAML indents with"
                + " spaces only: check the indentation of line 2");
    }

    @Test
    void strayClosingBracket_unclosedQuote_andAnUnquotableCharacter() {
        assertThat(error("a: [1, 2]]\n")).isEqualTo("site.yml:1:10: invalid YAML: a ']' that closes no '['; remove it");
        assertThat(error("a: \"open\nb: 1\n")).isEqualTo("site.yml:1:4: invalid YAML: this quoted text is not closed; add the"
                + " closing quote");
        assertThat(error("a: @x\n")).isEqualTo("site.yml:1:4: invalid YAML: a value cannot start with this character; put"
                + " the value in quotes");
    }

    @Test
    void otherErrors_keepTheParsersText() {
        assertThat(error("a: !!java.io.File x\n")).isEqualTo("site.yml:1:4: invalid YAML: Global tag is not allowed:"
                + " tag:yaml.org,2002:java.io.File");
    }
}
