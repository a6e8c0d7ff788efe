package io.rootfleet.controller.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Problem;
import java.util.List;

/** Reads inline playbooks as {@value #SOURCE}, for tests that assert results or exact problems. */
final class PlaybookAssertions {
    static final String SOURCE = "site.yml";
    /** The first two lines of a playbook with one host, web-a, for tests of its containers. */
    static final String ONE_HOST = """
            apiVersion: rootfleet/v1
            hosts: [{name: web-a, address: 10.0.0.11}]
            """;

    private PlaybookAssertions() {}

    static Playbook read(String yaml) {
        return PlaybookReader.read(yaml, SOURCE);
    }

    /** The problems reading {@code yaml} reports, each as printed: {@code site.yml:line:column: path: message}. */
    static List<String> problems(String yaml) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> read(yaml));
        assertThat(e).as("reading the playbook fails").isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }
}
