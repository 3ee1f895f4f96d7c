package io.jenkins.plugins.bluegreen.jenkins.config;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleProject;
import hudson.model.Item;
import io.jenkins.plugins.bluegreen.drivers.haproxy.HaproxyDriverConfig;
import io.jenkins.plugins.bluegreen.jenkins.Backends;
import io.jenkins.plugins.bluegreen.jenkins.steps.SwitchStep;
import io.jenkins.plugins.bluegreen.jenkins.targets.FleetTarget;
import io.jenkins.plugins.bluegreen.jenkins.targets.HaproxyTarget;
import io.jenkins.plugins.bluegreen.jenkins.targets.HttpTarget;
import io.jenkins.plugins.bluegreen.jenkins.targets.NginxTarget;
import io.jenkins.plugins.bluegreen.jenkins.targets.NoopTarget;
import io.jenkins.plugins.bluegreen.lab.HaproxyLab;
import io.jenkins.plugins.bluegreen.lab.LabRouter;
import io.jenkins.plugins.bluegreen.lab.TestPrerequisites;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlOption;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The service form in Manage Jenkins as an administrator meets it, in HtmlUnit and over the form's own HTTP endpoints:
 * defaults, the HAProxy mode, checks as you type with the engine's rules, block titles and "Test connection".
 */
@WithJenkins
class ServiceFormsITest {

    private static final String HAPROXY = "descriptorByName/" + HaproxyTarget.class.getName() + "/";
    private static final String HTTP = "descriptorByName/" + HttpTarget.class.getName() + "/";
    private static final String NGINX = "descriptorByName/" + NginxTarget.class.getName() + "/";
    private static final String FLEET = "descriptorByName/" + FleetTarget.class.getName() + "/";
    private static final String SERVICE = "descriptorByName/" + ServiceConfig.class.getName() + "/";

    @RegisterExtension
    private final Backends backends = new Backends("1.0", "2.0");

    @Test
    void aNewServiceDefaultsToHaproxyAndCallsAnEmptyNameRequiredNotNull(JenkinsRule r) throws Exception {
        secure(r);
        JenkinsRule.WebClient admin = r.createWebClient().login("admin");
        HtmlPage page = admin.goTo("manage/configure");
        HtmlButton add = page.getDocumentElement().getElementsByTagName("button").stream()
                .filter(b -> b.getTextContent().contains("Add service")).map(HtmlButton.class::cast).findFirst().orElseThrow();
        add.click();
        admin.waitForBackgroundJavaScript(5_000);

        HtmlInput name = (HtmlInput) page.getElementsByName("_.name").stream().filter(DomElement::isDisplayed).findFirst().orElseThrow();
        assertThat(page.asNormalizedText()).doesNotContain("'null'").contains("New service");
        assertThat(name.getValue()).isEmpty();
        assertThat(page.asNormalizedText()).as("the empty name's check").contains("Required");
        HtmlSelect router = routerOf(page);
        assertThat(router.getSelectedOptions()).extracting(HtmlOption::getText).containsExactly("HAProxy (Runtime API)");
        assertThat(post(admin, SERVICE + "checkName", Map.of("value", ""))).contains("Required").doesNotContain("null");
    }

    @Test
    void haproxyModeIsADropdownShowingOnlyItsFieldsAndTheFormRoundTrips(JenkinsRule r) throws Exception {
        HaproxyTarget map = mapMode("lb.example.com:9999");
        map.setMapFile("/etc/haproxy/app.map");
        map.setTimeout("3s");
        HaproxyTarget weights = new HaproxyTarget("lb.example.com:9999");
        weights.setMode("weights");
        weights.setBackend("be_cart");
        weights.setBlueServer("b");
        weights.setGreenServer("g");
        weights.setServerStateFile("/var/lib/haproxy/state");
        HaproxyTarget serverState = new HaproxyTarget("lb.example.com:9999");
        serverState.setMode("server-state");
        serverState.setBackend("be_stock");
        serverState.setDrain(true);
        ServiceConfig shop = backends.service("shop", map);
        ServiceConfig cart = backends.service("cart", weights);
        ServiceConfig stock = backends.service("stock", serverState);
        BlueGreenConfiguration.get().setServices(List.of(shop, cart, stock));

        HtmlPage page = r.createWebClient().goTo("manage/configure");
        assertThat(page.getByXPath("//div[contains(@class, 'bluegreen-service-title')]")).extracting(t -> ((DomElement) t).getTextContent().trim())
                .containsExactly("shop", "cart", "stock");
        HtmlSelect shopMode = modeOf(page, 0);
        assertThat(shopMode.getOptions()).extracting(HtmlOption::getValueAttribute)
                .containsExactly(HaproxyDriverConfig.SERVER_STATE, HaproxyDriverConfig.WEIGHTS, HaproxyDriverConfig.MAP);
        assertThat(List.of(shopMode, modeOf(page, 1), modeOf(page, 2))).extracting(mode -> mode.getSelectedOptions().get(0).getValueAttribute())
                .containsExactly("map", "weights", "server-state");
        assertThat(displayed(page, "_.mapKey")).as("the map mode's fields show for shop only").isEqualTo(1);
        assertThat(displayed(page, "_.backend")).as("cart's weights and stock's server-state show a backend").isEqualTo(2);
        assertThat(displayed(page, "_.drain")).as("drain belongs to server-state mode only").isEqualTo(1);

        shopMode.setSelectedAttribute(HaproxyDriverConfig.WEIGHTS, true);
        assertThat(displayed(page, "_.mapKey")).as("choosing another mode shows its fields instead").isZero();
        assertThat(displayed(page, "_.backend")).isEqualTo(3);

        r.configRoundtrip();

        r.assertEqualDataBoundBeans(map, BlueGreenConfiguration.get().service("shop").orElseThrow().getDriver());
        r.assertEqualDataBoundBeans(weights, BlueGreenConfiguration.get().service("cart").orElseThrow().getDriver());
        r.assertEqualDataBoundBeans(serverState, BlueGreenConfiguration.get().service("stock").orElseThrow().getDriver());
        assertThat(((HaproxyTarget) BlueGreenConfiguration.get().service("shop").orElseThrow().getDriver()).getBackend())
                .as("the hidden modes' fields are not saved").isNull();
    }

    @Test
    void aSavedFormKeepsOnlyTheChosenModesFields(JenkinsRule r) throws Exception {
        HaproxyTarget weights = new HaproxyTarget("lb.example.com:9999");
        weights.setMode("weights");
        weights.setBackend("be_cart");
        BlueGreenConfiguration.get().setServices(List.of(backends.service("cart", weights)));

        HtmlPage page = r.createWebClient().goTo("manage/configure");
        modeOf(page, 0).setSelectedAttribute(HaproxyDriverConfig.MAP, true);
        fill(page, "_.map", "/etc/haproxy/app.map");
        fill(page, "_.mapKey", "cart.example.com");
        fill(page, "_.blueBackend", "be_blue");
        fill(page, "_.greenBackend", "be_green");
        r.submit(page.getFormByName("config"));

        HaproxyTarget saved = (HaproxyTarget) BlueGreenConfiguration.get().service("cart").orElseThrow().getDriver();
        assertThat(saved.getMode()).isEqualTo("map");
        assertThat(saved.getMapKey()).isEqualTo("cart.example.com");
        assertThat(saved.getBackend()).as("the weights mode's backend, hidden, is not saved").isNull();
    }

    @Test
    void theRoutersOfAFleetKeepTheirModesThroughTheForm(JenkinsRule r) throws Exception {
        HaproxyTarget map = mapMode("192.0.2.1:9999");
        HaproxyTarget weights = new HaproxyTarget("192.0.2.2:9999");
        weights.setMode("weights");
        weights.setBackend("be_app");
        FleetTarget fleet = new FleetTarget(List.of(map, weights));
        fleet.setConfirmTimeout("3s");
        BlueGreenConfiguration.get().setServices(List.of(backends.service("shop", fleet)));

        HtmlPage page = r.createWebClient().goTo("manage/configure");
        assertThat(List.of(modeOf(page, 0), modeOf(page, 1))).extracting(mode -> mode.getSelectedOptions().get(0).getValueAttribute())
                .containsExactly("map", "weights");
        assertThat(displayed(page, "_.mapKey")).isEqualTo(1);
        assertThat(displayed(page, "_.backend")).isEqualTo(1);

        r.configRoundtrip();

        r.assertEqualDataBoundBeans(fleet, BlueGreenConfiguration.get().service("shop").orElseThrow().getDriver());
    }

    @Test
    void nginxModeIsADropdownShowingOnlyItsFieldsAndTheFormRoundTrips(JenkinsRule r) throws Exception {
        NginxTarget lua = new NginxTarget("/etc/nginx/bluegreen/shop.conf", "shop", "127.0.0.1:9001", "127.0.0.1:9002");
        lua.setMode("lua");
        lua.setAdminUrl("http://127.0.0.1:8081");
        lua.setCredentialsId("nginx-admin-token");
        NginxTarget reload = new NginxTarget("/etc/nginx/bluegreen/cart.conf", "cart", "127.0.0.1:9003", "127.0.0.1:9004");
        reload.setMode("reload");
        reload.setReloadCommand("systemctl reload nginx");
        BlueGreenConfiguration.get().setServices(List.of(backends.service("shop", lua), backends.service("cart", reload)));

        HtmlPage page = r.createWebClient().goTo("manage/configure");
        List<HtmlSelect> modes = page.getDocumentElement().getElementsByTagName("select").stream().map(HtmlSelect.class::cast)
                .filter(s -> s.getOptions().stream().anyMatch(o -> o.getValueAttribute().equals("lua"))).toList();
        assertThat(modes).extracting(mode -> mode.getSelectedOptions().get(0).getValueAttribute()).containsExactly("lua", "reload");
        assertThat(displayed(page, "_.adminUrl")).as("lua's admin URL shows for shop only").isEqualTo(1);
        assertThat(displayed(page, "_.reloadCommand")).as("the reload command shows for cart only").isEqualTo(1);

        r.configRoundtrip();

        r.assertEqualDataBoundBeans(lua, BlueGreenConfiguration.get().service("shop").orElseThrow().getDriver());
        r.assertEqualDataBoundBeans(reload, BlueGreenConfiguration.get().service("cart").orElseThrow().getDriver());
    }

    @Test
    void everyFieldIsCheckedAsTypedWithTheEnginesRulesAndTheFormsWords(JenkinsRule r) throws Exception {
        secure(r);
        JenkinsRule.WebClient admin = r.createWebClient().login("admin");

        assertThat(post(admin, HAPROXY + "checkMode", Map.of("value", "servers"))).contains("servers").contains("is not a mode; use")
                .doesNotContain("haproxy.mode");
        assertThat(post(admin, HAPROXY + "checkSocket", Map.of("value", "localhost"))).contains("is neither host:port");
        assertThat(post(admin, HAPROXY + "checkSocket", Map.of("value", ""))).contains("Required");
        assertThat(post(admin, HAPROXY + "checkGreenServer", Map.of("value", "web1", "blueServer", "web1", "mode", "weights")))
                .contains("blue and green name the same server");
        assertThat(post(admin, HAPROXY + "checkBlueServer", Map.of("value", "web1", "greenServer", "web1", "mode", "weights")))
                .as("shown once, under the green server").isEmpty();
        assertThat(post(admin, HAPROXY + "checkBackend", Map.of("value", "be_app", "mode", "weights"))).isEmpty();
        assertThat(post(admin, NGINX + "checkMode", Map.of("value", "servers"))).contains("servers", "is not a mode; use", "reload");
        assertThat(post(admin, NGINX + "checkMode", Map.of("value", "lua"))).as("the admin URL and token are theirs to report").isEmpty();
        assertThat(post(admin, NGINX + "checkAdminUrl", Map.of("value", "http://10.0.0.5:8081"))).contains("is not on loopback");
        assertThat(post(admin, NGINX + "checkAdminUrl", Map.of("value", ""))).contains("Required");
        assertThat(post(admin, NGINX + "checkAdminUrl", Map.of("value", "http://127.0.0.1:8081"))).isEmpty();
        assertThat(post(admin, NGINX + "checkCredentialsId", Map.of("value", ""))).contains("Required");
        assertThat(post(admin, NGINX + "checkCredentialsId", Map.of("value", "nginx-admin-token"))).isEmpty();
        assertThat(post(admin, NGINX + "checkUpstream", Map.of("value", "shop-v2", "mode", "lua"))).contains("cannot be used in mode");
        assertThat(post(admin, NGINX + "checkUpstream", Map.of("value", "shop-v2", "mode", "reload"))).isEmpty();
        assertThat(post(admin, FLEET + "checkConfirmTimeout", Map.of("value", "0s"))).as("as the engine refuses it")
                .contains("must be longer than zero");
        assertThat(post(admin, FLEET + "checkConfirmTimeout", Map.of("value", ""))).as("the default, 2s").isEmpty();
        assertThat(post(admin, HTTP + "checkSwitchUrl", Map.of("value", "not a url"))).contains("is not an absolute http(s) URL")
                .doesNotContain("switchRequest");
        assertThat(post(admin, SERVICE + "checkBlueUrl", Map.of("value", "not a url"))).contains("is not an absolute http(s) URL")
                .doesNotContain("urls.blue");
        assertThat(post(admin, SERVICE + "checkPublicUrl", Map.of("value", "https://shop.example.com/"))).isEmpty();
        assertThat(post(admin, SERVICE + "checkLeaseWait", Map.of("value", "soon"))).isNotEmpty().doesNotContain("leaseWait");
        assertThat(post(admin, SERVICE + "checkMaxFailures", Map.of("value", "-1"))).contains("must be 0 or more");
        assertThat(post(admin, SERVICE + "checkFingerprintCommand", Map.of("value", "./config.sh", "fingerprintEndpoint", ""))).isEmpty();

        JenkinsRule.WebClient reader = r.createWebClient().login("reader");
        reader.getOptions().setThrowExceptionOnFailingStatusCode(false);
        assertThat(status(reader, HAPROXY + "checkSocket", Map.of("value", "localhost"))).as("checks are for configurers").isEqualTo(403);
        assertThat(status(reader, SERVICE + "checkBlueUrl", Map.of("value", "http://10.0.0.5"))).isEqualTo(403);
    }

    @Test
    void testConnectionReadsARealHaproxyOnLoopback(JenkinsRule r) throws Exception {
        TestPrerequisites.requireProgram("haproxy");
        secure(r);
        try (LabRouter haproxy = HaproxyLab.start(backends.blue().url(), backends.green().url())) {
            HaproxyDriverConfig lab = (HaproxyDriverConfig) haproxy.driverConfig();
            JenkinsRule.WebClient admin = r.createWebClient().login("admin");

            assertThat(post(admin, HAPROXY + "testConnection", Map.of("socket", lab.socket(), "mode", "server-state",
                    "backend", lab.backend(), "blueServer", lab.blueServer(), "greenServer", lab.greenServer(), "drain", "false")))
                    .contains("Reachable, serves BLUE").contains("HAProxy");
        }
    }

    @Test
    void testConnectionSaysClearlyWhatFailsAndIsForConfigurersOnly(JenkinsRule r) throws Exception {
        secure(r);
        FreeStyleProject job = r.createFreeStyleProject("release");
        JenkinsRule.WebClient admin = r.createWebClient().login("admin");
        String closed = "127.0.0.1:" + closedPort();

        assertThat(post(admin, HAPROXY + "testConnection", Map.of("socket", closed, "mode", "server-state", "backend", "be_app")))
                .contains("class=\"error\"").contains(closed);
        assertThat(post(admin, HAPROXY + "testConnection", Map.of("socket", "localhost", "mode", "server-state", "backend", "be_app")))
                .contains("is neither host:port");
        assertThat(post(admin, job.getUrl() + HAPROXY + "testConnection", Map.of("socket", closed, "mode", "server-state",
                "backend", "be_app"))).as("from a job, only what a Pipeline may give").contains("only an administrator may configure it");

        JenkinsRule.WebClient reader = r.createWebClient().login("reader");
        reader.getOptions().setThrowExceptionOnFailingStatusCode(false);
        assertThat(status(reader, HAPROXY + "testConnection", Map.of("socket", closed, "backend", "be_app"))).isEqualTo(403);
        assertThat(status(reader, job.getUrl() + HAPROXY + "testConnection", Map.of("socket", closed, "backend", "be_app")))
                .isEqualTo(403);
        admin.getOptions().setThrowExceptionOnFailingStatusCode(false);
        assertThat(admin.goTo(HAPROXY + "testConnection?socket=" + closed, null).getWebResponse().getStatusCode())
                .as("a GET changes nothing and runs nothing").isEqualTo(405);
    }

    @Test
    void theSnippetGeneratorOffersTheConfiguredServicesAndAnInlineRouter(JenkinsRule r) throws Exception {
        BlueGreenConfiguration.get().setServices(List.of(backends.service("shop", new NoopTarget()), backends.service("cart", new NoopTarget())));
        secure(r);
        FreeStyleProject job = r.createFreeStyleProject("release");
        JenkinsRule.WebClient admin = r.createWebClient().login("admin");
        String fill = "descriptorByName/" + SwitchStep.class.getName() + "/fillServiceItems";
        assertThat(admin.goTo(job.getUrl() + fill, "application/json").getWebResponse().getContentAsString()).contains("\"shop\"", "\"cart\"");
        JenkinsRule.WebClient reader = r.createWebClient().login("reader");
        assertThat(reader.goTo(job.getUrl() + fill, "application/json").getWebResponse().getContentAsString())
                .as("listed to those who may configure the job").isEqualTo("[]");

        assertThat(post(admin, "pipeline-syntax/generateSnippet", Map.of("json", """
                {"stapler-class": "io.jenkins.plugins.bluegreen.jenkins.steps.SwitchStep", "service": "shop",
                 "inlineTarget": {"target": {"stapler-class": "io.jenkins.plugins.bluegreen.jenkins.targets.HaproxyTarget",
                   "socket": "lb.example.com:9999", "timeout": "", "mode": "map", "map": "/etc/haproxy/app.map",
                   "mapKey": "shop.example.com", "blueBackend": "be_blue", "greenBackend": "be_green", "mapFile": ""}}}""")))
                .isEqualTo("blueGreenSwitch service: 'shop', target: haproxy(blueBackend: 'be_blue', greenBackend: 'be_green',"
                        + " map: '/etc/haproxy/app.map', mapKey: 'shop.example.com', mode: 'map', socket: 'lb.example.com:9999')");
        assertThat(post(admin, "pipeline-syntax/generateSnippet", Map.of("json", """
                {"stapler-class": "io.jenkins.plugins.bluegreen.jenkins.steps.RollbackStep", "service": "shop"}""")))
                .as("without the advanced block, the configured router").isEqualTo("blueGreenRollback 'shop'");
    }

    private static void secure(JenkinsRule r) {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader"));
    }

    private static HtmlSelect routerOf(HtmlPage page) {
        return page.getDocumentElement().getElementsByTagName("select").stream().map(HtmlSelect.class::cast)
                .filter(HtmlElement::isDisplayed)
                .filter(s -> s.getOptions().stream().anyMatch(o -> o.getText().equals("HAProxy (Runtime API)")))
                .findFirst().orElseThrow();
    }

    private static HtmlSelect modeOf(HtmlPage page, int index) {
        return page.getDocumentElement().getElementsByTagName("select").stream().map(HtmlSelect.class::cast)
                .filter(s -> s.getOptions().stream().anyMatch(o -> o.getValueAttribute().equals(HaproxyDriverConfig.WEIGHTS)))
                .toList().get(index);
    }

    /** A map-mode HAProxy router: the map entry shop.example.com names be_blue or be_green. */
    private static HaproxyTarget mapMode(String socket) {
        HaproxyTarget map = new HaproxyTarget(socket);
        map.setMode("map");
        map.setMap("/etc/haproxy/app.map");
        map.setMapKey("shop.example.com");
        map.setBlueBackend("be_blue");
        map.setGreenBackend("be_green");
        return map;
    }

    private static void fill(HtmlPage page, String name, String value) {
        ((HtmlInput) page.getElementsByName(name).stream().filter(DomElement::isDisplayed).findFirst().orElseThrow()).setValue(value);
    }

    private static long displayed(HtmlPage page, String name) {
        return page.getElementsByName(name).stream().filter(DomElement::isDisplayed).count();
    }

    /** The body of a form endpoint's answer to a POST with a crumb; empty for an OK check. */
    private static String post(JenkinsRule.WebClient client, String path, Map<String, String> parameters) throws IOException {
        return request(client, path, parameters).getWebResponse().getContentAsString().trim().replaceAll("^<div/>$", "");
    }

    private static int status(JenkinsRule.WebClient client, String path, Map<String, String> parameters) throws IOException {
        return request(client, path, parameters).getWebResponse().getStatusCode();
    }

    private static Page request(JenkinsRule.WebClient client, String path, Map<String, String> parameters) throws IOException {
        WebRequest request = new WebRequest(new URL(client.getContextPath() + path), HttpMethod.POST);
        request.setRequestParameters(parameters.entrySet().stream().map(p -> new NameValuePair(p.getKey(), p.getValue()))
                .collect(Collectors.toCollection(ArrayList::new)));
        client.addCrumb(request);
        return client.getPage(request);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
