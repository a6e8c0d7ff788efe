package io.rootfleet.controller.playbook;

/**
 * The name of a playbook profile, the container fields an entry takes with {@code profile: NAME}.
 * Named like a container: 1 to 63 lowercase letters, digits and '-'.
 * Any other text is refused with "profile name '...' is not valid; ...".
 */
public record ProfileLabel(String value) {

    public ProfileLabel {
        Names.check("profile", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
