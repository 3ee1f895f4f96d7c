package io.jenkins.plugins.bluegreen.jenkins.targets;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.FormValidation;
import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.FaultInjectingDriver;
import io.jenkins.plugins.bluegreen.driver.NoopDriver;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.Color;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What "Test connection" says for each answer a router can give (stand-in routers from the engine). */
class ConnectionTestTest {

    @Test
    void aReachableRouterNamesTheColourItServes() {
        FormValidation result = ConnectionTest.of(new FaultInjectingDriver(Color.GREEN));

        assertThat(result.kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(result.getMessage()).isEqualTo("Reachable, serves GREEN (up)");
    }

    @Test
    void aNewRouterThatRoutesNothingSaysSo() {
        FormValidation result = ConnectionTest.of(new NoopDriver());

        assertThat(result.kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(result.getMessage()).startsWith("Reachable, routes no colour yet");
    }

    @Test
    void aDownRouterIsAnErrorWithItsReason() {
        FormValidation result = ConnectionTest.of(new FaultInjectingDriver(Color.BLUE).fault(FaultInjectingDriver.Fault.DOWN));

        assertThat(result.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(result.getMessage()).isEqualTo("Not reachable: fault-injecting router: connection refused");
    }

    @Test
    void aRouterThatCannotTellItsColourIsAWarningAndAFailingReadIsAnError() {
        assertThat(ConnectionTest.of(new Answering(Optional.empty())).kind).isEqualTo(FormValidation.Kind.WARNING);

        FormValidation failed = ConnectionTest.of(new Answering(null));

        assertThat(failed.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(failed.getMessage()).isEqualTo("Test failed: read-back refused");
    }

    /** A stand-in router that is up and reads back {@code live}, or fails to read when it is {@code null}. */
    private record Answering(Optional<Color> live) implements TrafficDriver {
        @Override
        public String type() {
            return "stand-in";
        }

        @Override
        public void switchTo(Color color) {
            throw new UnsupportedOperationException("a connection test never switches");
        }

        @Override
        public Optional<Color> observeLive() {
            if (live == null) {
                throw new DriverException("read-back refused");
            }
            return live;
        }

        @Override
        public Health health() {
            return Health.ok("up");
        }
    }
}
