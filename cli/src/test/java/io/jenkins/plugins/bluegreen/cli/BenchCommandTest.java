package io.jenkins.plugins.bluegreen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.bluegreen.lab.Bench;
import io.jenkins.plugins.bluegreen.lab.RouterLab;
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
        assumeTrue(RouterLab.installed("haproxy") || System.getenv("CI") != null, "haproxy is not installed");
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
