package io.jenkins.plugins.bluegreen.jenkins.targets;

import hudson.util.FormValidation;
import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import java.util.Optional;

/** What a router form's "Test connection" shows: the router's health, then the colour it serves, read back as a switch does. */
public final class ConnectionTest {

    private ConnectionTest() {}

    static FormValidation of(TrafficDriver router) {
        try {
            TrafficDriver.Health health = router.health();
            if (!health.healthy()) {
                return FormValidation.error(Messages.ConnectionTest_Down(health.detail()));
            }
            Optional<Color> live = router.observeLive();
            if (live.isPresent()) {
                return FormValidation.ok(Messages.ConnectionTest_Serves(live.get().name(), health.detail()));
            }
            return router.routesNoColour() ? FormValidation.ok(Messages.ConnectionTest_ServesNothing(health.detail()))
                    : FormValidation.warning(Messages.ConnectionTest_Unknown(health.detail()));
        } catch (DriverException | BadInputException e) {
            return FormValidation.error(Messages.ConnectionTest_Failed(e.getMessage()));
        }
    }
}
