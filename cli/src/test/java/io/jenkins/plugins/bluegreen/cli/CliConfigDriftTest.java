package io.jenkins.plugins.bluegreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.bluegreen.demo.DemoBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration drift and the idle standby through the command line, against real loopback backends answering
 * {@code /config}: blue 1.0 is live (the noop router pretends to serve it), green 2.0 is deployed next to it.
 */
class CliConfigDriftTest {

    private static final String BLUE_SECRET = "blue-Pa55w0rd-must-never-print";
    private static final String GREEN_SECRET = "green-Pa55w0rd-must-never-print";

    @TempDir
    Path dir;

    private Backends backends;
    private DemoBackend blue;
    private DemoBackend green;
    private Path state;
    private final List<CliRun.Result> everythingPrinted = new ArrayList<>();

    @BeforeEach
    void greenDeployedNextToLiveBlue() throws Exception {
        backends = Backends.start();
        blue = backends.blue();
        green = backends.green();
        state = dir.resolve("state");
        blue.configuration("{\"features\":{\"checkout\":\"v1\"},\"db\":{\"password\":\"" + BLUE_SECRET + "\"},\"build\":{\"id\":\"7\"}}");
        green.configuration("{\"features\":{\"checkout\":\"v2\"},\"db\":{\"password\":\"" + GREEN_SECRET + "\"},\"build\":{\"id\":\"8\"}}");
        assertThat(run(cli("blue", "1h"), "deploy", "--version", "2.0", "--", "true").exit()).isZero();
    }

    @AfterEach
    void tearDown() {
        backends.close();
    }

    /**
     * The noop router forgets between runs: the spec says which colour it serves. It routes nothing, so the watch
     * probes green's own URL as the public one; that is enough for the switch to write its reports.
     */
    private CliRun cli(String routerServes, String keepOld) throws Exception {
        Path spec = dir.resolve("bluegreen.yaml");
        Files.writeString(spec, """
                service: shop
                urls: {blue: %s, green: %s}
                publicUrl: %s
                watch: {window: 1s, probesPerSecond: 20}
                driver: {type: noop, initiallyLive: %s}
                checks: [{type: http, path: /health, interval: 100ms, timeout: 2s}]
                fingerprint:
                  endpoint: /config
                keepOld: %s
                idleCostPerHour: 2.50 EUR
                """.formatted(blue.url(), green.url(), green.url(), routerServes, keepOld));
        return new CliRun(spec, state);
    }

    private CliRun.Result run(CliRun cli, String... args) {
        CliRun.Result result = cli.run(args);
        everythingPrinted.add(result);
        return result;
    }

    @Test
    void verifyShowsTheDriftAsATableAndTheApprovalPromptAsksAPersonToAcceptIt() throws Exception {
        CliRun.Result verify = run(cli("blue", "1h"), "verify");

        assertThat(verify.exit()).isEqualTo(ExitCodes.VERIFICATION);
        assertThat(verify.out()).contains("green (2.0): INCONCLUSIVE")
                .contains("configuration drift: GREEN differs from live BLUE in 2 of 2 keys")
                .containsPattern("features\\.checkout +v1 +v2")
                .containsPattern("db\\.password +\\(secret, differs; not shown\\) +\\(secret, differs; not shown\\)");
        assertThat(verify.err()).contains("verification is INCONCLUSIVE");

        CliRun.Result asked = run(cli("blue", "1h").interactive("yes"), "switch");

        assertThat(asked.exit()).as(asked.err()).isZero();
        assertThat(asked.err()).contains("verification of GREEN (2.0): INCONCLUSIVE")
                .contains("WARNING: the colours' configurations differ; approving accepts that")
                .containsPattern("features\\.checkout +v1 +v2");
        JsonNode history = run(cli("green", "1h"), "history", "--json").json();
        assertThat(history.findValuesAsText("type")).containsSubsequence("DRIFT_FOUND", "APPROVAL_GRANTED", "VERIFIED", "SWITCHED");
        assertThat(history.toString()).contains("db.password, features.checkout").doesNotContain("v1").doesNotContain("v2");
    }

    @Test
    void verifyJsonCarriesTheDriftAndDriftFailFails() throws Exception {
        JsonNode json = run(cli("blue", "1h"), "verify", "--json").json();
        assertThat(json.get("outcome").asText()).isEqualTo("INCONCLUSIVE");
        JsonNode drift = json.at("/reports/0/configDrift");
        assertThat(drift.get("live").asText()).isEqualTo("BLUE");
        assertThat(drift.get("idle").asText()).isEqualTo("GREEN");
        assertThat(drift.get("keysCompared").asInt()).isEqualTo(2);
        assertThat(drift.at("/differences/1/key").asText()).isEqualTo("features.checkout");
        assertThat(drift.at("/differences/1/live").asText()).isEqualTo("v1");
        assertThat(drift.at("/differences/1/idle").asText()).isEqualTo("v2");
        assertThat(drift.at("/differences/0/secret").asBoolean()).isTrue();
        assertThat(drift.at("/differences/0/live").isNull()).isTrue();

        CliRun.Result failing = run(cli("blue", "1h"), "verify", "--drift", "fail", "--json");
        assertThat(failing.exit()).isEqualTo(ExitCodes.VERIFICATION);
        assertThat(failing.json().get("outcome").asText()).isEqualTo("FAILED");

        CliRun.Result bad = run(cli("blue", "1h"), "verify", "--drift", "loud");
        assertThat(bad.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("--drift: 'loud' is not a drift policy; use 'warn', 'fail' or 'ignore'");
    }

    @Test
    void statusShowsTheIdleStandbyAndRetireRecordsTheIdleTimeItEnded() throws Exception {
        run(cli("blue", "1h"), "verify");
        run(cli("blue", "1h"), "switch", "--yes");

        CliRun.Result status = run(cli("green", "1h"), "status");
        assertThat(status.out()).containsPattern("standby  BLUE standby for \\d+s; kept until \\S+ \\(keep-old window\\); retire is"
                + " not due yet; idle cost 0\\.00 EUR \\(2\\.50 EUR/h\\)");
        JsonNode standby = run(cli("green", "1h"), "status", "--json").json().get("standby");
        assertThat(standby.get("color").asText()).isEqualTo("BLUE");
        assertThat(standby.get("retireDue").asBoolean()).isFalse();
        assertThat(standby.get("idleCost").asText()).isEqualTo("0.00 EUR");

        CliRun.Result due = run(cli("green", "0s"), "status");
        assertThat(due.out()).containsPattern("standby  BLUE standby for \\d+s; keep-old window ended \\S+: retire is due \\(run 'retire'\\)");

        CliRun.Result retired = run(cli("green", "0s"), "retire");
        assertThat(retired.exit()).as(retired.err()).isZero();
        assertThat(retired.out()).containsPattern("BLUE retired after \\d+s idle \\(keep-old window 0s\\); idle cost 0\\.00 EUR"
                + " \\(2\\.50 EUR/h\\); rollback is no longer possible; GREEN \\(2\\.0\\) stays live");
    }

    @Test
    void secretLookingValuesNeverAppearInTheStateTheOutputOrTheReports() throws Exception {
        run(cli("blue", "1h"), "verify");
        run(cli("blue", "1h"), "verify", "--json");
        run(cli("blue", "1h").interactive("yes"), "switch", "--json");
        run(cli("green", "1h"), "status", "--json");
        run(cli("green", "1h"), "history");

        try (Stream<Path> reports = Files.list(state.resolve("reports"))) {
            assertThat(reports.map(Path::toString)).anyMatch(name -> name.endsWith(".html")).anyMatch(name -> name.endsWith(".svg"));
        }
        StringBuilder everything = new StringBuilder();
        everythingPrinted.forEach(r -> everything.append(r.out()).append(r.err()));
        try (Stream<Path> files = Files.walk(state)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                everything.append(Files.readString(file));
            }
        }
        assertThat(everything.toString()).contains("db.password").doesNotContain(BLUE_SECRET).doesNotContain(GREEN_SECRET)
                .doesNotContain("Pa55w0rd").doesNotContain("sha256:");
    }

    @Test
    void aBadFingerprintOrIdleCostIsBadInputNamingTheField() throws Exception {
        Path spec = dir.resolve("bad.yaml");
        String good = "service: shop\nurls: {blue: %s, green: %s}\ndriver: {type: noop}\n".formatted(blue.url(), green.url());
        for (String[] bad : new String[][] {
                {"fingerprint: {endpoint: config}", "fingerprint.endpoint: 'config' must start with '/', e.g. '/config'"},
                {"fingerprint: {endpont: /config}", "fingerprint.endpont: unknown field; did you mean 'endpoint'?"},
                {"fingerprint: {endpoint: /config, command: ./print.sh}", "fingerprint: gives both endpoint and command"},
                {"fingerprint: {endpoint: /config, drift: loud}", "fingerprint.drift: 'loud' is not a drift policy"},
                {"idleCostPerHour: lots", "idleCostPerHour: 'lots' is not a cost per hour; write a number and a currency"}}) {
            Files.writeString(spec, good + bad[0] + "\n");
            CliRun.Result result = new CliRun(spec, dir.resolve("untouched")).run("status");
            assertThat(result.exit()).as(bad[0]).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(result.err()).contains(bad[1]).doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(dir.resolve("untouched")).doesNotExist();
    }
}
