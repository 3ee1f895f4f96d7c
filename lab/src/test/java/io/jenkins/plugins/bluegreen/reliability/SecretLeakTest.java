package io.jenkins.plugins.bluegreen.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.bluegreen.demo.DemoBackend;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.drivers.http.ColorApiServer;
import io.jenkins.plugins.bluegreen.drivers.http.HttpDriverConfig;
import io.jenkins.plugins.bluegreen.drivers.http.HttpDriverConfig.Credentials;
import io.jenkins.plugins.bluegreen.drivers.http.HttpDriverConfig.RequestTemplate;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine.SwitchOptions;
import io.jenkins.plugins.bluegreen.release.Results;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.store.JsonFileStateStore;
import io.jenkins.plugins.bluegreen.verify.HttpCheck;
import io.jenkins.plugins.bluegreen.verify.VerifyTarget;
import io.jenkins.plugins.bluegreen.view.SwitchReportPage;
import io.jenkins.plugins.bluegreen.watch.ProbeSample;
import io.jenkins.plugins.bluegreen.watch.SvgTimeline;
import io.jenkins.plugins.bluegreen.watch.WatchPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole release through a router API that demands a bearer token, including refused calls with a wrong token,
 * then every output is scanned for both token values: the log, every state file, the SVG and HTML reports, and the
 * full text of every exception with its causes.
 */
class SecretLeakTest {

    private static final String TOKEN = "s3cr3t-Token-7f9a2c";
    private static final String WRONG_TOKEN = "wr0ng-Token-55e1b0";

    @TempDir
    Path stateDir;

    @Test
    void noSecretAppearsInAnyOutputOfAFullRun() throws Exception {
        List<String> outputs = new CopyOnWriteArrayList<>();
        try (DemoBackend blue = DemoBackend.start(Color.BLUE, "1.0", 0);
                DemoBackend green = DemoBackend.start(Color.GREEN, "2.0", 0);
                ColorApiServer api = new ColorApiServer()) {
            api.requireAuthorization("Bearer " + TOKEN);
            Map<String, String> environment = new HashMap<>(Map.of("ROUTER_TOKEN", WRONG_TOKEN));
            SecretSource fromEnvironment = (field, reference) -> environment.get(reference.substring("env:".length()));
            HttpDriverConfig config = new HttpDriverConfig(
                    new RequestTemplate("POST", api.url("/api/upstream"), Map.of("Content-Type", "application/json"), "{\"color\":\"${color}\"}"),
                    new RequestTemplate("GET", api.url("/api/upstream"), null, null),
                    "/upstream/color", null, null, new Credentials("env:ROUTER_TOKEN", null, null, null, null), "2s");
            OkHttpClient http = new OkHttpClient();
            ServiceDefinition shop = ServiceDefinition.of("shop", config.create(http, fromEnvironment))
                    .withUrls(blue.url(), green.url())
                    .withPublicUrl("http://shop.invalid/", new WatchPolicy(Duration.ofMillis(200), 50, 0, true));
            JsonFileStateStore store = new JsonFileStateStore(stateDir);
            BlueGreenEngine engine = new BlueGreenEngine(store, http, Clock.systemUTC(), outputs::add)
                    .withProbes(def -> at -> new ProbeSample(at, Color.valueOf(api.live().toUpperCase()), 200, 100, null));
            List<Throwable> failures = new ArrayList<>();

            // With the wrong token the router cannot be read, so the first deployment cannot tell which colour to adopt.
            failures.add(catchThrowable(() -> engine.deploy(shop, "1.0", "alice", target -> { })));
            environment.put("ROUTER_TOKEN", TOKEN);
            engine.deploy(shop, "1.0", "alice", target -> { });
            engine.verify(shop, List.of(HttpCheck.get("/health")), VerifyTarget.IDLE, "alice");
            environment.put("ROUTER_TOKEN", WRONG_TOKEN);
            failures.add(catchThrowable(() -> engine.switchTraffic(shop, SwitchOptions.unattended("alice"))));
            outputs.add(String.valueOf(engine.status(shop)));

            environment.put("ROUTER_TOKEN", TOKEN);
            engine.switchTraffic(shop, SwitchOptions.unattended("alice"));
            engine.deploy(shop, "2.0", "alice", target -> { });
            engine.verify(shop, List.of(HttpCheck.get("/health")), VerifyTarget.BOTH, "alice");
            Results.Switched switched = engine.switchTraffic(shop, SwitchOptions.unattended("alice"));
            engine.drill(shop, "alice");
            outputs.add(SvgTimeline.render(switched.report()));
            outputs.add(SwitchReportPage.render(switched.report(), store.load("shop")));
            outputs.add(String.valueOf(engine.status(shop)));

            assertThat(failures).allSatisfy(failure -> assertThat(failure).isNotNull());
            for (Throwable failure : failures) {
                StringWriter text = new StringWriter();
                failure.printStackTrace(new PrintWriter(text));
                outputs.add(text.toString());
            }
            try (Stream<Path> files = Files.walk(stateDir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    outputs.add(file + ":\n" + Files.readString(file));
                }
            }
        }

        assertThat(outputs).as("log lines, state files, reports and exceptions").isNotEmpty()
                .noneMatch(text -> text.contains(TOKEN) || text.contains(WRONG_TOKEN));
        assertThat(String.join("\n", outputs)).contains("401").contains("SWITCHED").contains("<svg");
    }
}
