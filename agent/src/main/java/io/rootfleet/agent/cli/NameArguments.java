package io.rootfleet.agent.cli;

import io.rootfleet.model.ContainerName;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import io.rootfleet.model.yaml.Problem;
import java.util.ArrayList;
import java.util.List;

/** Container names given as command arguments, checked; each bad one is a problem at NAME. */
final class NameArguments {
    private NameArguments() {}

    /** The valid names; the bad ones are added to {@code problems}. */
    static List<ContainerName> parse(List<String> names, List<Problem> problems) {
        List<ContainerName> valid = new ArrayList<>();
        for (String name : names) {
            try {
                valid.add(new ContainerName(name));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(Location.of("NAME"), e.getMessage()));
            }
        }
        return valid;
    }

    /** The names, checked: every bad one reported at once. */
    static List<ContainerName> parse(List<String> names) {
        List<Problem> problems = new ArrayList<>();
        List<ContainerName> valid = parse(names, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return valid;
    }
}
