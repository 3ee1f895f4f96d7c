package io.jenkins.plugins.bluegreen.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine.SwitchOptions;
import io.jenkins.plugins.bluegreen.release.Results.RolledBack;
import io.jenkins.plugins.bluegreen.release.Results.Switched;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.watch.ProbeSample;
import io.jenkins.plugins.bluegreen.watch.SwitchReport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every router driver must do against its real router on loopback, through the engine: switch and roll back
 * under load with a confirmed read-back, let an in-flight request finish, and refuse cleanly when the router is
 * down. Each router's test class adds its own faults. Blue is live and green staged before each test.
 */
public abstract class RouterDriverContract extends RouterFixture {

    /** Probes at the end of a watch window that must all come from the new colour (the engine's rollback waits for 5). */
    private static final int SETTLED_PROBES = 5;

    /** Starts a lab router in front of the blue and green backend URLs. */
    @FunctionalInterface
    protected interface Launcher {
        LabRouter start(String blueUrl, String greenUrl);
    }

    private final String program;
    private final Launcher launcher;
    private final boolean dropsNoRequests;
    protected ServiceDefinition def;

    /**
     * @param program haproxy, nginx or caddy: the program that must be installed
     * @param dropsNoRequests whether the router is known to switch without a single failed request under keep-alive
     *        load (HAProxy); nginx and Caddy recycle client connections, so their failures are reported, not asserted
     */
    protected RouterDriverContract(String program, Launcher launcher, boolean dropsNoRequests) {
        this.program = program;
        this.launcher = launcher;
        this.dropsNoRequests = dropsNoRequests;
    }

    @BeforeEach
    void startRouterAndStageGreen() throws IOException {
        requirePrerequisites();
        def = startWithGreenStaged(this::launch);
        assertThat(driver.observeLive()).contains(Color.BLUE);
    }

    /** Starts the router; a test class that needs a handle on what the router depends on starts it itself. */
    protected LabRouter launch(String blueUrl, String greenUrl) {
        return launcher.start(blueUrl, greenUrl);
    }

    /** Skips (or fails, where required) unless the router can run here; by default, unless its program is installed. */
    protected void requirePrerequisites() {
        TestPrerequisites.requireProgram(program);
    }

    @Test
    void switchesAndRollsBackUnderLoadConfirmedByReadBack() {
        LoadGenerator load = LoadGenerator.start(router.publicUrl(), 8, Duration.ofSeconds(4));
        pause(500);

        Switched switched = scenario.engine.switchTraffic(def, SwitchOptions.unattended(ReleaseScenario.ACTOR));
        Optional<Color> afterSwitch = driver.observeLive();
        Color recordedAfterSwitch = scenario.state().live();
        pause(300);
        RolledBack rolledBack = scenario.engine.rollback(def, ReleaseScenario.ACTOR, "router test");
        LoadGenerator.Result result = load.await();
        System.out.printf("%n=== %s under load: %s; errors %s%n=== switch: %s%n=== rollback: %s (RTO %d ms)%n%n",
                program, result.summary(), result.errorSamples(), switched.report().summary(),
                rolledBack.report().summary(), rolledBack.rtoMillis());

        assertThat(afterSwitch).contains(Color.GREEN);
        assertThat(recordedAfterSwitch).isEqualTo(Color.GREEN);
        assertSettledOn(switched.report(), Color.GREEN);
        assertThat(driver.observeLive()).contains(Color.BLUE);
        assertThat(scenario.state().live()).isEqualTo(Color.BLUE);
        assertSettledOn(rolledBack.report(), Color.BLUE);
        assertThat(result.onColor(Color.BLUE)).isPositive();
        assertThat(result.onColor(Color.GREEN)).isPositive();
        if (dropsNoRequests) {
            assertThat(result.failures()).as("load requests failed through " + program + ": " + result.errorSamples()).isZero();
            assertThat(switched.report().failures() + rolledBack.report().failures()).as("failed watch probes").isZero();
        }
    }

    /** The watch's last probes all answered, all by {@code color}. */
    private static void assertSettledOn(SwitchReport report, Color color) {
        List<ProbeSample> samples = report.samples();
        assertThat(samples).hasSizeGreaterThanOrEqualTo(SETTLED_PROBES);
        assertThat(samples.subList(samples.size() - SETTLED_PROBES, samples.size()))
                .allSatisfy(sample -> {
                    assertThat(sample.failed()).as("probe failed: %s", sample).isFalse();
                    assertThat(sample.color()).isEqualTo(color);
                });
        assertThat(report.timeToAllNewMillis()).isNotNegative();
    }

    @Test
    void requestInFlightOnTheOldColourCompletesAcrossTheSwitch() throws Exception {
        OkHttpClient slowClient = scenario.http.newBuilder().readTimeout(Duration.ofSeconds(20)).build();
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> {
            try (Response response = slowClient.newCall(new Request.Builder().url(router.publicUrl() + "slow?ms=2000").build()).execute()) {
                response.body().string();
                return response.code() + " " + response.header("X-Color");
            } catch (IOException e) {
                return "failed: " + e;
            }
        });
        pause(400);

        scenario.engine.switchTraffic(def, SwitchOptions.unattended(ReleaseScenario.ACTOR));

        assertThat(slow.get(20, TimeUnit.SECONDS)).isEqualTo("200 blue");
        assertThat(driver.observeLive()).contains(Color.GREEN);
    }

    @Test
    void routerDownBeforeTheSwitchIsRefusedAndStateUnchanged() {
        router.stop();

        assertThatThrownBy(() -> scenario.engine.switchTraffic(def, SwitchOptions.unattended(ReleaseScenario.ACTOR)))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("not healthy")
                .hasMessageContaining("nothing was changed");
        assertThat(scenario.state().live()).isEqualTo(Color.BLUE);
    }

    /** Runs the switch expecting the router to have accepted it without serving green; the record must stay blue. */
    protected void assertSwitchNotConfirmed(ServiceDefinition definition, String... messageParts) {
        assertThatThrownBy(() -> scenario.engine.switchTraffic(definition, SwitchOptions.unattended(ReleaseScenario.ACTOR)))
                .isInstanceOf(DriverException.class)
                .hasMessageContainingAll(messageParts);
        assertThat(scenario.state().live()).isEqualTo(Color.BLUE);
        assertThat(scenario.state().events()).last().satisfies(event -> assertThat(event.type()).isIn(
                EventType.SWITCH_FAILED, EventType.SWITCH_OUTCOME_UNKNOWN));
    }

    /** A TCP server on loopback that accepts connections and never answers: a hung router. */
    protected static final class SilentServer implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> accepted = new ArrayList<>();
        private final Thread acceptor;

        public SilentServer() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(this::accept, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    synchronized (accepted) {
                        accepted.add(socket);
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }

        public int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (accepted) {
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }

    protected static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
