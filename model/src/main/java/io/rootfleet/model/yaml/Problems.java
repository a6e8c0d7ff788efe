package io.rootfleet.model.yaml;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while a whole document is read, so a user sees all of them at once. */
public final class Problems {
    private final List<Problem> problems = new ArrayList<>();

    public void add(Location location, String message) {
        problems.add(new Problem(location, message));
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Every problem recorded so far, in the order found. */
    public List<Problem> toList() {
        return List.copyOf(problems);
    }

    /** Throws if anything was found; otherwise returns {@code value}. */
    public <T> T orThrow(T value) {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return value;
    }
}
