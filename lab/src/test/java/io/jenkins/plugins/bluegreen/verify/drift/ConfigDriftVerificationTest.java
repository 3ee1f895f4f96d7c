package io.jenkins.plugins.bluegreen.verify.drift;

import static io.jenkins.plugins.bluegreen.model.Color.BLUE;
import static io.jenkins.plugins.bluegreen.model.Color.GREEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.approval.ApprovalDecision;
import io.jenkins.plugins.bluegreen.approval.ApprovalGate;
import io.jenkins.plugins.bluegreen.approval.ApprovalPolicy;
import io.jenkins.plugins.bluegreen.approval.ApprovalRequest;
import io.jenkins.plugins.bluegreen.demo.DemoBackend;
import io.jenkins.plugins.bluegreen.driver.NoopDriver;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.CheckResult;
import io.jenkins.plugins.bluegreen.model.ConfigDrift;
import io.jenkins.plugins.bluegreen.model.EnvironmentStatus;
import io.jenkins.plugins.bluegreen.model.Event;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.model.KeyDrift;
import io.jenkins.plugins.bluegreen.model.Outcome;
import io.jenkins.plugins.bluegreen.model.RefusedException;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine.SwitchOptions;
import io.jenkins.plugins.bluegreen.release.Results.Verified;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.store.JsonFileStateStore;
import io.jenkins.plugins.bluegreen.store.StateJson;
import io.jenkins.plugins.bluegreen.verify.HttpCheck;
import io.jenkins.plugins.bluegreen.verify.VerifyTarget;
import io.jenkins.plugins.bluegreen.view.ServiceView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration comparison at verification, against two real loopback backends answering {@code /config}: BLUE
 * 1.0 is live, GREEN 2.0 is deployed next to it and verified.
 */
class ConfigDriftVerificationTest {

    private static final String SECRET = "s3cr3t-Pa55w0rd-never-shown";
    private static final String OTHER_SECRET = "another-s3cr3t-value";

    @TempDir
    Path stateDir;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();
    private DemoBackend blue;
    private DemoBackend green;
    private JsonFileStateStore store;
    private BlueGreenEngine engine;
    private ServiceDefinition shop;

    @BeforeEach
    void start() throws Exception {
        blue = DemoBackend.start(BLUE, "1.0", 0);
        green = DemoBackend.start(GREEN, "2.0", 0);
        store = new JsonFileStateStore(stateDir);
        engine = new BlueGreenEngine(store, http, Clock.systemUTC(), log::add);
        shop = ServiceDefinition.of("shop", new NoopDriver(BLUE)).withUrls(blue.url(), green.url())
                .withFingerprint(endpoint("/config", DriftPolicy.WARN));
        engine.adopt(shop, null, "1.0", "alice");
        engine.deploy(shop, "2.0", "alice", target -> { });
    }

    @AfterEach
    void stop() {
        blue.close();
        green.close();
    }

    private static FingerprintSettings endpoint(String path, DriftPolicy policy) {
        return new FingerprintSettings(path, null, null, null, policy, Duration.ofSeconds(2));
    }

    private Verified verify(ServiceDefinition definition) {
        return engine.verify(definition, List.of(HttpCheck.get("/health")), VerifyTarget.IDLE, "alice");
    }

    private static CheckResult comparison(Verified verified) {
        return verified.reports().get(0).checks().stream().filter(c -> c.name().startsWith("configuration drift")).findFirst().orElseThrow();
    }

    private List<Event> events(EventType type) {
        return store.load("shop").events().stream().filter(e -> e.type() == type).toList();
    }

    @Test
    void identicalConfigurationsHaveNoDrift() {
        blue.configuration("{\"color\":\"blue\",\"version\":\"1.0\",\"build\":{\"time\":\"10:00\"},\"features\":{\"checkout\":\"v1\"}}");
        green.configuration("{\"color\":\"green\",\"version\":\"2.0\",\"build\":{\"time\":\"11:00\"},\"features\":{\"checkout\":\"v1\"}}");

        Verified verified = verify(shop);

        assertThat(verified.outcome()).isEqualTo(Outcome.SUCCESSFUL);
        assertThat(comparison(verified).detail()).startsWith("no drift: 1 keys are the same on GREEN and BLUE");
        assertThat(verified.reports().get(0).configDrift().drifted()).isFalse();
        assertThat(store.load("shop").green().status()).isEqualTo(EnvironmentStatus.VERIFIED);
        assertThat(events(EventType.DRIFT_FOUND)).isEmpty();
    }

    @Test
    void aChangedFeatureFlagIsDriftNamedWithBothValuesAndTheBuildIsLeftToAPerson() {
        blue.configuration("{\"features\":{\"checkout\":\"v1\",\"search\":\"on\"},\"pool\":[4,8]}");
        green.configuration("{\"features\":{\"checkout\":\"v2\",\"search\":\"on\"},\"pool\":[4,8]}");

        Verified verified = verify(shop);

        assertThat(verified.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        ConfigDrift drift = verified.reports().get(0).configDrift();
        assertThat(drift.keysCompared()).isEqualTo(4);
        assertThat(drift.differences()).containsExactly(
                new KeyDrift("features.checkout", KeyDrift.Difference.CHANGED, false, "v1", "v2"));
        assertThat(drift.lines()).containsExactly("features.checkout: BLUE 'v1', GREEN 'v2'");
        assertThat(comparison(verified).detail()).contains("1 of 4 keys differ between GREEN and live BLUE: features.checkout")
                .contains("drift: warn");
        assertThat(store.load("shop").green().status()).as("not verified: a person decides").isEqualTo(EnvironmentStatus.DEPLOYED);
        assertThat(events(EventType.DRIFT_FOUND)).singleElement().satisfies(event -> {
            assertThat(event.color()).isEqualTo(GREEN);
            assertThat(event.detail()).contains("features.checkout").doesNotContain("v1").doesNotContain("v2");
        });
    }

    @Test
    void aKeyPresentOnOneSideOnlyIsDrift() {
        blue.configuration("{\"cache\":{\"ttl\":\"60\"},\"legacy\":\"yes\"}");
        green.configuration("{\"cache\":{\"ttl\":\"60\"},\"newFlag\":\"true\"}");

        ConfigDrift drift = verify(shop).reports().get(0).configDrift();

        assertThat(drift.differences()).extracting(KeyDrift::key, KeyDrift::difference).containsExactly(
                org.assertj.core.groups.Tuple.tuple("legacy", KeyDrift.Difference.ONLY_ON_LIVE),
                org.assertj.core.groups.Tuple.tuple("newFlag", KeyDrift.Difference.ONLY_ON_IDLE));
        assertThat(drift.lines()).containsExactly("legacy: BLUE 'yes', GREEN (missing)", "newFlag: BLUE (missing), GREEN 'true'");
    }

    @Test
    void driftFailFailsTheVerificationNamingTheKeys() {
        blue.configuration("{\"features\":{\"checkout\":\"v1\"}}");
        green.configuration("{\"features\":{\"checkout\":\"v2\"}}");

        Verified verified = verify(shop.withDriftPolicy(DriftPolicy.FAIL));

        assertThat(verified.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(comparison(verified).detail()).contains("features.checkout").contains("drift: fail");
        assertThat(store.load("shop").green().status()).isEqualTo(EnvironmentStatus.FAILED);
    }

    @Test
    void driftIgnoreReadsNothing() {
        blue.close();
        ServiceDefinition ignoring = shop.withDriftPolicy(DriftPolicy.IGNORE);

        Verified verified = verify(ignoring);

        assertThat(verified.outcome()).isEqualTo(Outcome.SUCCESSFUL);
        assertThat(verified.reports().get(0).configDrift()).isNull();
        assertThat(log).contains("shop: configuration drift not compared: drift: ignore");
    }

    @Test
    void aDriftPolicyWithoutAFingerprintIsBadInputNamingTheField() {
        ServiceDefinition without = ServiceDefinition.of("shop", new NoopDriver(BLUE));
        assertThatThrownBy(() -> without.withDriftPolicy(DriftPolicy.FAIL)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("drift: 'fail' needs a fingerprint, and shop has none");
        assertThat(without.withDriftPolicy(DriftPolicy.IGNORE)).isSameAs(without);
    }

    @Test
    void anEndpointThatIsDownIsAnErrorNotSuccessful() {
        blue.close();
        Verified verified = verify(shop);

        assertThat(verified.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(comparison(verified).detail()).contains("could not compare the configurations (GET /config)")
                .contains("no answer from GET " + blue.url() + "/config");
        assertThat(verified.reports().get(0).configDrift()).isNull();
        assertThat(store.load("shop").green().status()).isEqualTo(EnvironmentStatus.DEPLOYED);
    }

    @Test
    void anAnswerThatIsNotJsonIsAnErrorThatDoesNotQuoteIt() {
        ServiceDefinition health = shop.withFingerprint(endpoint("/health", DriftPolicy.WARN));
        Verified verified = verify(health);
        assertThat(verified.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(comparison(verified).detail()).contains("did not answer valid JSON").doesNotContain("ok");
    }

    @Test
    void aCommandPrintsEachColoursKeysWithBgColorAndBgUrlSet() {
        ServiceDefinition byCommand = shop.withFingerprint(new FingerprintSettings(null,
                "echo \"url=$BG_URL\"; echo '# a comment'; echo; if [ \"$BG_COLOR\" = green ]; then echo flag=on; else echo flag=off; fi",
                List.of("url"), null, DriftPolicy.WARN, Duration.ofSeconds(5)));

        Verified verified = verify(byCommand);

        assertThat(verified.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(verified.reports().get(0).configDrift().lines()).containsExactly("flag: BLUE 'off', GREEN 'on'");
    }

    @Test
    void aCommandThatFailsIsAnErrorWithItsExitCodeAndStderr() {
        ServiceDefinition failing = shop.withFingerprint(new FingerprintSettings(null, "echo config store unreachable >&2; exit 3",
                null, null, DriftPolicy.WARN, Duration.ofSeconds(5)));

        Verified verified = verify(failing);

        assertThat(verified.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(comparison(verified).detail()).contains("exited with 3: config store unreachable")
                .contains("run it by hand with BG_COLOR=");
    }

    @Test
    void aCommandPrintingSomethingElseIsAnErrorThatDoesNotQuoteTheLine() {
        ServiceDefinition garbled = shop.withFingerprint(new FingerprintSettings(null, "echo a=1; echo nwohs-reven | rev",
                null, null, DriftPolicy.WARN, Duration.ofSeconds(5)));

        Verified verified = verify(garbled);

        assertThat(verified.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(comparison(verified).detail()).contains("printed line 2 without a key").doesNotContain("never-shown");
    }

    @Test
    void secretLookingValuesAreComparedByHashAndNeverShownInTheStateTheLogOrTheReports() throws Exception {
        blue.configuration("{\"db\":{\"password\":\"" + SECRET + "\",\"url\":\"jdbc:a\"},\"apiToken\":\"" + OTHER_SECRET
                + "\",\"signingKey\":\"same-key-both-sides\"}");
        green.configuration("{\"db\":{\"password\":\"" + OTHER_SECRET + "\",\"url\":\"jdbc:a\"},\"apiToken\":\"" + OTHER_SECRET
                + "\",\"signingKey\":\"same-key-both-sides\"}");

        Verified verified = verify(shop);

        ConfigDrift drift = verified.reports().get(0).configDrift();
        assertThat(drift.differences()).containsExactly(new KeyDrift("db.password", KeyDrift.Difference.CHANGED, true, null, null));
        assertThat(drift.lines()).containsExactly("db.password: BLUE (secret, differs; not shown), GREEN (secret, differs; not shown)");
        ApprovalRequest request = engine.approvalRequest(shop, "ship it?", false);
        ServiceView view = ServiceView.of(store.load("shop"), Optional.of(BLUE), null);
        assertThat(view.configDrift().rows()).singleElement().satisfies(row -> assertThat(row.live()).startsWith("(secret"));

        String everything = String.join("\n", log) + String.join("\n", request.describe()) + view
                + Files.readString(stateDir.resolve("shop.json"));
        assertThat(everything).contains("db.password").doesNotContain(SECRET).doesNotContain(OTHER_SECRET)
                .doesNotContain("same-key-both-sides").doesNotContain("sha256:");
    }

    @Test
    void aPersonDecidesAtTheApprovalWhetherDriftMayGoLive() {
        blue.configuration("{\"features\":{\"checkout\":\"v1\"}}");
        green.configuration("{\"features\":{\"checkout\":\"v2\"}}");
        verify(shop);

        assertThatThrownBy(() -> engine.switchTraffic(shop, SwitchOptions.unattended("cron"))).isInstanceOf(RefusedException.class)
                .hasMessageContaining("its verification was INCONCLUSIVE, so a person must decide");
        ApprovalPolicy proceedOnTimeout = new ApprovalPolicy(Duration.ofMillis(50), ApprovalPolicy.OnTimeout.PROCEED, null);
        assertThatThrownBy(() -> engine.switchTraffic(shop, new SwitchOptions("cron",
                (request, timeout) -> ApprovalDecision.timedOut(), proceedOnTimeout, false)))
                .as("a timeout is nobody deciding").isInstanceOf(RefusedException.class);
        assertThat(store.load("shop").live()).isEqualTo(BLUE);

        ApprovalRequest shown = engine.approvalRequest(shop, null, false);
        assertThat(shown.configDriftLines()).containsExactly("CONFIGURATION DRIFT: GREEN differs from live BLUE in 1 of 1 keys:",
                "  features.checkout: BLUE 'v1', GREEN 'v2'");
        assertThat(StateJson.fromJson(StateJson.toJson(shown), ApprovalRequest.class, "build.xml").configDrift())
                .as("the plugin keeps a pending approval as JSON").isEqualTo(shown.configDrift());
        engine.switchTraffic(shop, new SwitchOptions("ci", ApprovalGate.autoApprove("release-manager"),
                ApprovalPolicy.abortAfter(Duration.ofSeconds(5)), false));

        ServiceState state = store.load("shop");
        assertThat(state.live()).isEqualTo(GREEN);
        assertThat(state.events()).filteredOn(e -> e.type() == EventType.VERIFIED).last().extracting(Event::detail)
                .isEqualTo("verification of GREEN (2.0): INCONCLUSIVE, accepted by release-manager at the approval");
    }

    @Test
    void withNothingLiveThereIsNothingToCompare() {
        ServiceDefinition fresh = ServiceDefinition.of("other", new NoopDriver(null)).withUrls(blue.url(), green.url())
                .withFingerprint(endpoint("/config", DriftPolicy.FAIL));
        engine.deploy(fresh, "1.0", "alice", target -> { });

        Verified verified = engine.verify(fresh, List.of(HttpCheck.get("/health")), VerifyTarget.IDLE, "alice");

        assertThat(verified.outcome()).isEqualTo(Outcome.SUCCESSFUL);
        assertThat(log).contains("other: configuration drift not compared: nothing is live yet");
    }
}
