package io.jenkins.plugins.bluegreen.drivers.command;

import static io.jenkins.plugins.bluegreen.drivers.DriverSpecBlocks.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.drivers.DriverSpecBlocks;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandDriverConfigTest {

    static final String SPEC_EXAMPLE = """
            {
              "type": "command",
              "switchCommand": "lbctl --pool shop activate \\"$1\\"",
              "observeCommand": "lbctl --pool shop show --field active",
              "healthCommand": "lbctl ping",
              "workingDirectory": "/opt/lbctl",
              "environment": {"LBCTL_ENDPOINT": "https://lb.example.com"},
              "secretEnvironment": {"LBCTL_TOKEN": "env:LB_TOKEN"},
              "timeout": "30s"
            }""";

    @Test
    void theDocumentedSpecBlockDeserialisesThroughTheCatalogue() {
        CommandDriverConfig config = DriverSpecBlocks.parse(SPEC_EXAMPLE, CommandDriverConfig.class);

        assertThat(config.type()).isEqualTo("command");
        assertThat(config.switchCommand()).isEqualTo("lbctl --pool shop activate \"$1\"");
        assertThat(config.secretEnvironment()).containsEntry("LBCTL_TOKEN", "env:LB_TOKEN");
    }

    @Test
    void leftOutSettingsTakeTheirDefaults() {
        CommandDriverConfig config = new CommandDriverConfig("a", "b", null, null, null, null, null);
        assertThat(config.touchesLocalHost()).isTrue();

        assertThat(config.environment()).isEmpty();
        assertThat(config.secretEnvironment()).isEmpty();
        assertThat(config.timeout()).isEqualTo("30s");
    }

    @Test
    void badSettingsAreRefusedNamingTheField() {
        assertRefused(() -> new CommandDriverConfig(" ", "b", null, null, null, null, null), "command.switchCommand");
        assertRefused(() -> new CommandDriverConfig("a", null, null, null, null, null, null), "command.observeCommand");
        assertRefused(() -> new CommandDriverConfig("a", "b", "", null, null, null, null), "command.healthCommand");
        assertRefused(() -> new CommandDriverConfig("a", "b", null, " ", null, null, null), "command.workingDirectory");
        assertRefused(() -> new CommandDriverConfig("a", "b", null, null, Map.of("1BAD", "x"), null, null), "command.environment");
        assertRefused(() -> new CommandDriverConfig("a", "b", null, null, Map.of("BG_COLOR", "x"), null, null),
                "command.environment.BG_COLOR");
        assertRefused(() -> new CommandDriverConfig("a", "b", null, null, Map.of("T", "x"), Map.of("T", "env:T"), null),
                "command.secretEnvironment.T");
        assertRefused(() -> new CommandDriverConfig("a", "b", null, null, null, null, "soon"), "command.timeout");
    }
}
