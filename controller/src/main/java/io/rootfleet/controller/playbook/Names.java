package io.rootfleet.controller.playbook;

import io.rootfleet.model.ContainerName;
import io.rootfleet.model.MessageText;
import java.util.Collection;

/** The naming rule that hosts, groups and profiles share with containers, and how names are listed in messages. */
final class Names {
    private static final int LISTED = 10;

    private Names() {}

    /** The rule of {@link HostLabel}, {@link GroupLabel} and {@link ProfileLabel}: throws saying why {@code text} is no {@code kind} name. */
    static String check(String kind, String text) {
        try {
            return new ContainerName(text).value();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(kind + " name '" + MessageText.printable(text) + "' is not valid; use"
                    + " 1 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit");
        }
    }

    /** "a, b, c", or the first few and how many more. */
    static String list(Collection<String> names) {
        String shown = String.join(", ", names.stream().limit(LISTED).map(MessageText::printable).toList());
        return names.size() > LISTED ? shown + " and " + (names.size() - LISTED) + " more" : shown;
    }
}
