package io.rootfleet.controller.playbook;

import io.rootfleet.model.MessageText;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the controller reaches a host's agent. */
public enum Connection {
    /** Over SSH to the host's address. */
    SSH,
    /** On the machine the controller runs on, without SSH. */
    LOCAL;

    public static Connection parse(String text) {
        for (Connection connection : values()) {
            if (connection.yamlName().equals(text)) {
                return connection;
            }
        }
        throw new IllegalArgumentException("connection '" + MessageText.printable(text) + "' is not one of "
                + Arrays.stream(values()).map(Connection::yamlName).collect(Collectors.joining(", ")));
    }

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
