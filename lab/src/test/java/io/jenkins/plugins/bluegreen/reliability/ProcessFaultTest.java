package io.jenkins.plugins.bluegreen.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.jenkins.plugins.bluegreen.release.Results;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.lab.EtcdLab;
import io.jenkins.plugins.bluegreen.lab.TestPrerequisites;
import io.jenkins.plugins.bluegreen.store.JsonFileStateStore;
import io.jenkins.plugins.bluegreen.store.LeaseHeldException;
import io.jenkins.plugins.bluegreen.store.StateStore;
import io.jenkins.plugins.bluegreen.store.etcd.EtcdSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults that need real separate processes: lease contention across JVMs, and a crash mid-switch. */
class ProcessFaultTest {

    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;

    private Path stateDir() {
        return dir.resolve("state");
    }

    private Path routerFile() {
        return dir.resolve("router");
    }

    /** Makes the idle colour deployed and verified, as a release would before its switch. */
    private static void prepareIdle(StateStore store, String version) {
        ServiceState state = store.load("shop");
        Color idle = state.idle();
        state = StateMachine.startDeploy(state, idle, version, List.of(), "prep", AT);
        state = StateMachine.finishDeploy(state, idle, "prep", AT);
        VerificationReport ok = VerificationReport.of(idle, version, "http://unused", List.of(new CheckResult("prep", Outcome.SUCCESSFUL, "ok", 1, 0)), AT);
        store.save(StateMachine.recordVerification(state, ok, "prep", AT));
    }

    private Process start(String store, String holder, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ReleaseProcess.class.getName(),
                store, routerFile().toString(), holder));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static BufferedReader output(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    @Test
    void twoProcessesSwitchingOneServiceAtOnceNeverBothSwitch() throws Exception {
        contendFor100Rounds(new JsonFileStateStore(stateDir()), stateDir().toString());
    }

    @Test
    void twoProcessesSharingAnEtcdClusterNeverBothSwitch() throws Exception {
        TestPrerequisites.requireProgram("etcd", "etcd-server");
        try (EtcdLab etcd = EtcdLab.start(3)) {
            EtcdSettings settings = new EtcdSettings(etcd.endpoints(), "/contend/", Duration.ofSeconds(5), null, null);
            contendFor100Rounds(ReleaseProcess.store(ReleaseProcess.etcd(settings)), ReleaseProcess.etcd(settings));
        }
    }

    /** Each round both processes are told to switch at once: exactly one does, the other is refused. */
    private void contendFor100Rounds(StateStore store, String storeArgument) throws Exception {
        Process first = start(storeArgument, "process-A");
        Process second = start(storeArgument, "process-B");
        try (BufferedReader outA = output(first); BufferedReader outB = output(second);
                PrintWriter inA = new PrintWriter(first.getOutputStream(), true, StandardCharsets.UTF_8);
                PrintWriter inB = new PrintWriter(second.getOutputStream(), true, StandardCharsets.UTF_8)) {
            assertThat(outA.readLine()).isEqualTo("ready");
            assertThat(outB.readLine()).isEqualTo("ready");
            int heldRefusals = 0;
            for (int round = 1; round <= 100; round++) {
                prepareIdle(store, "v" + round);
                Color target = store.load("shop").idle();
                inA.println("switch");
                inB.println("switch");
                List<String> answers = List.of(outA.readLine(), outB.readLine());

                assertThat(answers).as("round %d", round).filteredOn("switched"::equals).hasSize(1);
                String refusal = answers.stream().filter(a -> !a.equals("switched")).findFirst().orElseThrow();
                // Overlapping, the second finds the lease held; on a loaded machine it may come after the first
                // has finished, and then the idle colour is the standby the first one just left.
                assertThat(refusal).as("round %d", round).matches(
                        "LeaseHeldException: shop: another release is in progress, held by process-[AB].*"
                                + "|RefusedException: shop: cannot switch to (BLUE|GREEN) \\(v\\d+\\) because it is STANDBY.*");
                heldRefusals += refusal.startsWith("LeaseHeld") ? 1 : 0;
                assertThat(store.load("shop").live()).isEqualTo(target);
                assertThat(Files.readString(routerFile())).isEqualTo(target.name());
            }
            assertThat(heldRefusals).as("most rounds really overlapped").isGreaterThan(50);
        } finally {
            first.destroy();
            second.destroy();
        }
        assertThat(store.load("shop").events()).filteredOn(e -> e.type() == EventType.SWITCHED).hasSize(100);
    }

    @Test
    void aKilledLeaseHolderFreesTheEtcdLockWithinItsTtlAndTheNextReleaseReadsWhatItSaved() throws Exception {
        TestPrerequisites.requireProgram("etcd", "etcd-server");
        Duration ttl = Duration.ofSeconds(3);
        try (EtcdLab etcd = EtcdLab.start(3)) {
            EtcdSettings settings = new EtcdSettings(etcd.endpoints(), "/killed/", ttl, null, null);
            StateStore store = ReleaseProcess.store(ReleaseProcess.etcd(settings));
            ServiceDefinition shop = ServiceDefinition.of("shop", new FileRouter(routerFile(), 0, false));
            BlueGreenEngine engine = new BlueGreenEngine(store, new OkHttpClient(), Clock.systemUTC(), ReleaseLog.silent());
            prepareIdle(store, "1.0");
            engine.switchTraffic(shop, BlueGreenEngine.SwitchOptions.unattended("first"));
            prepareIdle(store, "2.0");

            Process holder = start(ReleaseProcess.etcd(settings), "holder-A", "approval");
            long killedAt;
            try (BufferedReader out = output(holder); PrintWriter in = new PrintWriter(holder.getOutputStream(), true, StandardCharsets.UTF_8)) {
                assertThat(out.readLine()).isEqualTo("ready");
                in.println("switch");
                assertThat(out.readLine()).isEqualTo("awaiting approval");
                assertThatThrownBy(() -> store.acquire("shop", "too-early", Duration.ZERO))
                        .isInstanceOf(LeaseHeldException.class).hasMessageContaining("held by holder-A");
                holder.destroyForcibly();
                assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
                killedAt = System.nanoTime();
            }
            ServiceState lastSaved = store.load("shop");
            assertThat(lastSaved.events().get(lastSaved.events().size() - 1))
                    .as("the dead holder's last save").extracting(Event::type, Event::actor)
                    .containsExactly(EventType.APPROVAL_REQUESTED, "holder-A");

            // Generous: the TTL runs out on a loaded machine too, but the test must not fail on a slow expiry.
            try (var lease = store.acquire("shop", "next", ttl.plusSeconds(30))) {
                System.out.printf("etcd lock freed %d ms after the holder was killed (TTL %d s)%n",
                        (System.nanoTime() - killedAt) / 1_000_000, ttl.toSeconds());
                assertThat(store.load("shop")).as("the next release reads what the dead one saved").isEqualTo(lastSaved);
            }
            engine.switchTraffic(shop, BlueGreenEngine.SwitchOptions.unattended("next"));
            assertThat(store.load("shop").live()).isEqualTo(Color.GREEN);
            assertThat(Files.readString(routerFile())).isEqualTo("GREEN");
        }
    }

    @Test
    void aCrashBetweenTheRouterSwitchAndTheStateSaveIsFoundAsDriftAndReconciledWithoutInventingEvents() throws Exception {
        JsonFileStateStore store = new JsonFileStateStore(stateDir());
        ServiceDefinition shop = ServiceDefinition.of("shop", new FileRouter(routerFile(), 0, false));
        BlueGreenEngine engine = new BlueGreenEngine(store, new OkHttpClient(), Clock.systemUTC(), ReleaseLog.silent());
        prepareIdle(store, "1.0");
        engine.switchTraffic(shop, BlueGreenEngine.SwitchOptions.unattended("first"));
        prepareIdle(store, "2.0");
        List<Event> before = store.load("shop").events();

        Process crashing = start(stateDir().toString(), "crasher", "crash");
        try (BufferedReader out = output(crashing); PrintWriter in = new PrintWriter(crashing.getOutputStream(), true, StandardCharsets.UTF_8)) {
            assertThat(out.readLine()).isEqualTo("ready");
            in.println("switch");
            assertThat(crashing.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(crashing.exitValue()).isEqualTo(137);

        assertThat(Files.readString(routerFile())).as("the router did switch").isEqualTo("GREEN");
        assertThat(store.load("shop").events()).as("no event lost, none invented").isEqualTo(before);
        Results.Status status = engine.status(shop);
        assertThat(status.drift()).isEqualTo("the router serves GREEN but the record says BLUE is live");
        assertThatThrownBy(() -> engine.switchTraffic(shop, BlueGreenEngine.SwitchOptions.unattended("next")))
                .hasMessageContaining("reconcile");
        try (var lease = store.acquire("shop", "after-crash", Duration.ZERO)) {
            assertThat(lease.holder()).as("the dead process's lease died with it").isEqualTo("after-crash");
        }
    }
}
