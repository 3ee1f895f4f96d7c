package io.jenkins.plugins.bluegreen.drivers.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.lab.NginxLab;
import io.jenkins.plugins.bluegreen.lab.ReleaseScenario;
import io.jenkins.plugins.bluegreen.lab.RouterDriverContract;
import io.jenkins.plugins.bluegreen.lab.TestPrerequisites;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine.SwitchOptions;
import io.jenkins.plugins.bluegreen.release.Results;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * The nginx driver's lua mode against a real nginx 1.22 with Debian's lua module, two workers sharing the dict: no
 * reload, so the contract's switch and rollback under keep-alive load must fail no request at all.
 */
class NginxLuaDriverRouterTest extends RouterDriverContract {

    NginxLuaDriverRouterTest() {
        super("nginx", NginxLab::startLua, true);
    }

    @Override
    protected void requirePrerequisites() {
        super.requirePrerequisites();
        TestPrerequisites.require(NginxLab.luaInstalled(), "nginx's lua module is not installed (" + NginxLab.LUA_MODULES + ")",
                "install it (apt-get install libnginx-mod-http-lua)");
    }

    private NginxDriverConfig config() {
        return (NginxDriverConfig) router.driverConfig();
    }

    private NginxLuaDriver lua() {
        return (NginxLuaDriver) driver;
    }

    private String includeFile() throws IOException {
        return Files.readString(Path.of(config().includeFile()));
    }

    private String token() throws IOException {
        return Files.readString(Path.of(config().tokenRef().substring("file:".length()))).strip();
    }

    /** One call to the admin location by hand: {@code color} null reads, else sets. Returns "code body". */
    private String admin(String authorization, Color color) throws IOException {
        String url = config().adminUrl() + "/bluegreen/" + config().upstream() + (color == null ? "" : "?color=" + color.label());
        Request.Builder request = new Request.Builder().url(url);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request.method(color == null ? "GET" : "PUT", color == null ? null : RequestBody.create(new byte[0]));
        try (Response response = scenario.http.newCall(request.build()).execute()) {
            return response.code() + " " + response.body().string().strip();
        }
    }

    /** The colours that answered {@code count} requests on one keep-alive connection and {@code count} on fresh ones. */
    private List<String> answers(int count) throws IOException {
        OkHttpClient fresh = scenario.http.newBuilder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
        List<String> colours = new ArrayList<>();
        for (OkHttpClient client : List.of(scenario.http, fresh)) {
            for (int i = 0; i < count; i++) {
                try (Response response = client.newCall(new Request.Builder().url(router.publicUrl()).build()).execute()) {
                    response.body().string();
                    colours.add(response.header("X-Color"));
                }
            }
        }
        return colours;
    }

    @Test
    void switchAnswersWithTheColourNowInEffectAndEveryWorkerServesIt() throws IOException {
        assertThat(answers(10)).containsOnly("blue");

        scenario.engine.switchTraffic(def, SwitchOptions.unattended(ReleaseScenario.ACTOR));

        assertThat(admin("Bearer " + token(), null)).isEqualTo("200 {\"bluegreen\":\"nginx-lua\",\"service\":\"app\",\"live\":\"green\",\"draining\":\"\","
                + "\"served\":{\"blue\":0,\"green\":0}}");
        assertThat(lua().fileColour()).contains(Color.GREEN);
        assertThat(answers(20)).containsOnly("green");
        assertThat(scenario.state().live()).isEqualTo(Color.GREEN);
    }

    @Test
    void wrongOrMissingTokenIsRefusedAndNothingChanges() throws IOException {
        String fileBefore = includeFile();
        assertThat(admin(null, Color.GREEN)).startsWith("401 ").contains("token refused");
        assertThat(admin("Bearer not-the-token", Color.GREEN)).startsWith("401 ");
        assertThat(admin("Basic " + token(), Color.GREEN)).startsWith("401 ");
        Path wrongToken = router.dir().resolve("wrong.token");
        Files.writeString(wrongToken, "not-the-token\n");
        NginxLuaDriver wrong = (NginxLuaDriver) config().withTokenRef("file:" + wrongToken).create(scenario.http, router.secrets());

        assertThatThrownBy(() -> wrong.switchTo(Color.GREEN)).isInstanceOf(DriverException.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining("refused the token of nginx.tokenRef")
                .hasMessageNotContaining("not-the-token").hasMessageNotContaining(token());
        assertRefusedAsNotHealthy(def.withDriver(wrong), "refused the token");

        assertThat(includeFile()).isEqualTo(fileBefore);
        assertThat(admin("Bearer " + token(), null)).contains("\"live\":\"blue\"");
        assertThat(answers(5)).containsOnly("blue");
    }

    @Test
    void dictAndFileDisagreeingIsReadBackAsNoColourAndNamedByHealth() throws IOException {
        // What a crash between the file write and the admin call leaves: the file on green, nginx still on blue.
        Files.writeString(Path.of(config().includeFile()), lua().render(Color.GREEN));

        assertThat(driver.observeLive()).isEmpty();
        assertThat(driver.health().healthy()).isFalse();
        assertThat(driver.health().detail()).contains("nginx serves BLUE (lua_shared_dict) but the include file", "says GREEN");
        Results.Status status = scenario.engine.status(def);
        assertThat(status.observed()).isEmpty();
        assertThat(status.drift()).isNotNull();
        assertRefusedAsNotHealthy(def, "says GREEN");
        assertThat(answers(5)).containsOnly("blue");

        // The other way round: the dict set by hand, the file left on blue.
        Files.writeString(Path.of(config().includeFile()), lua().render(Color.BLUE));
        assertThat(admin("Bearer " + token(), Color.GREEN)).contains("\"live\":\"green\"");
        assertThat(driver.observeLive()).isEmpty();
    }

    /** The engine refuses before calling the driver: nothing recorded, nothing changed. */
    private void assertRefusedAsNotHealthy(ServiceDefinition definition, String why) {
        int events = scenario.state().events().size();
        assertThatThrownBy(() -> scenario.engine.switchTraffic(definition, SwitchOptions.unattended(ReleaseScenario.ACTOR)))
                .isInstanceOf(DriverException.class).hasMessageContainingAll("not healthy", why, "nothing was changed");
        assertThat(scenario.state().live()).isEqualTo(Color.BLUE);
        assertThat(scenario.state().events()).hasSize(events);
    }

    @Test
    void restartStartsFromTheFileAndKeepsTheColour() throws Exception {
        scenario.engine.switchTraffic(def, SwitchOptions.unattended(ReleaseScenario.ACTOR));
        assertThat(driver.observeLive()).contains(Color.GREEN);

        router.restart();

        assertThat(answers(10)).containsOnly("green");
        assertThat(driver.observeLive()).contains(Color.GREEN);
        assertThat(admin("Bearer " + token(), null)).contains("\"live\":\"green\"");

        // A reload keeps the dict (nginx keeps shared zones across reloads) and re-reads the same file.
        Process reload = new ProcessBuilder(config().reloadCommand()).redirectErrorStream(true).start();
        assertThat(reload.waitFor(10, TimeUnit.SECONDS) && reload.exitValue() == 0).isTrue();
        assertThat(driver.observeLive()).contains(Color.GREEN);
        assertThat(answers(5)).containsOnly("green");
    }

    @Test
    void anNginxWithoutTheAdminLocationIsToldApart() {
        // The public port answers (the backend's 200 or 404), but not as the bluegreen lua handler.
        NginxDriverConfig c = config();
        String publicBase = router.publicUrl().replaceAll("/+$", "");
        NginxLuaDriver noAdmin = (NginxLuaDriver) new NginxDriverConfig(c.includeFile(), c.upstream(), c.blueAddress(),
                c.greenAddress(), c.keepalive(), null, null, null, null, null, NginxDriverConfig.LUA, publicBase, c.tokenRef())
                .create(scenario.http, router.secrets());

        assertThat(noAdmin.health().healthy()).isFalse();
        assertThat(noAdmin.health().detail()).contains("no bluegreen admin location answers there", "mode 'reload'");
    }

    @Test
    void adminNotListeningIsRefusedWithTheFix() throws IOException {
        router.stop();
        String before = includeFile();

        assertThatThrownBy(() -> driver.switchTo(Color.GREEN)).isInstanceOf(DriverException.class)
                .hasMessageContaining("nothing listens there").hasMessageContaining("nginx.adminUrl");
        assertThat(includeFile()).isEqualTo(before);
    }

    @Test
    void secretsThatCannotBeResolvedAreNamedByTheirField() {
        NginxLuaDriver noSecrets = (NginxLuaDriver) config().create(scenario.http, SecretSource.none());

        assertThatThrownBy(noSecrets::observeLive).hasMessageStartingWith("nginx.tokenRef:");
    }
}
