package io.jenkins.plugins.bluegreen.lab;

import io.jenkins.plugins.bluegreen.demo.DemoBackend;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine;
import io.jenkins.plugins.bluegreen.release.ReleaseLog;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.store.InMemoryStateStore;
import io.jenkins.plugins.bluegreen.watch.WatchPolicy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import okhttp3.OkHttpClient;

/**
 * Two demo backends and an engine with an in-memory store: the release flow the router tests drive through a real
 * router. The watch probes at 50/s for one second after each switch and never rolls back by itself, so the tests
 * see exactly what the router did.
 */
public final class ReleaseScenario implements AutoCloseable {

    public static final String SERVICE = "shop";
    public static final String ACTOR = "router-test";

    public final DemoBackend blue;
    public final DemoBackend green;
    public final InMemoryStateStore store = new InMemoryStateStore();
    public final List<String> log = Collections.synchronizedList(new ArrayList<>());
    public final OkHttpClient http = new OkHttpClient();
    public final BlueGreenEngine engine;

    private ReleaseScenario() throws IOException {
        blue = DemoBackend.start(Color.BLUE, "1.0", 0);
        green = DemoBackend.start(Color.GREEN, "2.0", 0);
        ReleaseLog lines = line -> {
            log.add(line);
            System.out.println("[engine] " + line);
        };
        engine = new BlueGreenEngine(store, http, Clock.systemUTC(), lines);
    }

    public static ReleaseScenario start() throws IOException {
        return new ReleaseScenario();
    }

    /** The service switched by {@code driver}, watched through {@code publicUrl}. */
    public ServiceDefinition service(TrafficDriver driver, String publicUrl) {
        return ServiceDefinition.of(SERVICE, driver)
                .withUrls(blue.url(), green.url())
                .withPublicUrl(publicUrl, new WatchPolicy(Duration.ofSeconds(1), 50, 1_000_000, false))
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ZERO);
    }

    /** First release on blue, then 2.0 deployed and verified on green, ready to switch. */
    public ServiceState liveOnBlueWithGreenStaged(ServiceDefinition def) {
        return LabRelease.liveOnBlueWithGreenStaged(engine, def, ACTOR);
    }

    public ServiceState state() {
        return store.load(SERVICE);
    }

    @Override
    public void close() {
        blue.close();
        green.close();
    }
}
