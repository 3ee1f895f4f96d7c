package io.jenkins.plugins.bluegreen.drivers.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.demo.DemoBackend;
import io.jenkins.plugins.bluegreen.lab.DnsLab;
import io.jenkins.plugins.bluegreen.lab.LabRelease;
import io.jenkins.plugins.bluegreen.lab.TestPrerequisites;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine;
import io.jenkins.plugins.bluegreen.release.ReleaseLog;
import io.jenkins.plugins.bluegreen.release.Results.RolledBack;
import io.jenkins.plugins.bluegreen.release.Results.Switched;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.store.InMemoryStateStore;
import io.jenkins.plugins.bluegreen.watch.ProbeSample;
import io.jenkins.plugins.bluegreen.watch.SvgTimeline;
import io.jenkins.plugins.bluegreen.watch.SwitchReport;
import io.jenkins.plugins.bluegreen.watch.WatchPolicy;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The switch watch of a DNS name: blue on 127.0.0.2 and green on 127.0.0.3 (same port), the name served by BIND and
 * Knot, resolved through a real unbound. Every probe resolves the name through unbound and connects to what it gets,
 * so the timeline shows traffic staying on blue until unbound's cached answer (TTL 2 s) expires, then moving at once.
 */
class DnsWatchThroughUnboundRouterTest {

    /**
     * Convergence is asserted to happen soon after the TTL, not timed: the figures belong to the benchmark document, and
     * a loaded machine may add seconds to the probes.
     */
    private static final long CONVERGENCE_SLACK_MILLIS = 5_000;

    private static final int TTL_SECONDS = 2;

    private DemoBackend blue;
    private DemoBackend green;
    private DnsLab lab;

    @BeforeEach
    void start() throws Exception {
        TestPrerequisites.requireProgram("named", "bind9");
        TestPrerequisites.requireProgram("knotd", "knot");
        TestPrerequisites.requireProgram("unbound");
        blue = DemoBackend.start(Color.BLUE, "1.0", InetAddress.getByName("127.0.0.2"), 0);
        green = DemoBackend.start(Color.GREEN, "2.0", InetAddress.getByName("127.0.0.3"), blue.port());
        lab = DnsLab.start(List.of("127.0.0.2"), Duration.ofSeconds(TTL_SECONDS), new DnsLab.Servers(true, true));
    }

    @AfterEach
    void stop() {
        if (lab != null) {
            lab.close();
        }
        if (green != null) {
            green.close();
        }
        if (blue != null) {
            blue.close();
        }
    }

    @Test
    void theTimelineShowsTrafficMovingWhenTheResolversCacheExpires() {
        OkHttpClient http = new OkHttpClient();
        BlueGreenEngine engine = new BlueGreenEngine(new InMemoryStateStore(), http, Clock.systemUTC(), ReleaseLog.silent());
        DnsDriverConfig config = lab.driverConfig(List.of("127.0.0.2"), List.of("127.0.0.3"), DnsLab.UPDATE_KEY, TTL_SECONDS + "s");
        ServiceDefinition def = ServiceDefinition.of("shop", config.create(http, DnsLab.secrets()))
                .withUrls(blue.url(), green.url())
                .withPublicUrl("http://shop.example.test:" + blue.port() + "/", new WatchPolicy(Duration.ofSeconds(TTL_SECONDS + 2), 20, 1_000, false))
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ZERO);
        LabRelease.liveOnBlueWithGreenStaged(engine, def, "watch-test");

        Switched switched = engine.switchTraffic(def, BlueGreenEngine.SwitchOptions.unattended("watch-test"));
        RolledBack rolledBack = engine.rollback(def, "watch-test", "watch test");

        SwitchReport report = switched.report();
        System.out.printf("%n=== dns through unbound: switch %s%n=== rollback: %s%n%n", report.summary(), rolledBack.report().summary());
        assertThat(report.failures()).isZero();
        // Probing starts before the switch call, but nothing waits for a probe to finish: on a busy machine none may
        // have answered before the call. Those that did must be blue.
        assertThat(beforeTheSwitch(report)).allSatisfy(sample -> assertThat(sample.color()).isEqualTo(Color.BLUE));
        assertThat(report.timeToAllNewMillis()).as("unbound keeps the blue answer until its TTL runs out")
                .isBetween(0L, TTL_SECONDS * 1000L + CONVERGENCE_SLACK_MILLIS);
        List<ProbeSample> samples = report.samples();
        assertThat(samples.subList(samples.size() - 5, samples.size())).allSatisfy(sample -> assertThat(sample.color()).isEqualTo(Color.GREEN));
        assertThat(SvgTimeline.render(report)).startsWith("<svg").contains("green");
        assertThat(rolledBack.report().failures()).isZero();
        assertThat(rolledBack.rtoMillis()).isBetween(0L, TTL_SECONDS * 1000L + CONVERGENCE_SLACK_MILLIS);
    }

    private static List<ProbeSample> beforeTheSwitch(SwitchReport report) {
        return report.samples().stream().filter(sample -> report.relativeMillis(sample) < 0).toList();
    }
}
