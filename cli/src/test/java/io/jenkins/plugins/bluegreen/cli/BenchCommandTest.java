package io.jenkins.plugins.bluegreen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.bluegreen.lab.Bench;
import io.jenkins.plugins.bluegreen.lab.RouterLab;
import java.nio.file.Files;
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

    @Test
    void driftModeReplacesOnlyItsOwnSectionOfTheDocument() throws Exception {
        Path document = dir.resolve("benchmarks.md");
        Files.writeString(document, "# Benchmarks\n\n## Switching under load\n\nrouter figures\n");

        CliRun.Result first = cli().run("bench", "--drift", "--output", document.toString());
        CliRun.Result second = cli().run("bench", "--drift", "--output", document.toString());

        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(first.out()).contains("## Configuration drift comparison").contains("| comparison of 10000 keys |");
        String written = Files.readString(document);
        assertThat(written).startsWith("# Benchmarks\n\n## Switching under load\n\nrouter figures\n\n## Configuration drift comparison")
                .containsOnlyOnce("## Configuration drift comparison")
                .contains("Written by `bluegreen bench --drift --output " + document + "`")
                .containsPattern("\\| a 10000-key comparison under 100\\.0 ms \\(max\\) \\| [0-9.]+ ms \\| (yes|\\*\\*no\\*\\*) \\|");
    }
}
