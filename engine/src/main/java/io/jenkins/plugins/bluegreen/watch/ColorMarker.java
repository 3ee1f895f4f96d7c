package io.jenkins.plugins.bluegreen.watch;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Where a response says which colour served it: a header, a JSON pointer into the body, or a body regex. */
public sealed interface ColorMarker permits ColorMarker.Header, ColorMarker.BodyMarker {

    /** Whether the body must be read to find the colour. */
    boolean needsBody();

    /**
     * @param header looks up a response header by name
     * @param body the response body, or {@code null} when {@link #needsBody()} is false
     */
    Optional<Color> read(Function<String, String> header, String body);

    /** Our demo and test backends send {@code X-Color}. */
    static ColorMarker defaultMarker() {
        return new Header("X-Color");
    }

    record Header(String name) implements ColorMarker {
        public Header {
            if (name == null || name.isBlank()) {
                throw new BadInputException("marker.header", "must name a response header, e.g. 'X-Color'");
            }
        }

        @Override
        public boolean needsBody() {
            return false;
        }

        @Override
        public Optional<Color> read(Function<String, String> header, String body) {
            return Color.find(header.apply(name));
        }
    }

    /** A marker found in the body; a response whose body was not read tells no colour. */
    sealed interface BodyMarker extends ColorMarker permits JsonPointerMarker, BodyRegex {
        @Override
        default boolean needsBody() {
            return true;
        }

        @Override
        default Optional<Color> read(Function<String, String> header, String body) {
            return body == null ? Optional.empty() : readBody(body);
        }

        Optional<Color> readBody(String body);
    }

    record JsonPointerMarker(String pointer) implements BodyMarker {
        private static final ObjectMapper MAPPER = new ObjectMapper();

        public JsonPointerMarker {
            try {
                JsonPointer.compile(pointer);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new BadInputException("marker.jsonPointer", "'" + pointer + "' is not a JSON pointer; write it like '/color'");
            }
        }

        @Override
        public Optional<Color> readBody(String body) {
            try {
                JsonNode node = MAPPER.readTree(body).at(pointer);
                return node.isValueNode() ? Color.find(node.asText()) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }

    /** The first capture group (or the whole match) names the colour. */
    record BodyRegex(String regex) implements BodyMarker {
        public BodyRegex {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException | NullPointerException e) {
                throw new BadInputException("marker.bodyRegex", "'" + regex + "' is not a valid regular expression");
            }
        }

        @Override
        public Optional<Color> readBody(String body) {
            Matcher matcher = Pattern.compile(regex).matcher(body);
            if (!matcher.find()) {
                return Optional.empty();
            }
            return Color.find(matcher.groupCount() > 0 ? matcher.group(1) : matcher.group());
        }
    }
}
