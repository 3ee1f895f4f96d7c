package io.jenkins.plugins.bluegreen.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import java.io.IOException;

/**
 * The JSON form of {@link ServiceState}, with a schema version. Version 1 files (written before the field
 * {@code schemaVersion} existed) called the live colour {@code active}; they are migrated on read. Version 3 added
 * {@code loweredTtl}, which version 2 files do not have (read as none).
 */
public final class StateJson {

    public static final int SCHEMA_VERSION = 3;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private StateJson() {}

    /** A mapper with the settings of the state files, for other human-readable JSON (reports, CLI output). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Any engine value (a report, a request) as JSON text, for a host that stores text rather than objects. */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads what {@link #toJson} wrote.
     *
     * @param origin where the text came from, named in errors
     */
    public static <T> T fromJson(String text, Class<T> type, String origin) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new StateStoreException(origin + " is not a valid " + type.getSimpleName() + " (" + e.getOriginalMessage() + ")");
        }
    }

    public static String write(ServiceState state) {
        ObjectNode node = MAPPER.valueToTree(state);
        ObjectNode versioned = MAPPER.createObjectNode().put("schemaVersion", SCHEMA_VERSION);
        versioned.setAll(node);
        try {
            return MAPPER.writeValueAsString(versioned) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the state of " + state.service(), e);
        }
    }

    /**
     * Reads a state, migrating older schema versions.
     *
     * @param origin where the text came from, named in errors
     */
    public static ServiceState read(String text, String origin) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new StateStoreException(origin + " is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (!(tree instanceof ObjectNode node)) {
            throw new StateStoreException(origin + " does not hold a JSON object; it is not a blue/green state file");
        }
        int version = node.path("schemaVersion").asInt(1);
        if (version > SCHEMA_VERSION) {
            throw new StateStoreException(origin + " has schema version " + version + ", newer than the " + SCHEMA_VERSION
                    + " this version understands; upgrade the blue/green tool before using this state");
        }
        node.remove("schemaVersion");
        if (version == 1 && node.has("active")) {
            node.set("live", node.remove("active"));
        }
        try {
            return MAPPER.treeToValue(node, ServiceState.class);
        } catch (JsonProcessingException e) {
            throw new StateStoreException(origin + " is not a valid blue/green state (" + e.getOriginalMessage() + ")");
        }
    }
}
