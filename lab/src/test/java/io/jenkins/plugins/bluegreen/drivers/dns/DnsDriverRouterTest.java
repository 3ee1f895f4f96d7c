package io.jenkins.plugins.bluegreen.drivers.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.OutcomeUnknownException;
import io.jenkins.plugins.bluegreen.driver.ServerAnswers.ServerAnswer;
import io.jenkins.plugins.bluegreen.lab.DnsLab;
import io.jenkins.plugins.bluegreen.lab.ReleaseScenario;
import io.jenkins.plugins.bluegreen.lab.TestPrerequisites;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Event;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.model.RefusedException;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine.SwitchOptions;
import io.jenkins.plugins.bluegreen.release.Results.Prepared;
import io.jenkins.plugins.bluegreen.release.Results.Status;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dns driver through the engine against a real BIND 9 primary and a Knot DNS secondary on loopback: the
 * switch, its read-back on both servers, rollback, the TTL choreography, and the faults. Every fault leaves the
 * record as it was (blue, recorded and served).
 */
class DnsDriverRouterTest {

    static final List<String> BLUE = List.of("192.0.2.10");
    static final List<String> GREEN = List.of("192.0.2.20", "2001:db8::20");
    private static final SwitchOptions UNATTENDED = SwitchOptions.unattended(ReleaseScenario.ACTOR);

    private ReleaseScenario scenario;
    private DnsLab lab;
    private DnsDriver driver;
    private ServiceDefinition def;

    @BeforeEach
    void requireServers() throws Exception {
        TestPrerequisites.requireProgram("named", "bind9");
        TestPrerequisites.requireProgram("knotd", "knot");
        scenario = ReleaseScenario.start();
    }

    /** BIND primary and Knot secondary, the record on blue with {@code ttl}; green staged to switch with {@code switchTtl}. */
    private void startWithGreenStaged(Duration ttl, String switchTtl) {
        lab = DnsLab.start(BLUE, ttl, new DnsLab.Servers(true, false));
        driver = driver(DnsLab.UPDATE_KEY, lab.secretReference(DnsLab.UPDATE_KEY), switchTtl);
        def = ServiceDefinition.of(ReleaseScenario.SERVICE, driver).withUrls(scenario.blue.url(), scenario.green.url())
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ZERO).withKeepOld(Duration.ofHours(1));
        scenario.liveOnBlueWithGreenStaged(def);
    }

    private DnsDriver driver(String key, String secretReference, String switchTtl) {
        DnsDriverConfig c = lab.driverConfig(BLUE, GREEN, key, switchTtl);
        return (DnsDriver) new DnsDriverConfig(c.zone(), c.record(), c.blue(), c.green(), c.primary(), c.servers(), c.tsigKey(),
                c.tsigAlgorithm(), secretReference, c.switchTtl(), c.watchResolver(), c.timeout()).create(null, DnsLab.secrets());
    }

    @AfterEach
    void stopServers() {
        if (lab != null) {
            lab.close();
        }
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    void aReleaseLowersTheTtlWaitsItOutSwitchesRollsBackAndRestoresTheTtlAtRetire() {
        startWithGreenStaged(Duration.ofSeconds(3), "1s");
        assertThat(driver.health().detail()).contains("accepts TSIG key 'bluegreen-update'");
        assertThat(driver.serverAnswers()).extracting(ServerAnswer::color).containsExactly(Color.BLUE, Color.BLUE);

        assertThatThrownBy(() -> scenario.engine.switchTraffic(def, UNATTENDED)).isInstanceOf(RefusedException.class)
                .hasMessageContaining("the answer's TTL is 3 s, above switchTtl 1 s").hasMessageContaining("Run 'prepare' first");
        Prepared lowered = scenario.engine.prepare(def, ReleaseScenario.ACTOR, false);
        assertThat(lowered.lowered().original()).isEqualTo(Duration.ofSeconds(3));
        assertThat(driver.serverAnswers()).allSatisfy(answer -> assertThat(answer.answer()).contains("(TTL 1 s)"));
        assertThatThrownBy(() -> scenario.engine.switchTraffic(def, UNATTENDED)).isInstanceOf(RefusedException.class)
                .hasMessageContaining("answers cached with the old TTL of 3 s may live until");

        Prepared waited = scenario.engine.prepare(def, ReleaseScenario.ACTOR, true);
        scenario.engine.switchTraffic(def, UNATTENDED);

        assertThat(waited.waitedMillis()).as("the old TTL was waited out").isGreaterThanOrEqualTo(1_000L);
        assertThat(scenario.state().live()).isEqualTo(Color.GREEN);
        assertThat(driver.serverAnswers()).extracting(ServerAnswer::color).containsExactly(Color.GREEN, Color.GREEN);
        assertThat(driver.servedTtl()).isEqualTo(Duration.ofSeconds(1));

        scenario.engine.rollback(def, ReleaseScenario.ACTOR, "router test");
        assertThat(driver.serverAnswers()).extracting(ServerAnswer::color).containsExactly(Color.BLUE, Color.BLUE);
        assertThat(lastEvent().detail()).contains("resolvers converge within 1 s");

        assertThatThrownBy(() -> scenario.engine.retire(def, ReleaseScenario.ACTOR, false)).isInstanceOf(RefusedException.class);
        assertThat(driver.servedTtl()).as("the TTL stays low while a rollback may be needed").isEqualTo(Duration.ofSeconds(1));
        scenario.engine.retire(def, ReleaseScenario.ACTOR, true);

        assertThat(scenario.state().loweredTtl()).isNull();
        assertThat(eventually(driver::servedTtl, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(driver.serverAnswers()).allSatisfy(answer -> assertThat(answer.answer()).contains("A 192.0.2.10 (TTL 3 s)"));
        assertThat(scenario.state().events()).extracting(Event::type).containsSubsequence(EventType.TTL_LOWERED,
                EventType.TTL_WAITED, EventType.SWITCHED, EventType.ROLLED_BACK, EventType.RETIRED, EventType.TTL_RESTORED);
    }

    @Test
    void aWrongTsigSecretIsRefusedWithBadsigAndNothingChanges() {
        startWithGreenStaged(Duration.ofSeconds(5), "5s");
        DnsDriver wrongSecret = driver(DnsLab.UPDATE_KEY, lab.secretReference("wrong"), "5s");

        assertThat(wrongSecret.health().healthy()).isFalse();
        assertThat(wrongSecret.health().detail()).contains("NOTAUTH (BADSIG)").contains("dns.tsigSecretRef");
        assertThatThrownBy(() -> wrongSecret.switchTo(Color.GREEN)).isInstanceOf(DriverException.class)
                .hasMessageContaining("NOTAUTH (BADSIG)").hasMessageContaining("nothing was changed");
        assertThatThrownBy(() -> scenario.engine.switchTraffic(def.withDriver(wrongSecret), UNATTENDED))
                .isInstanceOf(DriverException.class).hasMessageContaining("not healthy").hasMessageContaining("BADSIG");
        assertUnchangedOnBlue();
        String wrong = DnsLab.secrets().resolve("test", lab.secretReference("wrong"));
        assertThat(String.join("\n", scenario.log) + scenario.state() + wrongSecret.health().detail()).doesNotContain(wrong);
    }

    @Test
    void anUpdateTheServersPolicyRefusesIsAFailedSwitchAndNothingChanges() {
        startWithGreenStaged(Duration.ofSeconds(5), "5s");
        DnsDriver readOnly = driver(DnsLab.READONLY_KEY, lab.secretReference(DnsLab.READONLY_KEY), "5s");
        assertThat(readOnly.health().healthy()).as("the key itself is accepted").isTrue();

        assertThatThrownBy(() -> scenario.engine.switchTraffic(def.withDriver(readOnly), UNATTENDED))
                .isInstanceOf(DriverException.class).hasMessageContaining("REFUSED").hasMessageContaining("update policy");

        assertThat(lastEvent().type()).isEqualTo(EventType.SWITCH_FAILED);
        assertUnchangedOnBlue();
    }

    @Test
    void aPrimaryThatIsDownIsRefusedBeforeAnythingIsSent() {
        startWithGreenStaged(Duration.ofSeconds(5), "5s");
        lab.stopPrimary();

        assertThatThrownBy(() -> scenario.engine.switchTraffic(def, UNATTENDED)).isInstanceOf(DriverException.class)
                .hasMessageContaining("not healthy").hasMessageContaining("dns primary " + lab.primary())
                .hasMessageContaining("nothing was changed");

        assertThat(scenario.state().live()).isEqualTo(Color.BLUE);
        Status status = scenario.engine.status(def);
        assertThat(status.routerHealth()).startsWith("unreachable");
        assertThat(driver.serverAnswers()).last().satisfies(secondary -> assertThat(secondary.color()).isEqualTo(Color.BLUE));
    }

    @Test
    void aSecondaryThatHasNotCaughtUpLeavesTheOutcomeUnknownAndStatusShowsEachServer() {
        startWithGreenStaged(Duration.ofSeconds(5), "5s");
        lab.freezeSecondary();

        assertThatThrownBy(() -> scenario.engine.switchTraffic(def, UNATTENDED)).isInstanceOf(OutcomeUnknownException.class)
                .hasMessageContaining("not every dns server serves GREEN after 2000 ms")
                .hasMessageContaining(lab.primary() + ": GREEN").hasMessageContaining(lab.secondary() + ": BLUE")
                .hasMessageContaining("The record still says BLUE");

        assertThat(scenario.state().live()).isEqualTo(Color.BLUE);
        assertThat(lastEvent().type()).isEqualTo(EventType.SWITCH_OUTCOME_UNKNOWN);
        assertThat(lastEvent().detail()).contains(lab.secondary() + ": BLUE");
        Status status = scenario.engine.status(def);
        assertThat(status.servers()).extracting(ServerAnswer::color).containsExactly(Color.GREEN, Color.BLUE);
        assertThat(status.drift()).contains("the servers disagree");

        lab.thawSecondary();
        assertThat(eventually(driver::observeLive, Duration.ofSeconds(5))).contains(Color.GREEN);
        scenario.engine.reconcile(def, ReleaseScenario.ACTOR);
        assertThat(scenario.state().live()).isEqualTo(Color.GREEN);
    }

    @Test
    void withoutServersListedTheReadBackAsksTheZonesNsSet() {
        lab = DnsLab.start(BLUE, Duration.ofSeconds(5), new DnsLab.Servers(false, false));
        DnsDriver nsSet = driver(DnsLab.UPDATE_KEY, lab.secretReference(DnsLab.UPDATE_KEY), "5s");

        // The lab's zone names ns1 and ns2, both 127.0.0.1: on the primary's port that is the primary itself, once.
        assertThat(nsSet.servers()).containsExactly(lab.primary());
        assertThat(nsSet.observeLive()).contains(Color.BLUE);
    }

    private void assertUnchangedOnBlue() {
        assertThat(scenario.state().live()).isEqualTo(Color.BLUE);
        assertThat(driver.serverAnswers()).extracting(ServerAnswer::color).containsExactly(Color.BLUE, Color.BLUE);
        assertThat(scenario.engine.status(def).drifted()).isFalse();
    }

    private Event lastEvent() {
        List<Event> events = scenario.state().events();
        return events.get(events.size() - 1);
    }

    /** The value once it stops changing towards the expected one, read for at most {@code limit}. */
    private static <T> T eventually(Supplier<T> read, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        T first = read.get();
        T value = first;
        while (System.nanoTime() < deadline && value.equals(first)) {
            sleep(50);
            value = read.get();
        }
        return value;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
