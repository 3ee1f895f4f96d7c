package io.jenkins.plugins.bluegreen.cli.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.cli.Backends;
import io.jenkins.plugins.bluegreen.demo.DemoBackend;
import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.model.Color;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddedRouterTest {

    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();
    private Backends backends;
    private DemoBackend blue;
    private DemoBackend green;
    private EmbeddedRouter router;

    @BeforeEach
    void start() throws Exception {
        backends = Backends.start();
        blue = backends.blue();
        green = backends.green();
        router = EmbeddedRouter.start(blue.url(), green.url(), Color.BLUE, 0, 0);
    }

    @AfterEach
    void stop() throws Exception {
        router.close();
        backends.close();
    }

    private String colorOf(String path) throws Exception {
        try (Response response = http.newCall(new Request.Builder().url(router.publicUrl() + path).build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
            return response.header("X-Color");
        }
    }

    @Test
    void newRequestsGoToTheNewColourWhileRequestsInFlightFinishOnTheOld() throws Exception {
        assertThat(colorOf("/")).isEqualTo("blue");
        CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return colorOf("/slow?ms=1500");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        TimeUnit.MILLISECONDS.sleep(300);
        router.switchTo(Color.GREEN);
        assertThat(colorOf("/?after=switch")).isEqualTo("green");
        assertThat(inFlight.get(20, TimeUnit.SECONDS)).isEqualTo("blue");
    }

    @Test
    void theDriverSwitchesAndReadsBackThroughTheAdminPort() {
        EmbeddedDriver driver = new EmbeddedDriver(http, router.adminUrl());
        assertThat(driver.health().healthy()).isTrue();
        assertThat(driver.observeLive()).contains(Color.BLUE);
        driver.switchTo(Color.GREEN);
        assertThat(driver.observeLive()).contains(Color.GREEN);
        assertThat(router.live()).isEqualTo(Color.GREEN);
    }

    @Test
    void aStoppedRouterIsADriverFailureNamingTheRouter() throws Exception {
        String adminUrl = router.adminUrl();
        EmbeddedDriver driver = new EmbeddedDriver(http, adminUrl);
        router.close();
        assertThat(driver.health().healthy()).isFalse();
        assertThatThrownBy(() -> driver.switchTo(Color.GREEN))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("embedded router at " + adminUrl);
    }
}
