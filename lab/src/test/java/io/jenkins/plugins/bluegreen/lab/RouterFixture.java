package io.jenkins.plugins.bluegreen.lab;

import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import java.io.IOException;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;

/**
 * Two backends and an engine (a {@link ReleaseScenario}) with one lab router in front of them, blue live and green
 * staged; everything is stopped after each test. The router contracts build on it.
 */
public abstract class RouterFixture {

    protected ReleaseScenario scenario;
    protected LabRouter router;
    protected TrafficDriver driver;

    /**
     * Starts the scenario, the router {@code start} puts in front of its blue and green backends, and the router's
     * driver; then records blue live and green staged for the returned service.
     */
    protected ServiceDefinition startWithGreenStaged(BiFunction<String, String, LabRouter> start) throws IOException {
        scenario = ReleaseScenario.start();
        router = start.apply(scenario.blue.url(), scenario.green.url());
        driver = router.driverConfig().create(scenario.http, router.secrets());
        ServiceDefinition def = scenario.service(driver, router.publicUrl());
        scenario.liveOnBlueWithGreenStaged(def);
        return def;
    }

    @AfterEach
    void stopEverything() {
        if (router != null) {
            router.close();
        }
        if (scenario != null) {
            scenario.close();
        }
    }
}
