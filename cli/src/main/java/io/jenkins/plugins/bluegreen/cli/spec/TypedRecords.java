package io.jenkins.plugins.bluegreen.cli.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps a spec object with a {@code type} field onto the record registered for that type (a driver's configuration,
 * a check), so a new driver or check type needs no spec code. Durations are written as text ({@code 30s}).
 */
final class TypedRecords {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule("spec-values")
                    .addDeserializer(Duration.class, new JsonDeserializer<>() {
                        @Override
                        public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                            return Durations.parse(parser.currentName(), parser.getValueAsString());
                        }
                    })
                    .addDeserializer(Color.class, new JsonDeserializer<>() {
                        @Override
                        public Color deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                            return Color.parse(parser.currentName(), parser.getValueAsString());
                        }
                    }))
            .build();

    private TypedRecords() {}

    static <T> T read(SpecNode spec, Map<String, ? extends Class<? extends T>> types) {
        String type = spec.requiredText("type", "'" + String.join("' or '", types.keySet()) + "'");
        Class<? extends T> target = types.get(type);
        if (target == null) {
            throw new BadInputException(spec.field("type"), "unknown type '" + type + "'" + Suggestions.hint(type, types.keySet()));
        }
        ObjectNode settings = ((ObjectNode) spec.raw()).deepCopy();
        settings.remove("type");
        if (target.isRecord()) {
            // Checked before Jackson, which would build the record first and report a missing field instead.
            Set<String> known = new TreeSet<>();
            Arrays.stream(target.getRecordComponents()).forEach(component -> known.add(component.getName()));
            known.add("type");
            spec.allowOnly(known);
        }
        try {
            return MAPPER.treeToValue(settings, target);
        } catch (UnrecognizedPropertyException e) {
            Set<String> known = new TreeSet<>();
            e.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            throw new BadInputException(spec.field(jsonPath(e)), "unknown field for type '" + type + "'"
                    + Suggestions.hint(e.getPropertyName(), known));
        } catch (JsonMappingException e) {
            BadInputException cause = badInputIn(e);
            if (cause != null) {
                throw new BadInputException(spec.field(nested(jsonPath(e), withoutOwnPrefix(cause.field()))), problemOf(cause));
            }
            if (e instanceof MismatchedInputException mismatch) {
                String field = e.getPath().isEmpty() ? spec.path() : spec.field(jsonPath(e));
                throw new BadInputException(field, "must be " + expected(mismatch.getTargetType()) + ", not " + given(valueAt(settings, e)));
            }
            String field = e.getPath().isEmpty() ? spec.field("type") : spec.field(jsonPath(e));
            throw new BadInputException(field, "cannot be read as a " + type + " setting: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadInputException(spec.path(), "cannot be read: " + e.getMessage());
        }
    }

    /** Where in the object Jackson stopped, e.g. {@code switchRequest.url} or {@code deployments[0].name}. */
    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** What a spec writer must give for a Java type, in their words rather than Jackson's. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another kind";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == String.class || type.isEnum()) {
            return "a single value";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object of fields";
    }

    private static String given(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "this";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "an object";
        }
        return "'" + value.asText() + "'";
    }

    /** The value Jackson stopped at, found by the path of the error in the settings it read. */
    private static JsonNode valueAt(JsonNode settings, JsonMappingException e) {
        JsonNode value = settings;
        for (JsonMappingException.Reference reference : e.getPath()) {
            value = reference.getFieldName() != null ? value.path(reference.getFieldName()) : value.path(reference.getIndex());
        }
        return value;
    }

    private static BadInputException badInputIn(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BadInputException bad) {
                return bad;
            }
        }
        return null;
    }

    /**
     * Records name their fields with their own prefix ({@code httpCheck.path}, {@code http.switchRequest.url}); the
     * spec path replaces it.
     */
    private static String withoutOwnPrefix(String field) {
        return field == null ? "" : field.substring(field.indexOf('.') + 1);
    }

    /**
     * A record inside the settings (caddy's {@code dns}) names its fields without the setting that holds it
     * ({@code dns.tsigKey} reads {@code tsigKey}); Jackson's path adds it back, unless the field already has it.
     */
    private static String nested(String parent, String field) {
        return parent.isEmpty() || field.equals(parent) || field.startsWith(parent + ".") || field.startsWith(parent + "[")
                ? field : parent + "." + field;
    }

    private static String problemOf(BadInputException bad) {
        String prefix = bad.field() + ": ";
        return bad.getMessage().startsWith(prefix) ? bad.getMessage().substring(prefix.length()) : bad.getMessage();
    }
}
