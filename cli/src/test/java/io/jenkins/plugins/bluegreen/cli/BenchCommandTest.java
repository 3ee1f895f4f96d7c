package io.jenkins.plugins.bluegreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.bluegreen.lab.Bench;
import io.jenkins.plugins.bluegreen.lab.TestPrerequisites;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    @TempDir
    Path dir;

    private CliRun cli() {
        return new CliRun(dir.resolve("unused.yaml"), dir.resolve("state"));
    }

    @Test
    void badSettingsNameTheOption() {
        CliRun.Result shortRun = cli().run("bench", "--duration", "2s");
        assertThat(shortRun.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(shortRun.err()).contains("--duration: use whole seconds from 4s to 5m");
        CliRun.Result unknownRouter = cli().run("bench", "--router", "envoy");
        assertThat(unknownRouter.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknownRouter.err()).contains("--router: 'envoy' is not a lab router");
    }

    @Test
    void oneShortRunThroughHaproxyPrintsEveryMethod() {
        TestPrerequisites.requireProgram("haproxy");
        CliRun.Result bench = cli().run("bench", "--router", "haproxy", "--runs", "1", "--duration", "4s", "--connections", "2",
                "--builtin-load", "--json");
        assertThat(bench.exit()).as(bench.err()).isZero();
        JsonNode rows = bench.json();
        assertThat(rows.findValuesAsText("method")).containsExactly(Bench.BARE, Bench.DRIVER, Bench.NAIVE);
        assertThat(rows.get(1).get("router").asText()).isEqualTo("haproxy");
        assertThat(rows.get(1).get("requests").asLong()).isPositive();
        assertThat(rows.get(1).get("failed").asLong()).isZero();
    }
}
