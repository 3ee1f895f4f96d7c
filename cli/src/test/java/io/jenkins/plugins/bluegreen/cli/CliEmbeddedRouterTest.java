package io.jenkins.plugins.bluegreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.bluegreen.cli.embedded.EmbeddedRouter;
import io.jenkins.plugins.bluegreen.demo.DemoBackend;
import io.jenkins.plugins.bluegreen.model.Color;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every traffic-moving command through the embedded router, watched on its public URL. The router serves blue when
 * each test starts, as a service's router does before bluegreen takes it over, so the first deployment adopts blue
 * and goes to green.
 */
class CliEmbeddedRouterTest {

    @TempDir
    Path dir;

    private Backends backends;
    private DemoBackend blue;
    private DemoBackend green;
    private EmbeddedRouter router;
    private CliRun cli;
    private Path state;

    @BeforeEach
    void setUp() throws Exception {
        backends = Backends.start();
        blue = backends.blue();
        green = backends.green();
        router = EmbeddedRouter.start(blue.url(), green.url(), Color.BLUE, 0, 0);
        Path spec = dir.resolve("bluegreen.yaml");
        Files.writeString(spec, """
                service: shop
                urls: {blue: %s, green: %s}
                publicUrl: %s
                driver: {type: embedded, admin: %s}
                checks:
                  - {type: http, path: /health, interval: 100ms, timeout: 2s}
                  - {type: warmUp, path: /, requests: 20, p95: 2s}
                watch: {window: 1s, probesPerSecond: 20}
                """.formatted(blue.url(), green.url(), router.publicUrl(), router.adminUrl()));
        state = dir.resolve("state");
        cli = new CliRun(spec, state);
    }

    @AfterEach
    void tearDown() throws Exception {
        router.close();
        backends.close();
    }

    @Test
    void onATerminalTheSwitchAsksAndShowsProgress() {
        release("2.0");
        CliRun.Result switched = cli.interactive("yes").run("switch");
        assertThat(switched.exit()).as(switched.err()).isZero();
        assertThat(switched.err()).contains("Approve the switch shop: BLUE -> GREEN (2.0)?")
                .contains("switching shop: ").contains("probes ");
        assertThat(switched.out()).contains("GREEN is live").contains("report: ");
    }

    @Test
    void theProgressLineWaitsWhileTheApprovalQuestionIsOpen() throws Exception {
        release("1.0");
        StringWriter err = new StringWriter();
        AtomicReference<String> shownWhileAsking = new AtomicReference<>();
        Supplier<String> personAnsweringAfterASecond = () -> {
            sleep(1300); // the progress line refreshes every 250 ms
            shownWhileAsking.set(err.toString());
            return "yes";
        };
        Terminal terminal = new Terminal(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), true,
                personAnsweringAfterASecond, Map.of());

        int exit = BlueGreenCommand.run(terminal, "--spec", dir.resolve("bluegreen.yaml").toString(), "--state-dir", state.toString(),
                "switch");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(shownWhileAsking.get()).endsWith("Type 'yes' within 15m to switch, anything else to reject: ");
        assertThat(err.toString()).contains("switching shop: ");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void release(String version) {
        assertThat(cli.run("deploy", "--version", version, "--", "true").exit()).isZero();
        assertThat(cli.run("verify").exit()).isZero();
    }

    @Test
    void aReleaseWithRollbackDrillReconcileAndRetire() throws Exception {
        release("2.0");

        CliRun.Result switched = cli.run("switch", "--yes", "--json");
        assertThat(switched.exit()).as(switched.err()).isEqualTo(ExitCodes.OK);
        JsonNode json = switched.json();
        assertThat(json.get("live").asText()).isEqualTo("GREEN");
        assertThat(json.at("/watch/to").asText()).isEqualTo("GREEN");
        assertThat(json.at("/watch/probes").asInt()).isPositive();
        assertThat(json.at("/watch/failed").asLong()).isZero();
        assertThat(json.at("/watch/timeToAllNewMillis").asLong()).isNotNegative();
        Path svg = Path.of(json.at("/report/svg").asText());
        assertThat(svg).exists().startsWith(state.toAbsolutePath());
        assertThat(Files.readString(svg)).startsWith("<svg");
        assertThat(Path.of(json.at("/report/html").asText())).exists().content().contains("<html");
        assertThat(cli.run("switch", "--yes").exit()).as("nothing new to switch to").isEqualTo(ExitCodes.REFUSED);
        assertThat(router.live()).isEqualTo(Color.GREEN);

        JsonNode status = cli.run("status", "--json").json();
        assertThat(status.get("observed").asText()).isEqualTo("GREEN");
        assertThat(status.get("drift").isNull()).isTrue();

        CliRun.Result rollback = cli.run("rollback", "--reason", "test", "--json");
        assertThat(rollback.exit()).as(rollback.err()).isZero();
        assertThat(rollback.json().get("live").asText()).isEqualTo("BLUE");
        assertThat(router.live()).isEqualTo(Color.BLUE);

        CliRun.Result drill = cli.run("drill", "--json");
        assertThat(drill.exit()).as(drill.err()).isZero();
        assertThat(drill.json().get("live").asText()).isEqualTo("BLUE");
        assertThat(drill.json().at("/back/failed").asLong()).isZero();

        router.switchTo(Color.GREEN);
        assertThat(cli.run("status", "--json").json().get("drift").asText()).contains("router serves GREEN");
        assertThat(cli.run("switch", "--yes").exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(cli.run("reconcile").exit()).isZero();
        assertThat(cli.run("status", "--json").json().get("live").asText()).isEqualTo("GREEN");

        assertThat(cli.run("retire", "--force").exit()).isZero();
        assertThat(cli.run("history").out()).contains("ADOPTED").contains("RETIRED").contains("RECONCILED").contains("DRILL");
    }

    @Test
    void aFailingNewVersionIsRolledBackByTheWatchWindow() throws Exception {
        release("2.0");
        green.failing(true);
        CliRun.Result switched = cli.run("switch", "--yes", "--json");
        assertThat(switched.exit()).isEqualTo(ExitCodes.VERIFICATION);
        assertThat(switched.json().get("autoRolledBack").asBoolean()).isTrue();
        assertThat(switched.json().get("live").asText()).isEqualTo("BLUE");
        assertThat(router.live()).isEqualTo(Color.BLUE);
    }

    @Test
    void aStoppedRouterIsExitThreeAndNothingIsRecorded() throws Exception {
        release("1.0");
        byte[] before = Files.readAllBytes(state.resolve("shop.json"));
        router.close();
        CliRun.Result switched = cli.run("switch", "--yes");
        assertThat(switched.exit()).isEqualTo(ExitCodes.DRIVER);
        assertThat(switched.err()).contains("embedded router");
        assertThat(Files.readAllBytes(state.resolve("shop.json"))).isEqualTo(before);
    }
}
