package io.rootfleet.controller.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What {@code rootfleet-agent --home HOME status --json} says about each container of a simulated host. */
record AgentStatus(String name, String desired, String state, Integer initPid, boolean inSync) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The status of every container of {@code home}, by name. */
    static Map<String, AgentStatus> of(Path home) {
        Processes.Result result = Processes.run(
                List.of(Checkout.agentLauncher().toString(), "--home", home.toString(), "status", "--json"),
                Duration.ofSeconds(60)).orThrow();
        try {
            Map<String, AgentStatus> statuses = new TreeMap<>();
            for (JsonNode c : JSON.readTree(result.stdout()).get("containers")) {
                statuses.put(c.get("name").asText(), new AgentStatus(c.get("name").asText(), c.get("desired").asText(),
                        c.get("state").asText(), c.hasNonNull("initPid") ? c.get("initPid").asInt() : null,
                        c.get("inSync").asBoolean()));
            }
            return statuses;
        } catch (IOException e) {
            throw new UncheckedIOException("status --json of " + home + " is not JSON: " + result.stdout(), e);
        }
    }
}
