package io.jenkins.plugins.bluegreen.release;

import static io.jenkins.plugins.bluegreen.model.Color.BLUE;
import static io.jenkins.plugins.bluegreen.model.Color.GREEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.approval.ApprovalDecision;
import io.jenkins.plugins.bluegreen.approval.ApprovalGate;
import io.jenkins.plugins.bluegreen.approval.ApprovalPolicy;
import io.jenkins.plugins.bluegreen.approval.ApprovalRequest;
import io.jenkins.plugins.bluegreen.approval.BlockingApprovalGate;
import io.jenkins.plugins.bluegreen.demo.DemoBackend;
import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.FaultInjectingDriver;
import io.jenkins.plugins.bluegreen.driver.FaultInjectingDriver.Fault;
import io.jenkins.plugins.bluegreen.driver.NoopDriver;
import io.jenkins.plugins.bluegreen.driver.OutcomeUnknownException;
import io.jenkins.plugins.bluegreen.driver.PreviewUrls;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.EnvironmentStatus;
import io.jenkins.plugins.bluegreen.model.Event;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.model.Outcome;
import io.jenkins.plugins.bluegreen.model.RefusedException;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine.SwitchOptions;
import io.jenkins.plugins.bluegreen.store.InMemoryStateStore;
import io.jenkins.plugins.bluegreen.store.LeaseHeldException;
import io.jenkins.plugins.bluegreen.verify.HttpCheck;
import io.jenkins.plugins.bluegreen.verify.VerifyTarget;
import io.jenkins.plugins.bluegreen.watch.ProbeSample;
import io.jenkins.plugins.bluegreen.watch.SwitchReport;
import io.jenkins.plugins.bluegreen.watch.WatchPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The orchestration against the in-memory fault-injecting router and real loopback backends for the checks. The
 * public URL is "probed" by reading the in-memory router, since no real router sits in front of it here; the
 * driver tests do the same through real HAProxy, nginx and Caddy.
 */
class BlueGreenEngineTest {

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();
    private DemoBackend blue;
    private DemoBackend green;
    private FaultInjectingDriver router;
    private ServiceDefinition shop;
    private BlueGreenEngine engine;
    /** Colours whose answers through the public URL fail, as a bad release would. */
    private final List<Color> failingThroughRouter = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        blue = DemoBackend.start(BLUE, "1.0", 0);
        green = DemoBackend.start(GREEN, "2.0", 0);
        router = new FaultInjectingDriver(null);
        shop = ServiceDefinition.of("shop", router)
                .withUrls(blue.url(), green.url())
                .withPublicUrl("http://public.invalid/", new WatchPolicy(Duration.ofMillis(300), 100, 0, true))
                .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(300), Duration.ZERO);
        engine = new BlueGreenEngine(store, http, Clock.systemUTC(), log::add).withProbes(def -> this::probeRouter);
    }

    private ProbeSample probeRouter(long atMillis) {
        Color served = router.observeLive().orElse(null);
        if (served == null || failingThroughRouter.contains(served)) {
            return new ProbeSample(atMillis, served, 502, 100, null);
        }
        return new ProbeSample(atMillis, served, 200, 100, null);
    }

    @AfterEach
    void stop() {
        blue.close();
        green.close();
    }

    private void deployAndVerify(String version) {
        engine.deploy(shop, version, "alice", target -> { });
        engine.verify(shop, List.of(HttpCheck.get("/health")), VerifyTarget.IDLE, "alice");
    }

    /** BLUE 1.0 live, GREEN 2.0 verified and idle. */
    private void blueLiveGreenVerified() {
        deployAndVerify("1.0");
        engine.switchTraffic(shop, SwitchOptions.unattended("alice"));
        deployAndVerify("2.0");
    }

    private List<EventType> eventTypes() {
        return store.load("shop").events().stream().map(Event::type).toList();
    }

    @Test
    void aFullReleaseWithApprovalRecordsWhoApprovedAndEveryStep() throws Exception {
        blueLiveGreenVerified();
        BlockingApprovalGate gate = new BlockingApprovalGate();
        CompletableFuture<Results.Switched> switching = CompletableFuture.supplyAsync(() -> engine.switchTraffic(shop,
                new SwitchOptions("ci", gate, ApprovalPolicy.abortAfter(Duration.ofSeconds(30)), false)));

        ApprovalRequest asked = gate.awaitRequest(Duration.ofSeconds(10));
        assertThat(asked.summary()).isEqualTo("shop: BLUE (1.0) -> GREEN (2.0)");
        assertThat(asked.previewUrl()).isEqualTo(green.url());
        assertThat(asked.reports()).extracting(r -> r.outcome()).containsOnly(Outcome.SUCCESSFUL);
        assertThat(asked.drift()).isNull();
        gate.answer(ApprovalDecision.granted("release-manager"));
        Results.Switched switched = switching.get(10, TimeUnit.SECONDS);

        assertThat(switched.autoRolledBack()).isFalse();
        assertThat(switched.report().failures()).isZero();
        assertThat(switched.report().timeToAllNewMillis()).as("traffic settled on GREEN").isNotNegative();
        ServiceState state = store.load("shop");
        assertThat(state.live()).isEqualTo(GREEN);
        assertThat(state.green().status()).isEqualTo(EnvironmentStatus.LIVE);
        assertThat(state.blue().status()).isEqualTo(EnvironmentStatus.STANDBY);
        assertThat(router.observeLive()).contains(GREEN);
        assertThat(state.events()).filteredOn(e -> e.type() == EventType.APPROVAL_GRANTED)
                .singleElement().extracting(Event::actor).isEqualTo("release-manager");
        assertThat(eventTypes()).containsSubsequence(EventType.DEPLOY_STARTED, EventType.DEPLOYED, EventType.VERIFIED,
                EventType.APPROVAL_REQUESTED, EventType.APPROVAL_GRANTED, EventType.SWITCHED);
    }

    @Test
    void aDriverCanOfferThePreviewUrlWhenTheEnvironmentHasNone() {
        class PreviewRouter extends NoopDriver implements PreviewUrls {
            @Override
            public Optional<String> previewUrl(Color color) {
                return Optional.of("https://preview-" + color.label() + ".shop.example");
            }
        }
        ServiceDefinition noUrls = ServiceDefinition.of("shop", new PreviewRouter());
        engine.deploy(noUrls, "1.0", "alice", target -> { });

        assertThat(engine.approvalRequest(noUrls, "go?", true).previewUrl()).isEqualTo("https://preview-blue.shop.example");
    }

    @Test
    void aRejectedApprovalTouchesNoTraffic() {
        blueLiveGreenVerified();
        int callsBefore = router.switchCalls();

        assertThatThrownBy(() -> engine.switchTraffic(shop, new SwitchOptions("ci",
                        ApprovalGate.decided(ApprovalDecision.rejected("bob", "not on a Friday"), "2.0"), ApprovalPolicy.abortAfter(Duration.ofMinutes(1)), false)))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("rejected by bob (not on a Friday)");

        assertThat(router.switchCalls()).isEqualTo(callsBefore);
        assertThat(store.load("shop").live()).isEqualTo(BLUE);
        assertThat(eventTypes()).endsWith(EventType.APPROVAL_REQUESTED, EventType.APPROVAL_REJECTED);
    }

    @Test
    void anApprovalAskedEarlierIsRecordedAtItsOwnTimeAndNotLoggedAsAWaitAgain() {
        blueLiveGreenVerified();
        Instant askedAt = Instant.parse("2026-12-01T07:39:44Z");

        engine.switchTraffic(shop, new SwitchOptions("ci", ApprovalGate.decided(ApprovalDecision.granted("bob"), "2.0", askedAt),
                ApprovalPolicy.abortAfter(Duration.ofMinutes(1)), false));

        assertThat(store.load("shop").events()).filteredOn(e -> e.type() == EventType.APPROVAL_REQUESTED)
                .last().extracting(Event::at).isEqualTo(askedAt);
        assertThat(log).noneMatch(line -> line.contains("waiting for approval"));
    }

    @Test
    void anApprovalIsForTheVersionShownToTheApprover() {
        blueLiveGreenVerified();
        ApprovalGate approvedTwo = ApprovalGate.decided(ApprovalDecision.granted("bob"), "2.0");
        deployAndVerify("2.1");
        int callsBefore = router.switchCalls();

        assertThatThrownBy(() -> engine.switchTraffic(shop, new SwitchOptions("ci", approvedTwo,
                        ApprovalPolicy.abortAfter(Duration.ofMinutes(1)), false)))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("the approval was for GREEN (2.0), but GREEN now runs 2.1");

        assertThat(router.switchCalls()).isEqualTo(callsBefore);
        assertThat(store.load("shop").live()).isEqualTo(BLUE);
    }

    @Test
    void nobodyIsAskedToApproveASwitchThatCannotHappen() {
        engine.deploy(shop, "1.0", "alice", target -> { });

        assertThatThrownBy(() -> engine.approvalRequest(shop, "go?", false))
                .isInstanceOf(RefusedException.class).hasMessageContaining("verify it first");
        assertThat(engine.approvalRequest(shop, "go?", true).toVersion()).isEqualTo("1.0");
    }

    @Test
    void anApprovalTimeoutFollowsThePolicy() {
        blueLiveGreenVerified();
        ApprovalGate silent = ApprovalGate.decided(ApprovalDecision.timedOut(), "2.0");

        assertThatThrownBy(() -> engine.switchTraffic(shop, new SwitchOptions("ci", silent,
                        new ApprovalPolicy(Duration.ofMinutes(1), ApprovalPolicy.OnTimeout.ABORT, null), false)))
                .hasMessageContaining("nobody approved");
        assertThat(store.load("shop").live()).isEqualTo(BLUE);

        engine.switchTraffic(shop, new SwitchOptions("ci", silent, new ApprovalPolicy(Duration.ofMinutes(1), ApprovalPolicy.OnTimeout.PROCEED, null), false));
        assertThat(store.load("shop").live()).isEqualTo(GREEN);
        assertThat(store.load("shop").events()).filteredOn(e -> e.type() == EventType.APPROVAL_TIMED_OUT)
                .last().extracting(Event::detail).asString().contains("proceeding as the policy says");
    }

    @Test
    void aFailedDeployBodyMarksTheColourFailedAndCannotBeSwitchedTo() {
        assertThatThrownBy(() -> engine.deploy(shop, "1.0", "alice", target -> {
            throw new IllegalStateException("image not found");
        })).isInstanceOf(DeployFailedException.class).hasMessageContaining("image not found");

        assertThat(store.load("shop").blue().status()).isEqualTo(EnvironmentStatus.FAILED);
        assertThatThrownBy(() -> engine.switchTraffic(shop, SwitchOptions.unattended("alice")))
                .isInstanceOf(RefusedException.class).hasMessageContaining("verify it first");
        assertThat(router.switchCalls()).isZero();
    }

    @Test
    void theDeployBodyIsToldWhereToDeploy() {
        List<Results.DeployTarget> seen = new CopyOnWriteArrayList<>();

        engine.deploy(shop, "1.0", "alice", seen::add);

        assertThat(seen).singleElement().isEqualTo(new Results.DeployTarget("shop", BLUE, "1.0", blue.url()));
    }

    @Test
    void verificationAgainstRealBackendsGivesEachOutcome() {
        engine.deploy(shop, "1.0", "alice", target -> { });
        assertThat(engine.verify(shop, List.of(HttpCheck.get("/health")), VerifyTarget.IDLE, "a").outcome()).isEqualTo(Outcome.SUCCESSFUL);

        blue.failing(true);
        HttpCheck root = new HttpCheck("/", 200, null, null, null, null, null, 1, Duration.ofMillis(50), Duration.ofMillis(300));
        assertThat(engine.verify(shop, List.of(root), VerifyTarget.IDLE, "a").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(store.load("shop").blue().status()).isEqualTo(EnvironmentStatus.FAILED);

        blue.close();
        Results.Verified unreachable = engine.verify(shop, List.of(root), VerifyTarget.IDLE, "a");
        assertThat(unreachable.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(store.load("shop").blue().status()).as("an error proves nothing either way").isEqualTo(EnvironmentStatus.DEPLOYED);
    }

    @Test
    void bothIsTheSchemaCompatibilityGateAcrossOldAndNew() {
        blueLiveGreenVerified();
        blue.failing(true);
        HttpCheck root = new HttpCheck("/", 200, null, null, null, null, null, 1, Duration.ofMillis(50), Duration.ofMillis(300));

        Results.Verified both = engine.verify(shop, List.of(root), VerifyTarget.BOTH, "a");

        assertThat(both.reports()).extracting(r -> r.color() + ":" + r.outcome()).containsExactlyInAnyOrder("GREEN:SUCCESSFUL", "BLUE:FAILED");
        assertThat(both.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(store.load("shop").blue().status()).as("a report never demotes the live colour").isEqualTo(EnvironmentStatus.LIVE);
    }

    @Test
    void driftBetweenRecordAndRouterRefusesTheSwitch() {
        blueLiveGreenVerified();
        router.forceLive(GREEN);
        int callsBefore = router.switchCalls();

        assertThatThrownBy(() -> engine.switchTraffic(shop, SwitchOptions.unattended("alice")))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("the router serves GREEN but the record says BLUE is live")
                .hasMessageContaining("reconcile");

        assertThat(router.switchCalls()).isEqualTo(callsBefore);
        assertThat(eventTypes()).endsWith(EventType.DRIFT_DETECTED);
        assertThat(store.load("shop").events()).last().satisfies(event -> assertThat(event.actor()).as("who ran the switch")
                .isEqualTo("alice"));
        assertThat(engine.status(shop).drifted()).isTrue();

        engine.reconcile(shop, "ops");
        assertThat(store.load("shop").live()).isEqualTo(GREEN);
        assertThat(engine.status(shop).drifted()).isFalse();
    }

    @Test
    void nobodyIsAskedToApproveASwitchThatTheDriftCheckWouldRefuse() {
        blueLiveGreenVerified();
        router.forceLive(GREEN);
        ApprovalGate mustNotAsk = (request, timeout) -> {
            throw new AssertionError("an approver was asked: " + request.summary());
        };

        assertThatThrownBy(() -> engine.switchTraffic(shop,
                new SwitchOptions("carol", mustNotAsk, ApprovalPolicy.abortAfter(Duration.ofSeconds(30)), false)))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("the router serves GREEN but the record says BLUE is live");

        assertThat(eventTypes()).doesNotContain(EventType.APPROVAL_REQUESTED).endsWith(EventType.DRIFT_DETECTED);
        assertThat(store.load("shop").events()).last().extracting(Event::actor).as("who ran into the drift").isEqualTo("carol");
        assertThat(store.load("shop").live()).isEqualTo(BLUE);
    }

    @Test
    void aRouterThatIgnoresTheSwitchIsCaughtByTheReadBack() {
        blueLiveGreenVerified();
        router.fault(Fault.IGNORE_SWITCH);

        assertThatThrownBy(() -> engine.switchTraffic(shop, SwitchOptions.unattended("alice")))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("accepted the switch to GREEN but reads back BLUE")
                .hasMessageContaining("The record still says BLUE (1.0)");

        ServiceState state = store.load("shop");
        assertThat(state.live()).isEqualTo(BLUE);
        assertThat(state.green().status()).isEqualTo(EnvironmentStatus.VERIFIED);
        assertThat(eventTypes()).endsWith(EventType.SWITCH_FAILED);
    }

    @Test
    void aRouterThatIsDownRefusesBeforeAnythingChanges() {
        blueLiveGreenVerified();
        ServiceState before = store.load("shop");
        router.fault(Fault.DOWN);

        assertThatThrownBy(() -> engine.switchTraffic(shop, SwitchOptions.unattended("alice")))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("not healthy")
                .hasMessageContaining("nothing was changed");

        assertThat(store.load("shop")).isEqualTo(before);
    }

    @Test
    void aHangingRouterTimesOutAsUnknownAndStatusReconcilesFromTheReadBack() {
        blueLiveGreenVerified();
        router.fault(Fault.HANG).hangFor(Duration.ofSeconds(5));

        assertThatThrownBy(() -> engine.switchTraffic(shop, SwitchOptions.unattended("alice")))
                .isInstanceOf(DriverTimeoutException.class)
                .hasMessageContaining("did not answer switchTo(green) within 500ms; the outcome is unknown");

        assertThat(store.load("shop").live()).isEqualTo(BLUE);
        assertThat(eventTypes()).endsWith(EventType.SWITCH_OUTCOME_UNKNOWN);
        router.fault(Fault.NONE);
        router.forceLive(GREEN); // the hung call did land after all
        assertThat(engine.status(shop).drift()).isEqualTo("the router serves GREEN but the record says BLUE is live");
        assertThat(engine.reconcile(shop, "ops").live()).isEqualTo(GREEN);
    }

    @Test
    void anUnknownOutcomeThatLandedIsConfirmedByTheReadBack() {
        blueLiveGreenVerified();
        ServiceDefinition lostAnswer = shop.withDriver(new NoopDriver(BLUE) {
            @Override
            public void switchTo(Color color) {
                super.switchTo(color);
                throw new OutcomeUnknownException("router: connection reset after the command was sent; the outcome is unknown");
            }
        });

        assertThat(engine.switchTraffic(lostAnswer, SwitchOptions.unattended("alice")).to()).isEqualTo(GREEN);

        assertThat(store.load("shop").live()).isEqualTo(GREEN);
        assertThat(eventTypes()).endsWith(EventType.SWITCH_OUTCOME_UNKNOWN, EventType.SWITCHED);
    }

    @Test
    void aHalfAppliedSwitchIsPutBackOnTheRecordedColour() {
        blueLiveGreenVerified();
        List<String> calls = new CopyOnWriteArrayList<>();
        ServiceDefinition halfApplying = shop.withDriver(new FaultInjectingDriver(BLUE) {
            private boolean bothServing;

            @Override
            public void switchTo(Color color) {
                calls.add(color.name());
                if (color == GREEN) {
                    bothServing = true; // green went 'ready', then the connection broke before blue went to 'maint'
                    throw new OutcomeUnknownException("router: connection closed mid-command; the outcome is unknown");
                }
                bothServing = false;
                super.switchTo(color);
            }

            @Override
            public Optional<Color> observeLive() {
                return bothServing ? Optional.empty() : super.observeLive();
            }
        });

        assertThatThrownBy(() -> engine.switchTraffic(halfApplying, SwitchOptions.unattended("alice")))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("lost the switch to GREEN but reads back no single colour")
                .hasMessageContaining("restored BLUE (router now reads back BLUE)");

        assertThat(calls).containsExactly("GREEN", "BLUE");
        assertThat(store.load("shop").live()).isEqualTo(BLUE);
        assertThat(eventTypes()).endsWith(EventType.SWITCH_OUTCOME_UNKNOWN, EventType.SWITCH_FAILED);
    }

    @Test
    void failuresInTheWatchWindowSwitchBackAutomaticallyWithTheEvidence() {
        blueLiveGreenVerified();
        failingThroughRouter.add(GREEN);

        Results.Switched switched = engine.switchTraffic(shop, SwitchOptions.unattended("alice"));

        assertThat(switched.autoRolledBack()).isTrue();
        assertThat(switched.to()).isEqualTo(BLUE);
        assertThat(switched.report().failures()).isPositive();
        assertThat(router.observeLive()).contains(BLUE);
        ServiceState state = store.load("shop");
        assertThat(state.live()).isEqualTo(BLUE);
        assertThat(state.blue().status()).isEqualTo(EnvironmentStatus.LIVE);
        assertThat(state.green().status()).isEqualTo(EnvironmentStatus.FAILED);
        assertThat(state.events()).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.AUTO_ROLLED_BACK);
            assertThat(e.detail()).contains("failed probes in the watch window").contains("HTTP 502");
        });
    }

    @Test
    void twoConcurrentSwitchesOfOneServiceNeverInterleave() throws Exception {
        blueLiveGreenVerified();
        CountDownLatch inSwitch = new CountDownLatch(1);
        CountDownLatch secondAnswered = new CountDownLatch(1);
        NoopDriver slowRouter = new NoopDriver(BLUE) {
            @Override
            public void switchTo(Color color) {
                inSwitch.countDown();
                // The first switch stays in the router call until the second has had its answer, however slow the
                // machine is to start the second.
                await(secondAnswered);
                super.switchTo(color);
            }
        };
        ServiceDefinition slow = ServiceDefinition.of("shop", slowRouter).withUrls(blue.url(), green.url());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Results.Switched> first = pool.submit(() -> engine.switchTraffic(slow, SwitchOptions.unattended("first")));
            assertThat(inSwitch.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Results.Switched> second = pool.submit(() -> engine.switchTraffic(slow, SwitchOptions.unattended("second")));

            assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(LeaseHeldException.class)
                    .hasMessageContaining("held by first");
            secondAnswered.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).to()).isEqualTo(GREEN);
        } finally {
            secondAnswered.countDown();
            pool.shutdownNow();
        }
        assertThat(eventTypes()).filteredOn(t -> t == EventType.SWITCHED).hasSize(2);
    }

    @Test
    void aDryRunCallsNoRouterAndSavesNothing() {
        blueLiveGreenVerified();
        ServiceState before = store.load("shop");
        FaultInjectingDriver untouched = new FaultInjectingDriver(BLUE);
        ServiceDefinition def = shop.withDriver(untouched);
        Plan plan = new Plan();

        Results.Switched planned = engine.dryRun(plan, "shop").switchTraffic(def, SwitchOptions.unattended("alice"));

        assertThat(untouched.calls()).isZero();
        assertThat(store.load("shop")).isEqualTo(before);
        assertThat(planned.to()).isEqualTo(GREEN);
        assertThat(plan.steps()).containsSubsequence(
                "check the health of the fault-injecting router",
                "read back the live colour from the fault-injecting router",
                "call fault-injecting driver switchTo(green)");
        assertThat(plan.steps()).anyMatch(step -> step.startsWith("probe http://public.invalid/"));
    }

    @Test
    void aPlannedDrillSaysWhatItWouldMeasureAndGivesNoNumber() {
        blueLiveGreenVerified();
        engine.switchTraffic(shop, SwitchOptions.unattended("alice"));
        Plan plan = new Plan();

        engine.dryRun(plan, "shop").drill(shop, "alice");

        assertThat(plan.steps()).contains("shop: measure the RTO back to BLUE and forward again to GREEN");
        assertThat(plan.steps()).noneMatch(step -> step.matches(".*\\d+ ms.*"));
    }

    @Test
    void aDryRunDeployRunsNoBody() {
        Plan plan = new Plan();
        List<String> ran = new CopyOnWriteArrayList<>();

        engine.dryRun(plan, "shop").deploy(shop, "1.0", "alice", target -> ran.add("deployed"));

        assertThat(ran).isEmpty();
        assertThat(store.load("shop").revision()).isZero();
        assertThat(plan.steps()).anyMatch(step -> step.startsWith("run the deploy command for BLUE"));
    }

    @Test
    void rollbackAndDrillMeasureTheRecoveryTime() {
        blueLiveGreenVerified();
        engine.switchTraffic(shop, SwitchOptions.unattended("alice"));

        Results.RolledBack back = engine.rollback(shop, "dave", "error rate up");
        assertThat(back.to()).isEqualTo(BLUE);
        assertThat(back.rtoMillis()).isNotNegative();
        assertThat(router.observeLive()).contains(BLUE);
        assertThat(store.load("shop").events()).last().extracting(Event::detail).asString()
                .startsWith("switched back to BLUE (1.0) from GREEN (2.0)").endsWith("error rate up");
        assertThat(log).anyMatch(line -> line.contains("shop: switching back GREEN (2.0) -> BLUE (1.0)"));

        engine.rollback(shop, "dave", "it was the database");
        assertThat(store.load("shop").events()).last().extracting(Event::detail).asString()
                .startsWith("rolled forward to GREEN (2.0) from BLUE (1.0)");
        assertThat(log).anyMatch(line -> line.contains("shop: rolling forward BLUE (1.0) -> GREEN (2.0)"));
        engine.rollback(shop, "dave", "back again");

        Results.Drilled drill = engine.drill(shop, "dave");
        assertThat(drill.state().live()).isEqualTo(BLUE);
        assertThat(drill.backRtoMillis()).isNotNegative();
        assertThat(drill.forwardReport().timeToAllNewMillis()).isNotNegative();
        assertThat(eventTypes()).endsWith(EventType.ROLLED_BACK, EventType.ROLLED_BACK, EventType.DRILL);
    }

    @Test
    void probingStartsBeforeTheHealthCheckSoTheTimelineShowsTheOldColourBeforeTheSwitch() {
        blueLiveGreenVerified();
        CountDownLatch probed = new CountDownLatch(2);
        NoopDriver slowToAnswerHealth = new NoopDriver(BLUE) {
            @Override
            public Health health() {
                await(probed); // stand-in for a router whose health check takes as long as two probes
                return super.health();
            }
        };
        BlueGreenEngine probing = engine.withProbes(def -> atMillis -> {
            ProbeSample sample = new ProbeSample(atMillis, slowToAnswerHealth.observeLive().orElse(null), 200, 100, null);
            probed.countDown();
            return sample;
        });

        SwitchReport report = probing.switchTraffic(shop.withDriver(slowToAnswerHealth), SwitchOptions.unattended("alice")).report();

        assertThat(report.samples()).first().satisfies(first -> {
            assertThat(first.color()).isEqualTo(BLUE);
            assertThat(report.relativeMillis(first)).isNegative();
        });
        assertThat(report.buckets(60)).anySatisfy(b -> {
            assertThat(b.toMillis()).isNotPositive();
            assertThat(b.blue()).isPositive();
        });
        assertThat(report.timeToAllNewMillis()).isNotNegative();
    }

    @Test
    void aRollbackWatchesTheWholeWindowButADrillOnlyUntilTrafficSettles() {
        blueLiveGreenVerified();
        engine.switchTraffic(shop, SwitchOptions.unattended("alice"));
        long window = shop.watch().window().toMillis();

        long started = System.nanoTime();
        SwitchReport rollback = engine.rollback(shop, "dave", "error rate up").report();

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(window);
        assertThat(rollback.relativeMillis(rollback.samples().get(rollback.samples().size() - 1)))
                .as("the last probe of the rollback's window").isGreaterThanOrEqualTo(window / 2);
        assertThat(rollback.timeToAllNewMillis()).isNotNegative();

        Results.Drilled drill = engine.drill(shop, "dave");
        assertThat(drill.backReport().timeToAllNewMillis()).isNotNegative();
        assertThat(drill.backReport().samples()).hasSizeLessThan(rollback.samples().size());
    }

    @Test
    void failuresAfterARollbackEndItsWindowAndAreReportedButNeverSwitchBack() {
        blueLiveGreenVerified();
        engine.switchTraffic(shop, SwitchOptions.unattended("alice"));
        failingThroughRouter.add(BLUE);

        Results.RolledBack back = engine.rollback(shop, "dave", "error rate up");

        assertThat(back.to()).isEqualTo(BLUE);
        assertThat(back.report().failures()).isPositive();
        assertThat(router.observeLive()).contains(BLUE);
        assertThat(store.load("shop").live()).isEqualTo(BLUE);
        assertThat(eventTypes()).last().isEqualTo(EventType.ROLLED_BACK);
        assertThat(log).anyMatch(line -> line.contains("failed probes after the move to BLUE")
                && line.contains("not switched back automatically"));
    }

    @Test
    void retirementWaitsForTheKeepOldWindowThenRollbackIsRefused() {
        blueLiveGreenVerified();
        engine.switchTraffic(shop, SwitchOptions.unattended("alice"));
        ServiceDefinition keepHour = shop.withKeepOld(Duration.ofHours(1));

        assertThatThrownBy(() -> engine.retire(keepHour, "ops", false)).hasMessageContaining("keep-old window");
        engine.retire(keepHour, "ops", true);

        assertThat(store.load("shop").blue().status()).isEqualTo(EnvironmentStatus.RETIRED);
        assertThatThrownBy(() -> engine.rollback(shop, "dave", null)).hasMessageContaining("because it is RETIRED");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
