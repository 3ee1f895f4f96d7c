package io.jenkins.plugins.bluegreen.drivers.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.lab.HaproxyLab;
import io.jenkins.plugins.bluegreen.lab.LabRouter;
import io.jenkins.plugins.bluegreen.lab.LoadGenerator;
import io.jenkins.plugins.bluegreen.lab.ReleaseScenario;
import io.jenkins.plugins.bluegreen.lab.RouterDriverContract;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine.SwitchOptions;
import io.jenkins.plugins.bluegreen.release.Results.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The HAProxy driver against a real HAProxy on loopback (server-state mode, TCP Runtime API socket). */
class HaproxyDriverRouterTest extends RouterDriverContract {

    HaproxyDriverRouterTest() {
        super("haproxy", HaproxyLab::start, true);
    }

    private HaproxyDriverConfig config() {
        return (HaproxyDriverConfig) router.driverConfig();
    }

    private HaproxyDriverConfig withSocket(String socket, String timeout) {
        HaproxyDriverConfig c = config();
        return new HaproxyDriverConfig(socket, c.mode(), c.backend(), c.blueServer(), c.greenServer(), c.drain(), c.map(),
                c.mapKey(), c.blueBackend(), c.greenBackend(), c.mapFile(), c.serverStateFile(), timeout);
    }

    @Test
    void acceptedCommandThatServesNothingNewIsNotRecordedAndBlueIsRestored() {
        // weights mode against a backend whose green server is disabled in haproxy.cfg: HAProxy accepts both
        // 'set weight' commands, but green stays in maintenance, so nothing serves green.
        HaproxyDriverConfig c = config();
        HaproxyDriver weights = new HaproxyDriver(new HaproxyDriverConfig(c.socket(), HaproxyDriverConfig.WEIGHTS, c.backend(),
                c.blueServer(), c.greenServer(), false, null, null, null, null, null, null, null));

        assertSwitchNotConfirmed(def.withDriver(weights), "accepted the switch to GREEN", "reads back no single colour",
                "restored BLUE (router now reads back BLUE)");
        assertThat(driver.observeLive()).contains(Color.BLUE);
    }

    @Test
    void routerThatNeverAnswersTimesOutAndNothingIsRecorded() throws IOException {
        try (SilentServer silent = new SilentServer()) {
            HaproxyDriver hung = new HaproxyDriver(withSocket("127.0.0.1:" + silent.port(), "1s"));

            assertThatThrownBy(() -> hung.switchTo(Color.GREEN)).isInstanceOf(DriverException.class)
                    .hasMessageContaining("haproxy router at 127.0.0.1:" + silent.port())
                    .hasMessageContaining("within 1s");
            assertThatThrownBy(() -> scenario.engine.switchTraffic(def.withDriver(hung), SwitchOptions.unattended(ReleaseScenario.ACTOR)))
                    .isInstanceOf(DriverException.class).hasMessageContaining("not healthy").hasMessageContaining("within 1s");
        }
        assertThat(scenario.state().live()).isEqualTo(Color.BLUE);
        assertThat(driver.observeLive()).contains(Color.BLUE);
    }

    @Test
    void socketClosedMidCommandIsSettledByTheReadBack() throws IOException {
        int statsPort = Integer.parseInt(config().socket().substring(config().socket().lastIndexOf(':') + 1));
        try (CuttingRelay relay = new CuttingRelay(statsPort)) {
            HaproxyDriver cut = new HaproxyDriver(withSocket("127.0.0.1:" + relay.port(), "2s"));

            // HAProxy applies the command before the relay cuts the connection: the driver reports an unknown
            // outcome, and the engine's read-back finds GREEN live.
            scenario.engine.switchTraffic(def.withDriver(cut), SwitchOptions.unattended(ReleaseScenario.ACTOR));
        }
        assertThat(scenario.state().live()).isEqualTo(Color.GREEN);
        assertThat(scenario.state().events()).extracting(event -> event.type()).endsWith(EventType.SWITCH_OUTCOME_UNKNOWN, EventType.SWITCHED);
        assertThat(scenario.engine.status(def).drifted()).isFalse();
    }

    @Test
    void aHalfAppliedSwitchIsPutBackOnBlue() throws IOException {
        int statsPort = Integer.parseInt(config().socket().substring(config().socket().lastIndexOf(':') + 1));
        try (CuttingRelay relay = new CuttingRelay(statsPort, true)) {
            HaproxyDriver half = new HaproxyDriver(withSocket("127.0.0.1:" + relay.port(), "2s"));

            assertThatThrownBy(() -> scenario.engine.switchTraffic(def.withDriver(half), SwitchOptions.unattended(ReleaseScenario.ACTOR)))
                    .isInstanceOf(DriverException.class)
                    .hasMessageContaining("lost the switch to GREEN but reads back no single colour")
                    .hasMessageContaining("restored BLUE (router now reads back BLUE)");
        }
        assertThat(driver.observeLive()).as("the real HAProxy converged on one colour").contains(Color.BLUE);
        assertThat(scenario.state().live()).isEqualTo(Color.BLUE);
        assertThat(scenario.state().events()).extracting(event -> event.type()).endsWith(EventType.SWITCH_OUTCOME_UNKNOWN, EventType.SWITCH_FAILED);
    }

    @Test
    void switchSurvivesARestartThroughTheServerStateFile() {
        scenario.engine.switchTraffic(def, SwitchOptions.unattended(ReleaseScenario.ACTOR));
        router.restart();
        assertThat(driver.observeLive()).contains(Color.GREEN);
    }

    @Test
    void drainModeStopsNewTrafficToTheOldServer() {
        HaproxyDriverConfig c = config();
        HaproxyDriver draining = new HaproxyDriver(new HaproxyDriverConfig(c.socket(), c.mode(), c.backend(), c.blueServer(),
                c.greenServer(), true, null, null, null, null, null, null, null));
        assertThat(draining.switchCommands(Color.GREEN)).isEqualTo("set server be_app/green state ready; set server be_app/blue state drain");
        draining.switchTo(Color.GREEN);
        assertThat(draining.observeLive()).contains(Color.GREEN);
        draining.switchTo(Color.BLUE);
        assertThat(draining.observeLive()).contains(Color.BLUE);
    }

    @Test
    void weightsModeMovesAllTrafficWithoutAFailure() {
        try (LabRouter weighted = HaproxyLab.start(scenario.blue.url(), scenario.green.url(), HaproxyDriverConfig.WEIGHTS, false)) {
            HaproxyDriver weights = new HaproxyDriver((HaproxyDriverConfig) weighted.driverConfig());
            LoadGenerator load = LoadGenerator.start(weighted.publicUrl(), 4, Duration.ofSeconds(2));
            pause(500);
            weights.switchTo(Color.GREEN);
            assertThat(weights.observeLive()).contains(Color.GREEN);
            LoadGenerator.Result result = load.await();

            assertThat(result.failures()).as("failed: %s", result.errorSamples()).isZero();
            assertThat(result.onColor(Color.GREEN)).isPositive();
            assertThat(result.lastSeenNanos().get(Color.BLUE)).isLessThan(result.lastSeenNanos().get(Color.GREEN));
        }
    }

    @Test
    void misnamedServerIsRefusedBeforeTheOldOneIsTouched() {
        HaproxyDriverConfig c = config();
        HaproxyDriver typo = new HaproxyDriver(new HaproxyDriverConfig(c.socket(), c.mode(), c.backend(), c.blueServer(), "gren",
                false, null, null, null, null, null, null, null));

        assertThatThrownBy(() -> typo.switchTo(Color.GREEN)).isInstanceOf(DriverException.class)
                .hasMessageContaining("server 'gren' is not in backend 'be_app'");
        assertThat(driver.observeLive()).contains(Color.BLUE);
    }

    @Test
    void aChangeBehindTheDriversBackIsSeenOnceItsLastReadHasAged() {
        assertThat(driver.health().healthy()).isTrue();
        assertThat(driver.observeLive()).contains(Color.BLUE);
        new HaproxyDriver(config()).switchTo(Color.GREEN); // another process, as far as this driver knows

        pause(TimeUnit.NANOSECONDS.toMillis(HaproxyDriver.SNAPSHOT_NANOS) + 50);
        assertThat(driver.observeLive()).contains(Color.GREEN);
    }

    @Test
    void healthReportsTheVersion() {
        assertThat(driver.health().healthy()).isTrue();
        assertThat(driver.health().detail()).startsWith("HAProxy 2.");
    }

    /**
     * Relays Runtime API connections to HAProxy, but cuts a connection carrying a 'set' command (with a reset)
     * after forwarding it and before any answer: the router applied it, the caller cannot know. In half mode it
     * forwards only the first command of the first such line (the new server goes 'ready', the old one never goes
     * to 'maint'), then relays everything whole.
     */
    private static final class CuttingRelay implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final int target;
        private final boolean half;
        private boolean cutOnce;

        CuttingRelay(int target) throws IOException {
            this(target, false);
        }

        CuttingRelay(int target, boolean half) throws IOException {
            this.target = target;
            this.half = half;
            Thread thread = new Thread(this::serve, "cutting-relay");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket client = server.accept(); Socket haproxy = new Socket(InetAddress.getLoopbackAddress(), target)) {
                    String command = readLine(client.getInputStream());
                    boolean cut = command.startsWith("set ") && (!half || !cutOnce);
                    String forwarded = cut && half ? command.substring(0, command.indexOf(';')) : command;
                    cutOnce |= cut;
                    OutputStream toHaproxy = haproxy.getOutputStream();
                    toHaproxy.write((forwarded + "\n").getBytes(StandardCharsets.UTF_8));
                    toHaproxy.flush();
                    if (cut) {
                        haproxy.getInputStream().readAllBytes();
                        client.setSoLinger(true, 0);
                    } else {
                        haproxy.getInputStream().transferTo(client.getOutputStream());
                    }
                } catch (IOException e) {
                    // the next connection gets a fresh try
                }
            }
        }

        private static String readLine(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                line.append((char) b);
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
