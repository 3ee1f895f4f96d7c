package io.jenkins.plugins.bluegreen.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.driver.NoopDriver;
import io.jenkins.plugins.bluegreen.lab.EtcdLab;
import io.jenkins.plugins.bluegreen.lab.TestPrerequisites;
import io.jenkins.plugins.bluegreen.model.CheckResult;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Event;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.model.Outcome;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.model.StateMachine;
import io.jenkins.plugins.bluegreen.model.VerificationReport;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine;
import io.jenkins.plugins.bluegreen.release.ReleaseLog;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.store.LeaseHeldException;
import io.jenkins.plugins.bluegreen.store.StaleStateException;
import io.jenkins.plugins.bluegreen.store.StateStore;
import io.jenkins.plugins.bluegreen.store.StateStoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The etcd store against a real 3-member cluster on loopback. */
class EtcdStateStoreTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static EtcdLab etcd;

    @BeforeAll
    static void startCluster() {
        TestPrerequisites.requireProgram("etcd", "etcd-server");
        etcd = EtcdLab.start(3);
    }

    @AfterAll
    static void stopCluster() {
        if (etcd != null) {
            etcd.close();
        }
    }

    private static EtcdStateStore store(String prefix) {
        return store(prefix, etcd.endpoints());
    }

    private static EtcdStateStore store(String prefix, List<String> endpoints) {
        return new EtcdStateStore(new EtcdSettings(endpoints, prefix, Duration.ofSeconds(3), null, null), null,
                SecretSource.none(), new OkHttpClient());
    }

    private static ServiceState deployed(ServiceState state, String version) {
        Color idle = state.idle();
        state = StateMachine.startDeploy(state, idle, version, List.of(), "prep", AT);
        return StateMachine.finishDeploy(state, idle, "prep", AT);
    }

    @Test
    void aNeverRecordedServiceLoadsAsInitialAndSavesAtRevisionOne() {
        EtcdStateStore store = store("/initial/");

        assertThat(store.load("shop")).isEqualTo(ServiceState.initial("shop"));
        ServiceState saved = store.save(deployed(store.load("shop"), "1.0"));

        assertThat(saved.revision()).isEqualTo(1);
        assertThat(store("/initial/").load("shop")).isEqualTo(saved);
    }

    @Test
    void aStaleWriteIsRefusedAndChangesNothing() {
        EtcdStateStore first = store("/stale/");
        EtcdStateStore second = store("/stale/");
        ServiceState readByBoth = first.save(deployed(first.load("shop"), "1.0"));
        assertThat(second.load("shop")).isEqualTo(readByBoth);

        ServiceState winner = first.save(StateMachine.startDeploy(readByBoth, Color.GREEN, "2.0", List.of(), "first", AT));

        assertThatThrownBy(() -> second.save(StateMachine.startDeploy(readByBoth, Color.GREEN, "3.0", List.of(), "second", AT)))
                .isInstanceOf(StaleStateException.class)
                .hasMessage("shop: the state changed while this operation ran (expected revision 1, found 2); nothing was saved."
                        + " Check 'status' and run the operation again");
        assertThat(second.load("shop")).isEqualTo(winner);
    }

    @Test
    void aRefusedCallerSeesWhoHoldsTheLockAndGetsItOnceReleased() throws Exception {
        EtcdStateStore first = store("/holder/");
        EtcdStateStore second = store("/holder/");
        StateStore.Lease held = first.acquire("shop", "shop#42 (alice)", Duration.ZERO);

        assertThatThrownBy(() -> second.acquire("shop", "shop#43 (bob)", Duration.ZERO))
                .isInstanceOf(LeaseHeldException.class)
                .extracting(e -> ((LeaseHeldException) e).holder()).isEqualTo("shop#42 (alice)");
        CompletableFuture<StateStore.Lease> waiting = CompletableFuture.supplyAsync(
                () -> second.acquire("shop", "shop#43 (bob)", Duration.ofSeconds(30)));
        Thread.sleep(300);
        assertThat(waiting).isNotDone();
        held.close();

        try (StateStore.Lease next = waiting.get(30, TimeUnit.SECONDS)) {
            assertThat(next.holder()).isEqualTo("shop#43 (bob)");
        }
    }

    @Test
    void theLockOutlivesItsTtlWhileItsHolderRenewsIt() throws Exception {
        EtcdStateStore store = store("/renewed/");
        try (StateStore.Lease held = store.acquire("shop", "long release", Duration.ZERO)) {
            Thread.sleep(Duration.ofSeconds(3).multipliedBy(2).toMillis());

            assertThatThrownBy(() -> store("/renewed/").acquire("shop", "other", Duration.ZERO))
                    .isInstanceOf(LeaseHeldException.class).hasMessageContaining("held by long release");
            assertThat(store.save(store.load("shop")).revision()).isEqualTo(1);
        }
    }

    @Test
    void aHolderWhoseLeaseLapsedCannotOverwriteItsSuccessor() {
        EtcdStateStore lapsing = store("/lapsed/");
        StateStore.Lease lapsed = lapsing.acquire("shop", "paused holder", Duration.ZERO);
        ServiceState read = lapsing.load("shop");
        // As if the holder had paused past its TTL: etcd drops the lease, and someone else takes the lock.
        EtcdClient admin = new EtcdClient(new EtcdSettings(etcd.endpoints()), null, SecretSource.none(), new OkHttpClient());
        admin.post("/v3/lease/leases", EtcdClient.object()).path("leases")
                .forEach(lease -> admin.post("/v3/lease/revoke", EtcdClient.object().put("ID", lease.path("ID").asText())));
        try (StateStore.Lease successor = store("/lapsed/").acquire("shop", "successor", Duration.ZERO)) {

            assertThatThrownBy(() -> lapsing.save(deployed(read, "stale")))
                    .isInstanceOf(StateStoreException.class)
                    .hasMessageStartingWith("shop: this release's lock lapsed")
                    .hasMessageContaining("now held by successor");
            assertThat(lapsing.load("shop")).isEqualTo(read);
        } finally {
            lapsed.close();
        }
    }

    /**
     * The leader is killed while a release is switching. The store fails over to the other members and the release
     * completes, or it fails with a clear message; either way no event is lost or doubled and the record matches the
     * router.
     */
    @Test
    void killingTheLeaderMidReleaseLosesAndDoublesNothing() throws Exception {
        try (EtcdLab own = EtcdLab.start(3)) {
            int leader = own.leader();
            List<String> leaderFirst = new ArrayList<>(own.endpoints());
            leaderFirst.add(0, leaderFirst.remove(leader));
            EtcdStateStore store = store("/leader/", leaderFirst);
            SlowRouter router = new SlowRouter(Duration.ofMillis(1500));
            ServiceDefinition shop = ServiceDefinition.of("shop", router);
            BlueGreenEngine engine = new BlueGreenEngine(store, new OkHttpClient(), Clock.systemUTC(), ReleaseLog.silent());
            store.save(verified(deployed(store.load("shop"), "1.0")));
            engine.switchTraffic(shop, BlueGreenEngine.SwitchOptions.unattended("first"));
            store.save(verified(deployed(store.load("shop"), "2.0")));
            List<Event> before = store.load("shop").events();

            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                try {
                    engine.switchTraffic(shop, BlueGreenEngine.SwitchOptions.unattended("second"));
                } catch (RuntimeException e) {
                    failure.set(e);
                }
            });
            router.switching.get(30, TimeUnit.SECONDS);
            own.kill(leader);
            release.get(60, TimeUnit.SECONDS);

            ServiceState after = store("/leader/", leaderFirst).load("shop");
            assertThat(new HashSet<>(after.events())).as("no event doubled").hasSize(after.events().size());
            assertThat(after.events()).as("no event lost").startsWith(before.toArray(Event[]::new));
            if (failure.get() == null) {
                assertThat(after.events().subList(before.size(), after.events().size())).extracting(Event::type)
                        .containsExactly(EventType.SWITCHED);
            } else {
                assertThat(failure.get()).as("a failure says what happened").isInstanceOf(StateStoreException.class)
                        .hasMessageContaining("etcd");
            }
            assertThat(router.observeLive()).as("the record matches the router").contains(after.live());
            System.out.println("leader killed mid-release: " + (failure.get() == null ? "completed on the other members"
                    : "failed: " + failure.get().getMessage()));
        }
    }

    private static ServiceState verified(ServiceState state) {
        Color idle = state.idle();
        VerificationReport ok = VerificationReport.of(idle, state.environment(idle).version(), "http://unused",
                List.of(new CheckResult("prep", Outcome.SUCCESSFUL, "ok", 1, 0)), AT);
        return StateMachine.recordVerification(state, ok, "prep", AT);
    }

    /** The no-op router stand-in, taking its time to switch once it serves a colour, and saying when it starts. */
    private static final class SlowRouter extends NoopDriver {
        final CompletableFuture<Void> switching = new CompletableFuture<>();
        private final Duration delay;

        SlowRouter(Duration delay) {
            this.delay = delay;
        }

        @Override
        public void switchTo(Color color) {
            if (observeLive().isPresent()) {
                switching.complete(null);
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            super.switchTo(color);
        }
    }
}
