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
                    .hasMessageContaining("within 1000 ms");
            assertThatThrownBy(() -> scenario.engine.switchTraffic(def.withDriver(hung), SwitchOptions.unattended(ReleaseScenario.ACTOR)))
                    .isInstanceOf(DriverException.class).hasMessageContaining("not healthy").hasMessageContaining("within 1000 ms");
        }
        assertThat(scenario.state().live()).isEqualTo(Color.BLUE);
        assertThat(driver.observeLive()).contains(Color.BLUE);
    }

    @Test
    void socketClosedMidCommandFailsTheSwitchWithoutClaimingGreen() throws IOException {
        int statsPort = Integer.parseInt(config().socket().substring(config().socket().lastIndexOf(':') + 1));
        try (CuttingRelay relay = new CuttingRelay(statsPort)) {
            HaproxyDriver cut = new HaproxyDriver(withSocket("127.0.0.1:" + relay.port(), "2s"));

            assertSwitchNotConfirmed(def.withDriver(cut), "haproxy router at 127.0.0.1:" + relay.port(), "outcome is unknown");
        }
        // HAProxy did apply the command before the connection was cut: status shows the drift, reconcile fixes the record.
        Status status = scenario.engine.status(def);
        assertThat(status.observed()).contains(Color.GREEN);
        assertThat(status.drift()).contains("the router serves GREEN but the record says BLUE");
        assertThat(scenario.engine.reconcile(def, ReleaseScenario.ACTOR).live()).isEqualTo(Color.GREEN);
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
    void healthReportsTheVersion() {
        assertThat(driver.health().healthy()).isTrue();
        assertThat(driver.health().detail()).startsWith("HAProxy 2.");
    }

    /**
     * Relays Runtime API connections to HAProxy, but cuts a connection carrying a 'set' command (with a reset)
     * after forwarding it and before any answer: the router applied it, the caller cannot know.
     */
    private static final class CuttingRelay implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final int target;

        CuttingRelay(int target) throws IOException {
            this.target = target;
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
                    OutputStream toHaproxy = haproxy.getOutputStream();
                    toHaproxy.write((command + "\n").getBytes(StandardCharsets.UTF_8));
                    toHaproxy.flush();
                    if (command.startsWith("set ")) {
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
