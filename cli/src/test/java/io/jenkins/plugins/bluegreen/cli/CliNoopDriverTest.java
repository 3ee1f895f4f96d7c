package io.jenkins.plugins.bluegreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.bluegreen.demo.DemoBackend;
import io.jenkins.plugins.bluegreen.model.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command against the noop driver, which routes nothing; the colours' own URLs are real demo backends. */
class CliNoopDriverTest {

    @TempDir
    Path dir;

    private Backends backends;
    private DemoBackend blue;
    private DemoBackend green;
    private CliRun cli;
    private Path state;

    @BeforeEach
    void setUp() throws Exception {
        backends = Backends.start();
        blue = backends.blue();
        green = backends.green();
        state = dir.resolve("state");
        cli = new CliRun(writeSpec(null), state);
    }

    @AfterEach
    void tearDown() {
        backends.close();
    }

    /**
     * The noop driver forgets between runs, so the spec says which colour it pretends to serve: none for a new
     * service, then the colour the last switch made live.
     */
    private Path writeSpec(String initiallyLive) throws Exception {
        Path spec = dir.resolve("bluegreen.yaml");
        Files.writeString(spec, """
                service: shop
                urls: {blue: %s, green: %s}
                driver: {type: noop%s}
                checks: [{type: http, path: /health, interval: 100ms, timeout: 2s}]
                keepOld: 1h
                """.formatted(blue.url(), green.url(), initiallyLive == null ? "" : ", initiallyLive: " + initiallyLive));
        return spec;
    }

    @Test
    void statusOfANewServiceChangesNothing() {
        CliRun.Result status = cli.run("status", "--json");
        assertThat(status.exit()).isEqualTo(ExitCodes.OK);
        JsonNode json = status.json();
        assertThat(json.get("schema").asInt()).isEqualTo(1);
        assertThat(json.get("service").asText()).isEqualTo("shop");
        assertThat(json.get("live").isNull()).isTrue();
        assertThat(json.get("observed").isNull()).isTrue();
        assertThat(json.get("routerHealth").asText()).startsWith("healthy");
        assertThat(json.at("/environments/blue/status").asText()).isEqualTo("EMPTY");
        assertThat(json.at("/environments/green/urls").toString()).as("never deployed: the spec's URLs")
                .isEqualTo("[\"" + green.url() + "\"]");
        assertThat(Files.exists(state.resolve("shop.json"))).isFalse();
        assertThat(cli.run("status").out()).contains("service  shop (revision 0)").contains(green.url());
    }

    @Test
    void deployRunsTheCommandWithTheTargetInTheEnvironment() {
        CliRun.Result deploy = cli.run("deploy", "--version", "1.0", "--", "sh", "-c", "echo \"$BG_SERVICE $BG_COLOR $BG_VERSION $BG_URL\"");
        assertThat(deploy.exit()).isEqualTo(ExitCodes.OK);
        assertThat(deploy.out()).contains("shop blue 1.0 " + blue.url());
        assertThat(cli.run("status", "--json").json().at("/environments/blue/status").asText()).isEqualTo("DEPLOYED");
    }

    @Test
    void aServiceThatRanBeforeBluegreenIsAdoptedAndItsFirstDeploymentGoesNextToIt() throws Exception {
        CliRun running = new CliRun(writeSpec("blue"), state);
        assertThat(running.run("status", "--json").json().get("drift").asText())
                .contains("the router serves BLUE but nothing is recorded as live");

        CliRun.Result contradicted = running.run("deploy", "--adopt", "green", "--version", "1.0", "--", "true");
        assertThat(contradicted.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(contradicted.err()).contains("the router serves BLUE, not GREEN").doesNotContain("\tat ");
        assertThat(Files.exists(state.resolve("shop.json"))).as("nothing recorded").isFalse();

        CliRun.Result deploy = running.run("deploy", "--version", "1.0", "--", "sh", "-c", "echo \"to $BG_COLOR\"");
        assertThat(deploy.exit()).as(deploy.err()).isZero();
        assertThat(deploy.out()).contains("to green");
        assertThat(deploy.err()).as("the log says so").contains("adopted BLUE as live");
        JsonNode status = running.run("status", "--json").json();
        assertThat(status.get("live").asText()).isEqualTo("BLUE");
        assertThat(status.get("drift").isNull()).isTrue();
        assertThat(running.run("history", "--json").json().get("events").findValuesAsText("type"))
                .startsWith("ADOPTED", "DEPLOY_STARTED", "DEPLOYED");
    }

    @Test
    void aFailingDeployCommandMarksTheColourFailed() {
        CliRun.Result deploy = cli.run("deploy", "--version", "1.0", "--", "sh", "-c", "exit 3");
        assertThat(deploy.exit()).isEqualTo(ExitCodes.DEPLOY_FAILED);
        assertThat(deploy.err()).contains("exited with 3");
        assertThat(cli.run("status", "--json").json().at("/environments/blue/status").asText()).isEqualTo("FAILED");
    }

    @Test
    void deployWithoutACommandNeedsADriverThatProvisions() {
        CliRun.Result deploy = cli.run("deploy", "--version", "1.0");
        assertThat(deploy.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(deploy.err()).contains("cannot deploy by itself");
    }

    @Test
    void verifySwitchHistoryAndRetire() throws Exception {
        assertThat(cli.run("deploy", "--version", "1.0", "--", "true").exit()).isZero();
        CliRun.Result verify = cli.run("verify", "--json");
        assertThat(verify.exit()).isEqualTo(ExitCodes.OK);
        JsonNode verified = verify.json();
        assertThat(verified.get("outcome").asText()).isEqualTo("SUCCESSFUL");
        assertThat(verified.at("/reports/0/color").asText()).isEqualTo("BLUE");
        assertThat(verified.at("/reports/0/checks/0/name").asText()).isEqualTo("http GET /health");

        CliRun.Result refused = cli.run("switch");
        assertThat(refused.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(refused.err()).contains("no terminal").contains("--yes");

        CliRun.Result switched = cli.run("switch", "--yes", "--json");
        assertThat(switched.exit()).isEqualTo(ExitCodes.OK);
        assertThat(switched.json().get("live").asText()).isEqualTo("BLUE");
        assertThat(switched.json().at("/approval/verdict").asText()).isEqualTo("GRANTED");
        assertThat(switched.json().get("autoRolledBack").asBoolean()).isFalse();

        cli.run("deploy", "--version", "2.0", "--", "true");
        green.healthy(false);
        CliRun.Result failing = cli.run("verify");
        assertThat(failing.exit()).isEqualTo(ExitCodes.VERIFICATION);
        assertThat(failing.out()).contains("green (2.0): FAILED");

        JsonNode history = cli.run("history", "--json").json();
        assertThat(history.get("service").asText()).isEqualTo("shop");
        assertThat(history.get("events").findValuesAsText("type")).startsWith("DEPLOY_STARTED", "DEPLOYED", "VERIFIED")
                .contains("APPROVAL_GRANTED", "SWITCHED");
        assertThat(history.at("/events/0/actor").asText()).isEqualTo("tester");
        assertThat(cli.run("history", "--limit", "1").out().lines()).hasSize(1);

        CliRun.Result retire = cli.run("retire");
        assertThat(retire.exit()).isEqualTo(ExitCodes.REFUSED);
    }

    @Test
    void planPrintsTheStepsAndChangesNothing() throws Exception {
        cli.run("deploy", "--version", "1.0", "--", "true");
        cli.run("verify");
        byte[] before = Files.readAllBytes(state.resolve("shop.json"));
        CliRun.Result plan = cli.run("plan", "switch", "--yes");
        assertThat(plan.exit()).isEqualTo(ExitCodes.OK);
        assertThat(plan.out()).contains("plan for 'switch --yes'").contains("read back the live colour");
        JsonNode json = cli.run("plan", "--json", "switch", "--yes").json();
        assertThat(json.get("steps").size()).isGreaterThan(1);
        assertThat(Files.readAllBytes(state.resolve("shop.json"))).isEqualTo(before);
        assertThat(cli.run("plan", "status").exit()).isEqualTo(ExitCodes.BAD_INPUT);

        CliRun.Result deploy = cli.run("plan", "deploy", "--version", "2.0", "--", "sh", "-c", "exit 1");
        assertThat(deploy.exit()).isEqualTo(ExitCodes.OK);
        assertThat(deploy.out()).doesNotContain("now runs").containsOnlyOnce("run the deploy command for BLUE");
        assertThat(Files.readAllBytes(state.resolve("shop.json"))).isEqualTo(before);
    }

    @Test
    void theTerminalPromptApprovesOrRejects() throws Exception {
        cli.run("deploy", "--version", "1.0", "--", "true");
        cli.run("verify");
        CliRun.Result rejected = cli.interactive("no").run("switch");
        assertThat(rejected.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(rejected.err()).contains("Approve the switch shop: nothing live -> BLUE (1.0)?").contains("rejected by tester");
        CliRun.Result approved = cli.interactive("yes").run("switch");
        assertThat(approved.exit()).isEqualTo(ExitCodes.OK);
        assertThat(approved.out()).contains("BLUE is live");
    }

    @Test
    void aFailedCommandWithJsonPrintsOneJsonObjectSayingWhatChanged() throws Exception {
        CliRun.Result refused = cli.run("rollback", "--json");
        assertThat(refused.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(refused.out()).as("stdout").isNotBlank();
        JsonNode json = refused.json();
        assertThat(json.get("schema").asInt()).isEqualTo(1);
        assertThat(json.get("service").asText()).isEqualTo("shop");
        assertThat(json.get("exitCode").asInt()).isEqualTo(ExitCodes.REFUSED);
        assertThat(json.get("error").asText()).contains("nothing is live yet");
        assertThat(json.get("changed").asText()).startsWith("the router and the live record are unchanged");

        Files.writeString(dir.resolve("bluegreen.yaml"), "service: shop\ndriver: {type: nop}\n");
        JsonNode badSpec = cli.run("status", "--json").json();
        assertThat(badSpec.get("exitCode").asInt()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badSpec.get("service").isNull()).as("the spec could not be read").isTrue();
        assertThat(badSpec.get("error").asText()).startsWith("driver.type: unknown type 'nop'");
        assertThat(badSpec.get("changed").asText()).isEqualTo("nothing");
    }

    @Test
    void anUnansweredQuestionTimesOutWithTheTimeoutAsItWasWritten() {
        cli.run("deploy", "--version", "1.0", "--", "true");
        cli.run("verify");
        CliRun.Result unanswered = cli.interactive(() -> {
            try {
                Thread.sleep(10_000); // nobody answers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }).run("switch", "--approve-timeout", "1s");
        assertThat(unanswered.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(unanswered.err()).contains("Type 'yes' within 1s to switch").contains("nobody approved the switch to BLUE within 1s;")
                .doesNotContain("PT1S");
        assertThat(cli.run("history").out()).contains("no answer within 1s; aborted");
    }

    @Test
    void rollbackAndReconcileFollowTheRouter() throws Exception {
        cli.run("deploy", "--version", "1.0", "--", "true");
        cli.run("verify");
        cli.run("switch", "--yes");
        writeSpec("blue");
        cli.run("deploy", "--version", "2.0", "--", "true");
        cli.run("verify");
        assertThat(cli.run("switch", "--yes").exit()).isZero();
        CliRun greenLive = new CliRun(writeSpec("green"), state);
        CliRun.Result rollback = greenLive.run("rollback", "--reason", "bad numbers", "--json");
        assertThat(rollback.exit()).isEqualTo(ExitCodes.OK);
        assertThat(rollback.json().get("live").asText()).isEqualTo("BLUE");
        assertThat(rollback.json().get("rtoMillis").asLong()).isNotNegative();
        CliRun.Result drifted = new CliRun(writeSpec("green"), state).run("status", "--json");
        assertThat(drifted.json().get("drift").asText()).contains("the router serves GREEN but the record says BLUE");
        assertThat(new CliRun(writeSpec("green"), state).run("reconcile").out()).contains("GREEN (2.0)");
        assertThat(new CliRun(writeSpec("green"), state).run("drill", "--json").json().get("live").asText()).isEqualTo("GREEN");
        assertThat(new CliRun(writeSpec("green"), state).run("retire", "--force").exit()).isZero();
    }
}
