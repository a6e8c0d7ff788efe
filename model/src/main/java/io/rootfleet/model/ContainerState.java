package io.rootfleet.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The state a container definition asks for. */
public enum ContainerState {
    STARTED,
    STOPPED,
    /** Gone, with its own layer (the container's data) deleted. */
    ABSENT;

    public static ContainerState parse(String text) {
        for (ContainerState state : values()) {
            if (state.yamlName().equals(text)) {
                return state;
            }
        }
        throw new IllegalArgumentException("state '" + text + "' is not one of "
                + Arrays.stream(values()).map(ContainerState::yamlName).collect(Collectors.joining(", ")));
    }

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
