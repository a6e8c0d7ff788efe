package io.rootfleet.agent.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.report.HeldContainer;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The holds of one host: the whole host, and containers by name. Immutable and pure; {@link HoldStore} keeps it in
 * HOME/holds.json.
 *
 * @param host the hold on the whole host, or null
 * @param containers the holds on single containers
 */
public record Holds(Hold host, SortedMap<ContainerName, Hold> containers) {
    public static final Holds NONE = new Holds(null, new TreeMap<>());
    private static final ObjectMapper JSON = new ObjectMapper();

    public Holds {
        containers = Collections.unmodifiableSortedMap(new TreeMap<>(containers));
    }

    /** The hold that keeps {@code name} from being restarted: its own, else the host's; empty when none. */
    public Optional<HeldContainer> heldOf(ContainerName name) {
        Hold own = containers.get(name);
        if (own != null) {
            return Optional.of(new HeldContainer(name.value(), own.reason(), own.by(), own.since(), false));
        }
        return host == null ? Optional.empty()
                : Optional.of(new HeldContainer(name.value(), host.reason(), host.by(), host.since(), true));
    }

    public boolean isEmpty() {
        return host == null && containers.isEmpty();
    }

    /** These holds plus {@code hold} on {@code names}, or on the host when {@code names} is empty; replaces earlier ones. */
    public Holds hold(Collection<ContainerName> names, Hold hold) {
        if (names.isEmpty()) {
            return new Holds(hold, containers);
        }
        SortedMap<ContainerName, Hold> next = new TreeMap<>(containers);
        names.forEach(n -> next.put(n, hold));
        return new Holds(host, next);
    }

    /** These holds without the ones on {@code names}, or without the host's when {@code names} is empty. */
    public Holds unhold(Collection<ContainerName> names) {
        if (names.isEmpty()) {
            return new Holds(null, containers);
        }
        SortedMap<ContainerName, Hold> next = new TreeMap<>(containers);
        names.forEach(next::remove);
        return new Holds(host, next);
    }

    public String toJson() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("apiVersion", "rootfleet/v1");
        if (host != null) {
            doc.set("host", JSON.valueToTree(host));
        }
        ObjectNode byName = doc.putObject("containers");
        containers.forEach((name, hold) -> byName.set(name.value(), JSON.valueToTree(hold)));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the holds as JSON", e);
        }
    }

    /** Reads what {@link #toJson} wrote; {@code source} names the file in errors. */
    public static Holds fromJson(String json, String source) {
        try {
            JsonNode doc = JSON.readTree(json);
            if (doc == null || !doc.isObject()) {
                throw new IllegalStateException(source + ": not a JSON object; remove the file to drop every hold, or fix it");
            }
            Hold host = doc.hasNonNull("host") ? hold(doc.get("host"), source + ": host") : null;
            SortedMap<ContainerName, Hold> containers = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : doc.path("containers").properties()) {
                ContainerName name;
                try {
                    name = new ContainerName(e.getKey());
                } catch (IllegalArgumentException bad) {
                    throw new IllegalStateException(source + ": containers: " + bad.getMessage(), bad);
                }
                containers.put(name, hold(e.getValue(), source + ": containers." + e.getKey()));
            }
            return new Holds(host, containers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(source + ": not valid JSON (" + e.getOriginalMessage()
                    + "); remove the file to drop every hold, or fix it", e);
        }
    }

    private static Hold hold(JsonNode node, String where) {
        if (!node.path("reason").isTextual() || !node.path("by").isTextual() || !node.path("since").isTextual()) {
            throw new IllegalStateException(where + ": a hold needs the strings reason, by and since");
        }
        return new Hold(node.get("reason").asText(), node.get("by").asText(), node.get("since").asText());
    }
}
