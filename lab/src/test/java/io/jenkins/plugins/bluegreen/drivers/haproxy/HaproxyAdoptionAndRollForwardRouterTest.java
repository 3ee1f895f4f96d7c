package io.jenkins.plugins.bluegreen.drivers.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.lab.HaproxyLab;
import io.jenkins.plugins.bluegreen.lab.LabRouter;
import io.jenkins.plugins.bluegreen.lab.ReleaseScenario;
import io.jenkins.plugins.bluegreen.lab.TestPrerequisites;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.EnvironmentStatus;
import io.jenkins.plugins.bluegreen.model.Event;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.model.Outcome;
import io.jenkins.plugins.bluegreen.model.RefusedException;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine.SwitchOptions;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.verify.HttpCheck;
import io.jenkins.plugins.bluegreen.verify.VerifyTarget;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A service that ran before the tool, taken over through a real HAProxy on loopback: its first deployment goes next
 * to live traffic, never onto it; and rolling forward again after a rollback.
 */
class HaproxyAdoptionAndRollForwardRouterTest {

    private static final String ACTOR = ReleaseScenario.ACTOR;

    private ReleaseScenario scenario;
    private LabRouter router;
    private TrafficDriver driver;
    private ServiceDefinition def;

    @BeforeEach
    void startHaproxyServingBlueWithNothingRecorded() throws IOException {
        TestPrerequisites.requireProgram("haproxy");
        scenario = ReleaseScenario.start();
        router = HaproxyLab.start(scenario.blue.url(), scenario.green.url());
        driver = router.driverConfig().create(scenario.http, SecretSource.none());
        def = scenario.service(driver, router.publicUrl());
    }

    @AfterEach
    void stop() {
        if (router != null) {
            router.close();
        }
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    void theFirstDeploymentOfARunningServiceAdoptsTheServedColourAndGoesToTheOther() throws IOException {
        assertThat(scenario.engine.status(def).drift()).as("status warns before anything is recorded")
                .contains("the router serves BLUE but nothing is recorded as live");
        List<Color> deployedTo = new ArrayList<>();

        scenario.engine.deploy(def, "2.0", "alice", target -> deployedTo.add(target.color()));

        assertThat(deployedTo).containsExactly(Color.GREEN);
        ServiceState state = scenario.state();
        assertThat(state.live()).isEqualTo(Color.BLUE);
        assertThat(state.blue().status()).isEqualTo(EnvironmentStatus.LIVE);
        assertThat(state.green().status()).isEqualTo(EnvironmentStatus.DEPLOYED);
        Event adopted = state.events().get(0);
        assertThat(adopted.type()).isEqualTo(EventType.ADOPTED);
        assertThat(adopted.actor()).isEqualTo("alice");
        assertThat(adopted.detail()).contains("the haproxy router serves BLUE");
        assertThat(colourThroughHaproxy()).as("users still get blue").isEqualTo("blue");
        assertThat(scenario.engine.status(def).drifted()).isFalse();
    }

    @Test
    void aRouterThatServesBothColoursIsNotGuessedAt() throws IOException {
        runtimeApi("set server be_app/green state ready");

        assertThatThrownBy(() -> scenario.engine.deploy(def, "2.0", "alice", target -> {
            throw new AssertionError("the deploy body must not run");
        })).isInstanceOf(RefusedException.class)
                .hasMessageContaining("does not serve a single colour (it serves both, or neither)")
                .hasMessageContaining("nothing was changed");
        assertThat(scenario.state().revision()).as("nothing recorded").isZero();
    }

    @Test
    void anUnreadableRouterRefusesTheDeploymentUnlessTheColourIsVouchedFor() {
        router.stop();

        assertThatThrownBy(() -> scenario.engine.deploy(def, "2.0", "alice", target -> { }))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("cannot be read").hasMessageContaining("reconcile").hasMessageContaining("--adopt");
        assertThat(scenario.state().revision()).isZero();

        scenario.engine.adopt(def, Color.BLUE, "1.0", "alice");
        assertThat(scenario.state().live()).isEqualTo(Color.BLUE);
        assertThat(scenario.state().events()).last().satisfies(event ->
                assertThat(event.detail()).contains("vouched for by alice").contains("could not be read"));
    }

    @Test
    void aRollbackCanBeRolledForwardOnceTheStandbyPassesVerificationAgain() throws IOException {
        scenario.liveOnBlueWithGreenStaged(def);
        scenario.engine.switchTraffic(def, SwitchOptions.unattended(ACTOR));
        scenario.engine.rollback(def, ACTOR, "bad release");
        assertThat(colourThroughHaproxy()).isEqualTo("blue");

        assertThatThrownBy(() -> scenario.engine.switchTraffic(def, SwitchOptions.unattended(ACTOR)))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("cannot switch to GREEN (2.0) because it is STANDBY")
                .hasMessageContaining("Verify it again, then switch");
        assertThat(scenario.engine.verify(def, List.of(HttpCheck.get("/health")), VerifyTarget.IDLE, ACTOR).outcome())
                .isEqualTo(Outcome.SUCCESSFUL);

        scenario.engine.switchTraffic(def, SwitchOptions.unattended(ACTOR));

        assertThat(scenario.state().live()).isEqualTo(Color.GREEN);
        assertThat(driver.observeLive()).contains(Color.GREEN);
        assertThat(colourThroughHaproxy()).isEqualTo("green");
    }

    private String colourThroughHaproxy() throws IOException {
        try (Response response = scenario.http.newCall(new Request.Builder().url(router.publicUrl()).build()).execute()) {
            return response.header("X-Color");
        }
    }

    private void runtimeApi(String command) throws IOException {
        String socket = ((HaproxyDriverConfig) router.driverConfig()).socket();
        int port = Integer.parseInt(socket.substring(socket.lastIndexOf(':') + 1));
        try (Socket connection = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = connection.getOutputStream();
            out.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            connection.getInputStream().readAllBytes();
        }
    }
}
