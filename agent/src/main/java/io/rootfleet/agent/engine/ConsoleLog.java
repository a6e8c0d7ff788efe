package io.rootfleet.agent.engine;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.model.ContainerName;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/** The end of what a container's init printed: the first clue when it exits right after starting. */
public final class ConsoleLog {

    private ConsoleLog() {}

    /** Why a container no longer runs: when it stopped, and the end of what its init printed. */
    static String stopped(AgentHome home, ContainerName name, String when) {
        return "stopped " + when + "; its init exited. Console output: " + tail(home, name);
    }

    /** Its last five lines joined with " | ", or where to look when there are none. */
    public static String tail(AgentHome home, ContainerName name) {
        try {
            List<String> lines = Files.readAllLines(home.consoleLog(name));
            String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())).strip();
            return tail.isEmpty() ? "(none; see " + home.lxcLog(name) + ")" : tail;
        } catch (IOException e) {
            return "(none; see " + home.lxcLog(name) + ")";
        }
    }
}
