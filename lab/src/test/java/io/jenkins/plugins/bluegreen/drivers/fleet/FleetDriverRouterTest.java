package io.jenkins.plugins.bluegreen.drivers.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.OutcomeUnknownException;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.drivers.haproxy.HaproxyDriverConfig;
import io.jenkins.plugins.bluegreen.lab.HaproxyLab;
import io.jenkins.plugins.bluegreen.lab.LabRouter;
import io.jenkins.plugins.bluegreen.lab.LoadGenerator;
import io.jenkins.plugins.bluegreen.lab.NginxLab;
import io.jenkins.plugins.bluegreen.lab.ReleaseScenario;
import io.jenkins.plugins.bluegreen.lab.TestPrerequisites;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.model.RefusedException;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine.SwitchOptions;
import io.jenkins.plugins.bluegreen.release.Results.Status;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fleet of real routers on loopback (three HAProxy, or HAProxy and nginx) in front of one blue and one green
 * backend, switched as one through the engine: all switch together, or none does and the record stays.
 */
class FleetDriverRouterTest {

    private ReleaseScenario scenario;
    private final List<LabRouter> routers = new ArrayList<>();

    @BeforeEach
    void startBackends() throws IOException {
        TestPrerequisites.requireProgram("haproxy");
        scenario = ReleaseScenario.start();
    }

    @AfterEach
    void stopEverything() {
        routers.forEach(LabRouter::close);
        if (scenario != null) {
            scenario.close();
        }
    }

    private LabRouter haproxy() {
        LabRouter router = HaproxyLab.start(scenario.blue.url(), scenario.green.url());
        routers.add(router);
        return router;
    }

    /** The service switched by a fleet of these driver configurations, watched through the first router, blue live, green staged. */
    private ServiceDefinition stagedFleet(List<DriverConfig> configs) {
        ServiceDefinition def = scenario.service(FleetDriverConfig.of(configs).create(scenario.http, SecretSource.none()),
                routers.get(0).publicUrl());
        scenario.liveOnBlueWithGreenStaged(def);
        return def;
    }

    private List<DriverConfig> configs() {
        return routers.stream().map(LabRouter::driverConfig).toList();
    }

    /** What each real router serves, asked directly and through its public URL. */
    private List<String> served() {
        List<String> served = new ArrayList<>();
        for (LabRouter router : routers) {
            String observed;
            try {
                observed = router.driverConfig().create(scenario.http, SecretSource.none()).observeLive().map(Color::name).orElse("none");
            } catch (DriverException e) {
                observed = "unreadable";
            }
            served.add(observed + " " + publicAnswer(router));
        }
        return served;
    }

    private String publicAnswer(LabRouter router) {
        try (Response response = scenario.http.newCall(new Request.Builder().url(router.publicUrl() + "health").build()).execute()) {
            return String.valueOf(response.header("X-Color"));
        } catch (IOException e) {
            return "unreachable";
        }
    }

    @Test
    void threeHaproxySwitchTogetherUnderLoadWithoutAFailedRequest() {
        haproxy();
        haproxy();
        haproxy();
        ServiceDefinition def = stagedFleet(configs());
        List<LoadGenerator> loads = routers.stream().map(r -> LoadGenerator.start(r.publicUrl(), 3, Duration.ofSeconds(4))).toList();
        pause(500);

        scenario.engine.switchTraffic(def, SwitchOptions.unattended(ReleaseScenario.ACTOR));
        List<String> afterSwitch = served();
        Color recordedAfterSwitch = scenario.state().live();
        pause(300);
        scenario.engine.rollback(def, ReleaseScenario.ACTOR, "fleet test");
        List<LoadGenerator.Result> results = loads.stream().map(LoadGenerator::await).toList();

        assertThat(afterSwitch).containsOnly("GREEN green");
        assertThat(recordedAfterSwitch).isEqualTo(Color.GREEN);
        assertThat(served()).containsOnly("BLUE blue");
        assertThat(scenario.state().live()).isEqualTo(Color.BLUE);
        for (LoadGenerator.Result result : results) {
            assertThat(result.failures()).as("failed requests: %s", result.errorSamples()).isZero();
            assertThat(result.onColor(Color.GREEN)).as("every router served green for a while").isPositive();
            assertThat(result.onColor(Color.BLUE)).isPositive();
        }
    }

    @Test
    void oneRouterDownBeforeTheSwitchIsRefusedByNameAndNothingChanges() {
        haproxy();
        LabRouter down = haproxy();
        haproxy();
        ServiceDefinition def = stagedFleet(configs());
        down.stop();

        assertThatThrownBy(() -> scenario.engine.switchTraffic(def, SwitchOptions.unattended(ReleaseScenario.ACTOR)))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("haproxy-2 is not healthy")
                .hasMessageContaining("2 of 3 routers healthy")
                .hasMessageContaining("nothing was changed");
        assertThat(served()).containsExactly("BLUE blue", "unreadable unreachable", "BLUE blue");
        assertThat(scenario.state().live()).isEqualTo(Color.BLUE);
        assertThat(scenario.state().events()).extracting(e -> e.type()).doesNotContain(EventType.SWITCH_FAILED, EventType.SWITCHED);
    }

    @Test
    void oneRouterDriftedBeforeTheSwitchIsRefusedByNameAndNothingChanges() {
        haproxy();
        haproxy();
        LabRouter drifted = haproxy();
        ServiceDefinition def = stagedFleet(configs());
        drifted.driverConfig().create(scenario.http, SecretSource.none()).switchTo(Color.GREEN); // by hand, behind the record's back
        pause(150); // the fleet's HAProxy drivers answer reads from a snapshot of up to 100 ms

        assertThatThrownBy(() -> scenario.engine.switchTraffic(def, SwitchOptions.unattended(ReleaseScenario.ACTOR)))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("does not serve a single colour")
                .hasMessageContaining("haproxy-3: GREEN")
                .hasMessageContaining("nothing was switched");
        assertThat(served()).containsExactly("BLUE blue", "BLUE blue", "GREEN green");
        assertThat(scenario.state().live()).isEqualTo(Color.BLUE);
        Status status = scenario.engine.status(def);
        assertThat(status.drifted()).isTrue();
        assertThat(status.servers()).extracting(s -> s.server() + " " + s.color())
                .containsExactly("haproxy-1 BLUE", "haproxy-2 BLUE", "haproxy-3 GREEN");
    }

    @Test
    void oneRouterWhoseRuntimeSocketClosesMidSwitchPutsEveryRouterBackOnBlue() throws IOException {
        haproxy();
        haproxy();
        LabRouter third = haproxy();
        try (SwitchCuttingRelay relay = new SwitchCuttingRelay(statsPort(third), false)) {
            ServiceDefinition def = stagedFleet(List.of(configs().get(0), configs().get(1), throughRelay(third, relay)));

            assertThatThrownBy(() -> scenario.engine.switchTraffic(def, SwitchOptions.unattended(ReleaseScenario.ACTOR)))
                    .isInstanceOf(DriverException.class)
                    .isNotInstanceOf(OutcomeUnknownException.class)
                    .hasMessageContaining("did not take on haproxy-3, so every router was put back")
                    .hasMessageContaining("haproxy-1: switched to GREEN; back on BLUE, confirmed")
                    .hasMessageContaining("haproxy-2: switched to GREEN; back on BLUE, confirmed")
                    .hasMessageContaining("haproxy-3: the switch to GREEN failed (haproxy router at 127.0.0.1:" + relay.port())
                    .hasMessageContaining("Every router is confirmed back, so the record keeps the colour it had");

            assertThat(relay.cuts()).as("the relay cut the switch, and the command putting it back").isEqualTo(2);
            assertThat(served()).containsOnly("BLUE blue");
            assertThat(scenario.state().live()).isEqualTo(Color.BLUE);
            assertThat(scenario.state().events()).last().satisfies(e -> assertThat(e.type()).isEqualTo(EventType.SWITCH_FAILED));
            assertThat(scenario.engine.status(def).drifted()).isFalse();
        }
    }

    @Test
    void aRouterLostMidSwitchIsRecordedAsUnknownNeverAsLiveAndStatusShowsIt() throws IOException {
        haproxy();
        haproxy();
        LabRouter third = haproxy();
        try (SwitchCuttingRelay relay = new SwitchCuttingRelay(statsPort(third), true)) {
            ServiceDefinition def = stagedFleet(List.of(configs().get(0), configs().get(1), throughRelay(third, relay)));

            assertThatThrownBy(() -> scenario.engine.switchTraffic(def, SwitchOptions.unattended(ReleaseScenario.ACTOR)))
                    .isInstanceOf(OutcomeUnknownException.class)
                    .hasMessageContaining("haproxy-3: the switch to GREEN failed")
                    .hasMessageContaining("NOT confirmed back on BLUE")
                    .hasMessageContaining("What haproxy-3 serves is unknown until read back");

            assertThat(scenario.state().live()).as("no false LIVE").isEqualTo(Color.BLUE);
            assertThat(scenario.state().events()).extracting(e -> e.type()).contains(EventType.SWITCH_OUTCOME_UNKNOWN)
                    .doesNotContain(EventType.SWITCHED);
            assertThat(served()).as("the real routers are all back on blue").containsOnly("BLUE blue");
            Status status = scenario.engine.status(def);
            assertThat(status.routerHealth()).contains("haproxy-3 cannot be read");
            assertThat(status.drift()).contains("cannot be read, so the record (BLUE");
            assertThat(status.servers()).filteredOn(s -> s.server().equals("haproxy-3")).singleElement()
                    .satisfies(s -> assertThat(s.answer()).contains("cannot be read"));
            assertThat(status.servers()).extracting(s -> s.server() + " " + s.color())
                    .containsExactly("haproxy-1 BLUE", "haproxy-2 BLUE", "haproxy-3 null");
        }
    }

    @Test
    void aMixedFleetOfHaproxyAndNginxSwitchesAndRollsBackTogether() {
        TestPrerequisites.requireProgram("nginx");
        haproxy();
        LabRouter nginx = NginxLab.start(scenario.blue.url(), scenario.green.url());
        routers.add(nginx);
        ServiceDefinition def = stagedFleet(configs());

        scenario.engine.switchTraffic(def, SwitchOptions.unattended(ReleaseScenario.ACTOR));
        assertThat(served()).containsOnly("GREEN green");
        assertThat(scenario.state().live()).isEqualTo(Color.GREEN);
        assertThat(scenario.engine.status(def).servers()).extracting(s -> s.describe())
                .containsExactly("haproxy-1: GREEN (haproxy)", "nginx-2: GREEN (nginx)");

        scenario.engine.rollback(def, ReleaseScenario.ACTOR, "fleet test");
        assertThat(served()).containsOnly("BLUE blue");
        assertThat(scenario.state().live()).isEqualTo(Color.BLUE);
    }

    private static int statsPort(LabRouter router) {
        String socket = ((HaproxyDriverConfig) router.driverConfig()).socket();
        return Integer.parseInt(socket.substring(socket.lastIndexOf(':') + 1));
    }

    private static HaproxyDriverConfig throughRelay(LabRouter router, SwitchCuttingRelay relay) {
        HaproxyDriverConfig c = (HaproxyDriverConfig) router.driverConfig();
        return new HaproxyDriverConfig("127.0.0.1:" + relay.port(), c.mode(), c.backend(), c.blueServer(), c.greenServer(), c.drain(),
                c.map(), c.mapKey(), c.blueBackend(), c.greenBackend(), c.mapFile(), c.serverStateFile(), "2s");
    }

    /**
     * A fault-injecting relay in front of one real HAProxy's Runtime API: it relays reads ({@code show ...}) whole,
     * but closes a connection carrying a {@code set} command without forwarding it, as a runtime socket that goes
     * away after the health check would. With {@code staysClosed}, every later connection is closed too: the router
     * can no longer be read or put back.
     */
    private static final class SwitchCuttingRelay implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final int target;
        private final boolean staysClosed;
        private final AtomicBoolean cutOnce = new AtomicBoolean();
        private volatile int cuts;

        SwitchCuttingRelay(int target, boolean staysClosed) throws IOException {
            this.target = target;
            this.staysClosed = staysClosed;
            Thread thread = new Thread(this::serve, "switch-cutting-relay");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int cuts() {
            return cuts;
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket client = server.accept()) {
                    String command = readLine(client.getInputStream());
                    if (command.startsWith("set ") || staysClosed && cutOnce.get()) {
                        cutOnce.set(true);
                        cuts++;
                        continue;
                    }
                    try (Socket haproxy = new Socket(InetAddress.getLoopbackAddress(), target)) {
                        OutputStream toHaproxy = haproxy.getOutputStream();
                        toHaproxy.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
                        toHaproxy.flush();
                        client.getOutputStream().write(haproxy.getInputStream().readAllBytes());
                    }
                } catch (IOException e) {
                    // the next connection gets a fresh try
                }
            }
        }

        private static String readLine(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                line.append((char) b);
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
