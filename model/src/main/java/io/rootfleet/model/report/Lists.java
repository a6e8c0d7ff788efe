package io.rootfleet.model.report;

import java.util.List;

/** The report records' one rule for lists: a list left out on the wire is an empty list. */
final class Lists {
    private Lists() {}

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
