package io.jenkins.plugins.bluegreen.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Test kit for driver configurations: read a spec file's {@code driver:} block, check refusals. */
public final class DriverSpecBlocks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DriverSpecBlocks() {}

    /** Reads a {@code driver:} block as a spec reader does: its {@code type} picks the record from the catalogue. */
    public static <T extends DriverConfig> T parse(String block, Class<T> expected) {
        try {
            ObjectNode settings = (ObjectNode) JSON.readTree(block);
            Class<? extends DriverConfig> type = DriverTypes.all().get(settings.remove("type").asText());
            assertThat(type).isEqualTo(expected);
            return expected.cast(JSON.treeToValue(settings, type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void assertRefused(Runnable action, String field) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
