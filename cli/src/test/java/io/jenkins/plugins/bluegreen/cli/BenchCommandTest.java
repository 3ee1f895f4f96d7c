package io.jenkins.plugins.bluegreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.bluegreen.lab.Bench;
import io.jenkins.plugins.bluegreen.lab.DnsBench;
import io.jenkins.plugins.bluegreen.lab.SessionBench;
import io.jenkins.plugins.bluegreen.lab.TestPrerequisites;
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
        TestPrerequisites.requireProgram("haproxy");
        CliRun.Result bench = cli().run("bench", "--router", "haproxy", "--runs", "1", "--duration", "4s", "--connections", "2",
                "--builtin-load", "--json");
        assertThat(bench.exit()).as(bench.err()).isZero();
        JsonNode rows = bench.json().get("routers");
        assertThat(rows.findValuesAsText("method")).containsExactly(Bench.BARE, Bench.DRIVER, Bench.NAIVE);
        assertThat(rows.get(1).get("router").asText()).isEqualTo("haproxy");
        assertThat(rows.get(1).get("requests").asLong()).isPositive();
        assertThat(rows.get(1).get("failed").asLong()).isZero();
        assertThat(bench.json().get("dns")).isEmpty();
        JsonNode sticky = bench.json().get("sessions");
        assertThat(sticky.findValuesAsText("method")).containsExactly(SessionBench.PLAIN, SessionBench.DRAIN);
        assertThat(sticky.get(0).get("broken").asLong()).as("a plain switch breaks the sessions on blue").isPositive();
        assertThat(sticky.get(1).get("broken").asLong()).as("a drain breaks none").isZero();
    }

    @Test
    void aShortDnsRunMeasuresTheSwitchThroughUnboundWithAndWithoutPrepare() throws Exception {
        TestPrerequisites.requireProgram("named", "bind9");
        TestPrerequisites.requireProgram("knotd", "knot");
        TestPrerequisites.requireProgram("unbound");
        Path document = dir.resolve("benchmarks.md");
        CliRun.Result bench = cli().run("bench", "--router", "dns", "--dns-ttl", "3s", "--dns-switch-ttl", "1s", "--dns-bound", "2s",
                "--json", "--output", document.toString());
        assertThat(bench.exit()).as(bench.err()).isZero();
        JsonNode rows = bench.json().get("dns");
        assertThat(rows.findValuesAsText("method")).containsExactly(DnsBench.PREPARED, DnsBench.UNPREPARED);
        JsonNode prepared = rows.get(0);
        // Measured, not timed: how long these take is the benchmark document's business, not a test's.
        assertThat(prepared.get("waitedMillis").asLong()).isPositive();
        assertThat(prepared.get("toAllNewMillis").asLong()).isNotNegative();
        assertThat(prepared.get("rollbackMillis").asLong()).isNotNegative();
        assertThat(prepared.get("resolutions").asLong()).isPositive();
        assertThat(prepared.get("failed").asLong()).isZero();
        assertThat(rows.get(1).get("oldShareAtEnd").asDouble()).as("unbound still holds the 3 s answer 2 s after").isEqualTo(1.0);
        assertThat(Files.readString(document)).contains("## DNS: how fast a switch reaches clients")
                .contains("| dns, prepared: 100% of fresh resolutions on the new colour within switchTtl + 1 s |")
                .doesNotContain("## Switching under load");
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
