package io.rootfleet.model.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The reader of {@link AgentEvent#parse}: fields it does not know are ignored, so a newer agent can add some. */
final class EventJson {
    static final ObjectMapper MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private EventJson() {}
}
