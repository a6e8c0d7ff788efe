package io.rootfleet.agent.lxc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The LXC config templates shipped in the agent (the repository's {@code templates/} directory). */
public final class Templates {

    private Templates() {}

    public static String load(String name) {
        try (InputStream in = Templates.class.getResourceAsStream("/templates/" + name + ".conf")) {
            if (in == null) {
                throw new IllegalArgumentException("template '" + name + "' is not shipped with this agent");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + name, e);
        }
    }
}
