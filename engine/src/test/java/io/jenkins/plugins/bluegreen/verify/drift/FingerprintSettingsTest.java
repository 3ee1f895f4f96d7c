package io.jenkins.plugins.bluegreen.verify.drift;

import static io.jenkins.plugins.bluegreen.model.Color.BLUE;
import static io.jenkins.plugins.bluegreen.model.Color.GREEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.ConfigDrift;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FingerprintSettingsTest {

    private static FingerprintSettings settings(List<String> expected, List<String> secrets) {
        return new FingerprintSettings("/config", null, expected, secrets, null, null);
    }

    @Test
    void badSettingsNameTheFieldAndTheFix() {
        assertThatThrownBy(() -> new FingerprintSettings(null, " ", null, null, null, null)).isInstanceOf(BadInputException.class)
                .hasMessage("fingerprint: says nothing about how to read a colour's configuration; give exactly one: endpoint"
                        + " (a path answering JSON, e.g. '/config') or command (printing key=value lines)");
        assertThatThrownBy(() -> new FingerprintSettings("/config", "./print.sh", null, null, null, null))
                .hasMessageStartingWith("fingerprint: gives both endpoint and command; give exactly one");
        assertThatThrownBy(() -> new FingerprintSettings("config", null, null, null, null, null))
                .hasMessage("fingerprint.endpoint: 'config' must start with '/', e.g. '/config'");
        assertThatThrownBy(() -> settings(List.of("version", ""), null))
                .hasMessage("fingerprint.expectedToDiffer[1]: is empty; write a key or a pattern such as 'build.*'");
        assertThatThrownBy(() -> DriftPolicy.parse("drift", "loud"))
                .hasMessage("drift: 'loud' is not a drift policy; use 'warn', 'fail' or 'ignore'");
    }

    @Test
    void defaultsLeaveVersionColourAndBuildKeysOutAndHideSecretLookingKeys() {
        FingerprintSettings defaults = settings(null, null);
        assertThat(defaults.drift()).isEqualTo(DriftPolicy.WARN);
        ConfigDrift drift = defaults.compare(BLUE, Map.of("version", "1", "colour", "blue", "build.number", "7", "API_KEY", "a"),
                GREEN, Map.of("version", "2", "colour", "green", "build.number", "8", "API_KEY", "b"));
        assertThat(drift.keyNames()).isEqualTo("API_KEY");
        assertThat(drift.differences().get(0).secret()).as("matching ignores case").isTrue();
        assertThat(drift.keysCompared()).isEqualTo(1);
    }

    @Test
    void jsonIsFlattenedByPath() throws Exception {
        Map<String, String> flat = new TreeMap<>();
        JsonFlattener.flatten(new ObjectMapper().readTree(
                "{\"db\":{\"pool\":[4,{\"max\":8}],\"ssl\":true,\"extra\":{},\"none\":null},\"tags\":[]}"), "", flat);
        assertThat(flat).containsExactly(Map.entry("db.extra", "{}"), Map.entry("db.none", "null"), Map.entry("db.pool[0]", "4"),
                Map.entry("db.pool[1].max", "8"), Map.entry("db.ssl", "true"), Map.entry("tags", "[]"));
        Map<String, String> empty = new TreeMap<>();
        JsonFlattener.flatten(new ObjectMapper().readTree("{}"), "", empty);
        assertThat(empty).isEmpty();
    }
}
