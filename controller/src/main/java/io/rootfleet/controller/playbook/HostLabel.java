package io.rootfleet.controller.playbook;

/**
 * The name a playbook gives a host: what {@code --limit}, {@code host:} and reports use.
 * Named like a container: 1 to 63 lowercase letters, digits and '-'.
 * Any other text is refused with "host name '...' is not valid; ...".
 */
public record HostLabel(String value) {

    public HostLabel {
        Names.check("host", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
