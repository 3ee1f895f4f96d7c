package io.jenkins.plugins.bluegreen.drivers.caddy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.lab.CaddyLab;
import io.jenkins.plugins.bluegreen.lab.LabRouter;
import io.jenkins.plugins.bluegreen.lab.ReleaseScenario;
import io.jenkins.plugins.bluegreen.lab.RouterDriverContract;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine.SwitchOptions;
import java.io.IOException;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The Caddy driver against a real Caddy on loopback: PATCH of the reverse proxy's upstreams, GET read-back. */
class CaddyDriverRouterTest extends RouterDriverContract {

    /** Every admin change reloads Caddy's config and recycles client connections. */
    CaddyDriverRouterTest() {
        super("caddy", CaddyLab::start, false);
    }

    private CaddyDriverConfig config() {
        return (CaddyDriverConfig) router.driverConfig();
    }

    private CaddyDriver driverAt(String adminUrl, String timeout) {
        CaddyDriverConfig c = config();
        return new CaddyDriver(new CaddyDriverConfig(adminUrl, c.proxyId(), c.blueDial(), c.greenDial(), timeout), scenario.http);
    }

    @Test
    void patchAcceptedButNotAppliedIsCaughtByTheReadBack() throws IOException {
        // In front of the real admin API: PATCH answers 200 and is dropped, GET reads the real Caddy.
        try (MockWebServer swallowing = new MockWebServer()) {
            swallowing.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    if (!"GET".equals(request.getMethod())) {
                        return new MockResponse.Builder().code(200).build();
                    }
                    Request real = new Request.Builder().url(config().adminUrl() + request.getTarget()).build();
                    try (Response response = scenario.http.newCall(real).execute()) {
                        return new MockResponse.Builder().code(response.code()).body(response.body().string()).build();
                    } catch (IOException e) {
                        return new MockResponse.Builder().code(502).build();
                    }
                }
            });
            swallowing.start();

            assertSwitchNotConfirmed(def.withDriver(driverAt(swallowing.url("/").toString(), null)),
                    "accepted the switch to GREEN", "reads back BLUE");
        }
        assertThat(driver.observeLive()).contains(Color.BLUE);
    }

    @Test
    void adminApiThatNeverAnswersTimesOut() throws IOException {
        try (SilentServer silent = new SilentServer()) {
            CaddyDriver hung = driverAt("http://127.0.0.1:" + silent.port(), "1s");

            assertThatThrownBy(() -> hung.switchTo(Color.GREEN)).isInstanceOf(DriverException.class)
                    .hasMessageContaining("caddy router: PATCH http://127.0.0.1:" + silent.port() + "/id/app/upstreams failed");
            assertThatThrownBy(() -> scenario.engine.switchTraffic(def.withDriver(hung), SwitchOptions.unattended(ReleaseScenario.ACTOR)))
                    .isInstanceOf(DriverException.class).hasMessageContaining("not healthy");
        }
        assertThat(scenario.state().live()).isEqualTo(Color.BLUE);
        assertThat(driver.observeLive()).contains(Color.BLUE);
    }

    @Test
    void unknownProxyIdSaysWhereToAddIt() {
        CaddyDriverConfig c = config();
        CaddyDriver wrongId = new CaddyDriver(new CaddyDriverConfig(c.adminUrl(), "shop", c.blueDial(), c.greenDial(), null), scenario.http);

        assertThatThrownBy(() -> wrongId.switchTo(Color.GREEN)).isInstanceOf(DriverException.class)
                .hasMessageContaining("HTTP 404").hasMessageContaining("\"@id\": \"shop\"");
        assertThat(driver.observeLive()).contains(Color.BLUE);
    }
}
