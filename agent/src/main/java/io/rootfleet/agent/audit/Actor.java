package io.rootfleet.agent.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Who ran a command, as far as this process can tell: the local user it runs as, the user sudo was run by, the SSH
 * client the session came from ({@code SSH_CONNECTION}, else {@code SSH_CLIENT}), and what started it when that
 * was not a person (the apt hook, systemd). Note that sudo drops the SSH variables unless its env_keep keeps them.
 *
 * @param user the local user name (as {@code id -un} prints it)
 * @param sudoUser who ran sudo ({@code SUDO_USER}), or null
 * @param ssh the SSH client's address and port ({@code 10.0.0.5:51234}), or null when not over SSH
 * @param via {@code hook} (the apt/dpkg hook), {@code systemd} (a unit), or null for a person
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Actor(String user, String sudoUser, String ssh, String via) {
    /** Set by the agent for the processes it starts itself (the hook's steps), to the name of what started them. */
    public static final String VIA_VARIABLE = "ROOTFLEET_VIA";

    /** The actor of this process: its environment and the user it runs as. */
    public static Actor current() {
        return of(System.getenv(), System.getProperty("user.name", "unknown"));
    }

    /** Pure: the actor an environment and a local user name describe. */
    public static Actor of(Map<String, String> env, String localUser) {
        String ssh = sshClient(env);
        String via = blankToNull(env.get(VIA_VARIABLE));
        if (via == null && env.containsKey("INVOCATION_ID") && ssh == null && !env.containsKey("SUDO_USER")) {
            via = "systemd"; // systemd sets INVOCATION_ID for the processes of a unit
        }
        return new Actor(localUser == null || localUser.isBlank() ? "unknown" : localUser, blankToNull(env.get("SUDO_USER")),
                ssh, via);
    }

    private static String sshClient(Map<String, String> env) {
        for (String variable : new String[] {"SSH_CONNECTION", "SSH_CLIENT"}) {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                String[] parts = value.strip().split("\\s+");
                return parts.length >= 2 ? parts[0] + ":" + parts[1] : parts[0];
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * As a person reads it: {@code alice (sudo) from 10.0.0.5:51234}, {@code root from 10.0.0.5:51234},
     * {@code local alice (sudo)}, {@code local root}, {@code hook (local root)}.
     */
    public String describe() {
        String person = sudoUser != null ? sudoUser + " (sudo" + (user.equals("root") ? "" : " as " + user) + ")" : user;
        String who = ssh != null ? person + " from " + ssh : "local " + person;
        return via != null ? via + " (" + who + ")" : who;
    }
}
