package io.jenkins.plugins.bluegreen.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.drivers.haproxy.HaproxyDriverConfig;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionPolicyTest {

    private static final SessionPolicy DRAIN = new SessionPolicy("SRV", Duration.ofMinutes(15), Duration.ofMinutes(1));

    @Test
    void parsesTheTextSettingsOfAFormOrASpec() {
        assertThat(SessionPolicy.parse("drain", "SRV", "15m", "1m")).isEqualTo(DRAIN);
        assertThat(SessionPolicy.parse(" Drain ", "SRV", "15m", null)).isEqualTo(DRAIN);
        assertThat(SessionPolicy.parse("drain", "SRV", "30s", "")).extracting(SessionPolicy::idle).isEqualTo(Duration.ofSeconds(30));
        assertThat(SessionPolicy.parse(null, null, null, null)).isNull();
        assertThat(SessionPolicy.parse("none", "", " ", null)).isNull();
    }

    @Test
    void badSettingsNameTheField() {
        assertThatThrownBy(() -> SessionPolicy.parse("drain", null, "15m", null)).isInstanceOf(BadInputException.class)
                .extracting(e -> ((BadInputException) e).field()).isEqualTo("sessions.cookie");
        assertThatThrownBy(() -> SessionPolicy.parse("drain", "SRV;x", "15m", null)).hasMessageStartingWith("sessions.cookie: 'SRV;x'");
        assertThatThrownBy(() -> SessionPolicy.parse("drain", "SRV", "2d", null)).hasMessageStartingWith("sessions.period: '48h' is out of range");
        assertThatThrownBy(() -> SessionPolicy.parse("drain", "SRV", "15m", "0s")).hasMessageStartingWith("sessions.idle: '0s' is out of range");
        assertThatThrownBy(() -> SessionPolicy.parse("drain", "SRV", "", null)).hasMessageStartingWith("sessions.period: missing");
        assertThatThrownBy(() -> SessionPolicy.parse("sticky", "SRV", "15m", null)).hasMessageStartingWith("sessions.mode: 'sticky'");
    }

    @Test
    void samplesFourTimesPerIdleIntervalAtMostEvery250Ms() {
        assertThat(DRAIN.sampleInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(new SessionPolicy("SRV", Duration.ofSeconds(5), Duration.ofSeconds(1)).sampleInterval()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aServiceWhoseRouterCannotDrainSessionsIsRefusedWhenItIsDefined() {
        ServiceDefinition noop = ServiceDefinition.of("shop", new NoopDriver());
        assertThatThrownBy(() -> noop.withSessions(DRAIN)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("sessions: the noop router cannot keep sessions on the old colour");
        assertThat(noop.withSessions(null).sessions()).isNull();

        ServiceDefinition haproxy = ServiceDefinition.of("shop", HaproxyDriverConfig.serverState("127.0.0.1:9999", "be_app")
                .create(null, SecretSource.none()));
        assertThat(haproxy.withSessions(DRAIN).sessions()).isEqualTo(DRAIN);
        assertThatThrownBy(() -> haproxy.withSessions(DRAIN).withDriver(new NoopDriver())).hasMessageStartingWith("sessions: ");
    }
}
