package io.rootfleet.agent.userns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.MessageText;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which container owns which id range: part of the agent's state, kept for as long as any file of the
 * container may exist (its upper is owned by its range), so a range is never given to a second container
 * while the first one's files are still on disk. Immutable; no two ranges overlap.
 *
 * <p>As JSON: {@code {"version":1,"ranges":{"web-1":{"base":1073741824,"count":65536}}}}, names sorted.
 */
public record IdAllocations(SortedMap<ContainerName, IdRange> ranges) {
    public static final int VERSION = 1;
    public static final IdAllocations NONE = new IdAllocations(new TreeMap<>());
    private static final ObjectMapper JSON = new ObjectMapper();

    public IdAllocations {
        ranges = Collections.unmodifiableSortedMap(new TreeMap<>(ranges));
        Map.Entry<ContainerName, IdRange> previous = null;
        for (Map.Entry<ContainerName, IdRange> e : ranges.entrySet().stream()
                .sorted(Comparator.comparingLong(e -> e.getValue().hostBase())).toList()) {
            if (previous != null && previous.getValue().overlaps(e.getValue())) {
                throw new IllegalArgumentException("id ranges of containers '" + previous.getKey().value() + "' ("
                        + previous.getValue() + ") and '" + e.getKey().value() + "' (" + e.getValue() + ") overlap");
            }
            previous = e;
        }
    }

    public Optional<IdRange> rangeOf(ContainerName container) {
        return Optional.ofNullable(ranges.get(container));
    }

    public IdAllocations with(ContainerName container, IdRange range) {
        TreeMap<ContainerName, IdRange> next = new TreeMap<>(ranges);
        next.put(container, range);
        return new IdAllocations(next);
    }

    public IdAllocations without(ContainerName container) {
        TreeMap<ContainerName, IdRange> next = new TreeMap<>(ranges);
        next.remove(container);
        return new IdAllocations(next);
    }

    public String toJson() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("version", VERSION);
        ObjectNode byName = doc.putObject("ranges");
        ranges.forEach((name, range) -> byName.putObject(name.value())
                .put("base", range.hostBase())
                .put("count", range.count()));
        return doc.toString();
    }

    /** Reads what {@link #toJson} wrote; {@code source} names the file in errors. */
    public static IdAllocations fromJson(String json, String source) {
        try {
            JsonNode doc = JSON.readTree(json);
            if (doc == null || !doc.isObject() || doc.path("version").asInt(-1) != VERSION || !doc.path("ranges").isObject()) {
                throw new IllegalArgumentException(source + ": not an id range record of version " + VERSION);
            }
            TreeMap<ContainerName, IdRange> ranges = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : doc.get("ranges").properties()) {
                JsonNode base = e.getValue().path("base");
                JsonNode count = e.getValue().path("count");
                if (!base.canConvertToLong() || !count.canConvertToLong() || !base.isIntegralNumber() || !count.isIntegralNumber()) {
                    throw new IllegalArgumentException(source + ": range of '" + MessageText.printable(e.getKey())
                            + "' needs integer 'base' and 'count'");
                }
                ranges.put(new ContainerName(e.getKey()), new IdRange(base.asLong(), count.asLong()));
            }
            return new IdAllocations(ranges);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
