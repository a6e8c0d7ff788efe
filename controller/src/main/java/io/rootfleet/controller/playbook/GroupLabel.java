package io.rootfleet.controller.playbook;

/**
 * The name of a group of hosts, so containers ({@code group:}) and {@code --limit} can name several hosts at once.
 * Named like a container: 1 to 63 lowercase letters, digits and '-'.
 * Any other text is refused with "group name '...' is not valid; ...".
 */
public record GroupLabel(String value) {

    public GroupLabel {
        Names.check("group", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
