package io.jenkins.plugins.bluegreen.cli.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** One object of the spec file with its path (e.g. {@code watch}, {@code checks[1]}), for errors that name the field. */
final class SpecNode {

    private final JsonNode node;
    private final String path;

    SpecNode(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static SpecNode root(JsonNode node) {
        if (!(node instanceof ObjectNode)) {
            throw new BadInputException("spec", "the spec must be a YAML or JSON object with at least 'service' and 'driver'");
        }
        return new SpecNode(node, "");
    }

    String path() {
        return path;
    }

    JsonNode raw() {
        return node;
    }

    String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    boolean has(String name) {
        return node.hasNonNull(name);
    }

    /** Refuses any field not in {@code known}, suggesting the closest known name. */
    SpecNode allowOnly(Set<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new BadInputException(field(name), "unknown field" + Suggestions.hint(name, known));
            }
        }
        return this;
    }

    SpecNode object(String name) {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            return null;
        }
        if (!child.isObject()) {
            throw new BadInputException(field(name), "must be an object of fields, not '" + child.asText() + "'");
        }
        return new SpecNode(child, field(name));
    }

    List<SpecNode> list(String name) {
        JsonNode child = node.get(name);
        List<SpecNode> items = new ArrayList<>();
        if (child == null || child.isNull()) {
            return items;
        }
        if (!child.isArray()) {
            throw new BadInputException(field(name), "must be a list");
        }
        for (int i = 0; i < child.size(); i++) {
            if (!child.get(i).isObject()) {
                throw new BadInputException(field(name) + "[" + i + "]", "must be an object of fields");
            }
            items.add(new SpecNode(child.get(i), field(name) + "[" + i + "]"));
        }
        return items;
    }

    String text(String name) {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            return null;
        }
        if (!child.isValueNode()) {
            throw new BadInputException(field(name), "must be a single value, not a list or object");
        }
        return child.asText();
    }

    String requiredText(String name, String example) {
        String value = text(name);
        if (value == null || value.isBlank()) {
            throw new BadInputException(field(name), "is required, e.g. " + example);
        }
        return value;
    }

    /** A string or a list of strings. */
    List<String> texts(String name) {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            return List.of();
        }
        if (child.isArray()) {
            List<String> values = new ArrayList<>();
            child.forEach(value -> values.add(value.asText()));
            return values;
        }
        return List.of(text(name));
    }

    Duration duration(String name, Duration fallback) {
        String value = text(name);
        return value == null ? fallback : Durations.parse(field(name), value);
    }

    int integer(String name, int fallback) {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            return fallback;
        }
        if (!child.canConvertToInt() || !child.isIntegralNumber()) {
            throw new BadInputException(field(name), "'" + child.asText() + "' is not a whole number");
        }
        return child.intValue();
    }

    boolean bool(String name, boolean fallback) {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            return fallback;
        }
        if (!child.isBoolean()) {
            throw new BadInputException(field(name), "'" + child.asText() + "' is not true or false");
        }
        return child.booleanValue();
    }
}
