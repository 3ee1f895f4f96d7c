package io.jenkins.plugins.bluegreen.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.approval.ApprovalPolicy;
import io.jenkins.plugins.bluegreen.cli.BlueGreenCommand;
import io.jenkins.plugins.bluegreen.cli.embedded.EmbeddedDriverConfig;
import io.jenkins.plugins.bluegreen.driver.SessionPolicy;
import io.jenkins.plugins.bluegreen.drivers.fleet.FleetDriver;
import io.jenkins.plugins.bluegreen.drivers.fleet.FleetDriverConfig;
import io.jenkins.plugins.bluegreen.drivers.haproxy.HaproxyDriverConfig;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.verify.HttpCheck;
import io.jenkins.plugins.bluegreen.verify.WarmUpCheck;
import io.jenkins.plugins.bluegreen.watch.ColorMarker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecReaderTest {

    private static final String MINIMAL = "service: shop\ndriver: {type: noop}\n";

    private final SpecReader reader = new SpecReader(BlueGreenCommand.driverTypes(), new SpecSecrets(Map.of("TOKEN", "s3cret")),
            new OkHttpClient());

    private Spec yaml(String text) {
        return reader.parse(text, false, "bluegreen.yaml");
    }

    private static BadInputException badInput(Runnable action) {
        try {
            action.run();
        } catch (BadInputException e) {
            return e;
        }
        throw new AssertionError("expected a BadInputException");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheFieldAndTheExpectedTypeNotTheParser() {
        String nginx = "{type: nginx, includeFile: /etc/nginx/shop.conf, upstream: shop, blueAddress: '127.0.0.1:9001',"
                + " greenAddress: '127.0.0.1:9002', ";
        Map<String, String> driverBlocks = Map.of(
                nginx + "keepalive: [1, 2]}", "driver.keepalive: must be a whole number, not a list",
                nginx + "keepalive: many}", "driver.keepalive: must be a whole number, not 'many'",
                nginx + "testCommand: {program: nginx}}", "driver.testCommand: must be a list, not an object",
                "{type: haproxy, socket: '127.0.0.1:9999', backend: app, drain: maybe}", "driver.drain: must be true or false, not 'maybe'",
                "{type: caddy, proxyId: [shop], blueDial: '127.0.0.1:9001', greenDial: '127.0.0.1:9002'}",
                "driver.proxyId: must be a single value, not a list",
                "{type: http, switchRequest: 'https://lb.example.com/${color}', observeRequest: {url: 'https://lb.example.com/'},"
                        + " colorRegex: 'live=(\\w+)'}", "driver.switchRequest: must be an object of fields, not 'https://lb.example.com/${color}'");
        driverBlocks.forEach((block, message) -> assertThat(badInput(() -> yaml("service: shop\ndriver: " + block + "\n")))
                .hasMessage(message));
        assertThat(badInput(() -> yaml(MINIMAL + "checks: [{type: http, path: /, expectedStatus: [200]}]\n")))
                .hasMessage("checks[0].expectedStatus: must be a whole number, not a list");
    }

    @Test
    void aFleetListsItsRoutersEachWithItsOwnDriverBlock() {
        Spec spec = yaml("""
                service: shop
                driver:
                  type: fleet
                  confirmTimeout: 3s
                  routers:
                    - {name: lb1, type: haproxy, socket: '10.0.0.1:9999', backend: be_app}
                    - {type: nginx, includeFile: /etc/nginx/shop.conf, upstream: shop, blueAddress: '10.0.1.1:80', greenAddress: '10.0.1.2:80'}
                """);

        FleetDriverConfig fleet = (FleetDriverConfig) spec.driverConfig();
        assertThat(fleet.routers()).extracting(r -> r.name() + " " + r.driver().type()).containsExactly("lb1 haproxy", "nginx-2 nginx");
        assertThat(fleet.confirmDuration()).hasSeconds(3);
        assertThat(spec.definition().driver()).isInstanceOf(FleetDriver.class);
    }

    @Test
    void aFleetOfOneDriverTypeSharesItsSettingsAndListsTheEndpoints() {
        Spec spec = yaml("""
                service: shop
                driver:
                  type: fleet
                  shared: {type: haproxy, backend: be_app, timeout: 2s}
                  routers:
                    - {name: lb1, socket: '10.0.0.1:9999'}
                    - {name: lb2, socket: '10.0.0.2:9999', backend: be_other}
                """);

        FleetDriverConfig fleet = (FleetDriverConfig) spec.driverConfig();
        assertThat(fleet.routers()).extracting(r -> (HaproxyDriverConfig) r.driver())
                .extracting(c -> c.socket() + " " + c.backend() + " " + c.timeout())
                .containsExactly("10.0.0.1:9999 be_app 2s", "10.0.0.2:9999 be_other 2s");
    }

    @Test
    void aBadFleetNamesTheFieldInTheSpec() {
        String haproxy = "{type: haproxy, socket: '10.0.0.1:9999', backend: be_app}";
        Map<String, String> fleets = Map.of(
                "{type: fleet}", "driver.routers: give at least one router",
                "{type: fleet, routers: " + haproxy + "}", "driver.routers: must be a list",
                "{type: fleet, routers: [" + haproxy + "], confirm: 2s}", "driver.confirm: unknown field",
                "{type: fleet, routers: [" + haproxy + ", {type: haproxy, socket: '10.0.0.2:99999', backend: be_app}]}",
                "driver.routers[1].socket: '10.0.0.2:99999' is neither host:port",
                "{type: fleet, routers: [{name: lb1, type: haproxy, socket: '10.0.0.1:9999', backend: be_app}, {name: lb1, type: haproxy,"
                        + " socket: '10.0.0.2:9999', backend: be_app}]}", "driver.routers[1].name: 'lb1' names two routers",
                "{type: fleet, routers: [{type: fleet, routers: [" + haproxy + "]}]}", "driver.routers[0].type: a fleet cannot hold a fleet",
                "{type: fleet, shared: {name: lb, type: haproxy}, routers: [" + haproxy + "]}", "driver.shared.name: each router has its own name",
                "{type: fleet, routers: [{socket: '10.0.0.1:9999'}]}", "driver.routers[0].type: is required",
                "{type: fleet, routers: [" + haproxy + "], confirmTimeout: soon}", "driver.confirmTimeout:");
        fleets.forEach((block, message) -> assertThat(badInput(() -> yaml("service: shop\ndriver: " + block + "\n")))
                .as(block).hasMessageStartingWith(message));
    }

    @Test
    void readsEverySection() {
        Spec spec = yaml("""
                service: shop
                urls: {blue: http://127.0.0.1:9001, green: [http://127.0.0.1:9002, http://127.0.0.1:9003]}
                publicUrl: http://127.0.0.1:8080
                marker: {jsonPointer: /color}
                driver: {type: embedded, admin: http://127.0.0.1:8081}
                checks:
                  - {type: http, path: /health, consecutiveSuccesses: 3, interval: 200ms, timeout: 20s}
                  - {type: warmUp, path: /, requests: 100, p95: 250ms}
                watch: {window: 45s, probesPerSecond: 20, maxFailures: 2, autoRollback: false}
                approval: {timeout: 5m, onTimeout: proceed, message: "Ship it?"}
                timeouts: {driver: 3s, confirm: 2s, lease: 1m}
                keepOld: 2h
                """);
        var def = spec.definition();
        assertThat(def.name()).isEqualTo("shop");
        assertThat(def.urls(Color.GREEN)).containsExactly("http://127.0.0.1:9002", "http://127.0.0.1:9003");
        assertThat(def.marker()).isEqualTo(new ColorMarker.JsonPointerMarker("/color"));
        assertThat(def.driver().type()).isEqualTo("embedded");
        assertThat(spec.driverConfig()).isEqualTo(new EmbeddedDriverConfig("http://127.0.0.1:8081"));
        assertThat(spec.checks()).hasSize(2);
        assertThat(((HttpCheck) spec.checks().get(0)).consecutiveSuccesses()).isEqualTo(3);
        assertThat(((HttpCheck) spec.checks().get(0)).interval()).isEqualTo(Duration.ofMillis(200));
        assertThat(((WarmUpCheck) spec.checks().get(1)).p95()).isEqualTo(Duration.ofMillis(250));
        assertThat(def.watch().window()).isEqualTo(Duration.ofSeconds(45));
        assertThat(def.watch().autoRollback()).isFalse();
        assertThat(spec.approval()).isEqualTo(new ApprovalPolicy(Duration.ofMinutes(5), ApprovalPolicy.OnTimeout.PROCEED, "Ship it?"));
        assertThat(def.driverTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(def.leaseWait()).isEqualTo(Duration.ofMinutes(1));
        assertThat(def.keepOld()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void readsJsonFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("shop.json");
        Files.writeString(file, "{\"service\": \"shop\", \"driver\": {\"type\": \"noop\", \"initiallyLive\": \"green\"}}");
        Spec spec = reader.read(file);
        assertThat(spec.definition().driver().observeLive()).contains(Color.GREEN);
        assertThat(spec.checks()).isEmpty();
        assertThat(spec.approval().onTimeout()).isEqualTo(ApprovalPolicy.OnTimeout.ABORT);
    }

    @Test
    void aMissingFileNamesTheOption(@TempDir Path dir) {
        assertThat(badInput(() -> reader.read(dir.resolve("nope.yaml"))).field()).isEqualTo("--spec");
    }

    @Test
    void unknownFieldsNameTheFieldAndTheClosestValidName() {
        BadInputException top = badInput(() -> yaml(MINIMAL + "pubicUrl: http://127.0.0.1:8080\n"));
        assertThat(top.field()).isEqualTo("pubicUrl");
        assertThat(top.getMessage()).contains("did you mean 'publicUrl'");

        BadInputException nested = badInput(() -> yaml(MINIMAL + "watch: {windw: 30s}\n"));
        assertThat(nested.field()).isEqualTo("watch.windw");
        assertThat(nested.getMessage()).contains("did you mean 'window'");

        BadInputException driver = badInput(() -> yaml("service: shop\ndriver: {type: embedded, admn: http://127.0.0.1:1}\n"));
        assertThat(driver.field()).isEqualTo("driver.admn");
        assertThat(driver.getMessage()).contains("did you mean 'admin'");

        BadInputException check = badInput(() -> yaml(MINIMAL + "checks: [{type: http, path: /}, {type: http, pth: /x}]\n"));
        assertThat(check.field()).isEqualTo("checks[1].pth");
        assertThat(check.getMessage()).contains("did you mean 'path'");
    }

    @Test
    void everyDriverOfTheEngineCatalogueIsASpecType() {
        BadInputException typo = badInput(() -> yaml("service: shop\ndriver: {type: haproxy, sockt: 127.0.0.1:9999, backend: shop}\n"));
        assertThat(typo.field()).isEqualTo("driver.sockt");
        assertThat(typo.getMessage()).contains("did you mean 'socket'");
        assertThat(badInput(() -> yaml("service: shop\ndriver: {type: haproxy, backend: shop}\n")).field()).isEqualTo("driver.socket");
        assertThat(yaml("service: shop\ndriver: {type: caddy, proxyId: shop, blueDial: '127.0.0.1:9001', greenDial: '127.0.0.1:9002'}\n")
                .definition().driver().type()).isEqualTo("caddy");
    }

    @Test
    void unknownTypesSuggestTheClosestType() {
        BadInputException driver = badInput(() -> yaml("service: shop\ndriver: {type: embeded}\n"));
        assertThat(driver.field()).isEqualTo("driver.type");
        assertThat(driver.getMessage()).contains("did you mean 'embedded'");

        BadInputException check = badInput(() -> yaml(MINIMAL + "checks: [{type: warmup, requests: 10, p95: 1s}]\n"));
        assertThat(check.field()).isEqualTo("checks[0].type");
        assertThat(check.getMessage()).contains("did you mean 'warmUp'");
    }

    @Test
    void recordValidationIsReportedAtTheSpecPath() {
        assertThat(badInput(() -> yaml(MINIMAL + "checks: [{type: http, path: /}, {type: http, path: health}]\n")).field())
                .isEqualTo("checks[1].path");
        assertThat(badInput(() -> yaml(MINIMAL + "checks: [{type: warmUp, requests: 10, p95: soon}]\n")).field())
                .isEqualTo("checks[0].p95");
        assertThat(badInput(() -> yaml("service: shop\ndriver: {type: embedded, admin: not-a-url}\n")).field())
                .isEqualTo("driver.admin");
        assertThat(badInput(() -> yaml("service: shop\ndriver: {type: noop, initiallyLive: red}\n")).field())
                .isEqualTo("driver.initiallyLive");
        assertThat(badInput(() -> yaml("service: shop\ndriver: {type: caddy, mode: dynamic, probeUrl: 'http://127.0.0.1:8080/',"
                + " dns: {zone: example.com, record: shop, blue: [127.0.0.2], green: [127.0.0.3], primary: 127.0.0.1,"
                + " tsigKey: k, tsigSecretRef: 'env:T', switchTtl: 1.5s}}\n")).field())
                .isEqualTo("driver.dns.switchTtl");
    }

    @Test
    void badDurationsAndValuesNameTheField() {
        BadInputException window = badInput(() -> yaml(MINIMAL + "watch: {window: 30 seconds}\n"));
        assertThat(window.field()).isEqualTo("watch.window");
        assertThat(window.getMessage()).contains("'30 seconds' is not a duration");
        assertThat(badInput(() -> yaml(MINIMAL + "timeouts: {driver: 0s}\n")).field()).isEqualTo("timeouts.driver");
        assertThat(badInput(() -> yaml(MINIMAL + "approval: {onTimeout: maybe}\n")).field()).isEqualTo("approval.onTimeout");
        assertThat(badInput(() -> yaml(MINIMAL + "watch: {probesPerSecond: lots}\n")).field()).isEqualTo("watch.probesPerSecond");
        assertThat(badInput(() -> yaml(MINIMAL + "marker: {header: X-Color, bodyRegex: x}\n")).field()).isEqualTo("marker");
        assertThat(badInput(() -> yaml("service: shop!\ndriver: {type: noop}\n")).field()).isEqualTo("service");
        assertThat(badInput(() -> yaml("service: shop\n")).field()).isEqualTo("driver");
        assertThat(badInput(() -> yaml("service: [shop\n")).field()).isEqualTo("spec");
    }

    @Test
    void sessionDrainIsReadAndBadSessionSettingsNameTheField() {
        String haproxy = "service: shop\ndriver: {type: haproxy, socket: '127.0.0.1:9999', backend: be_app}\n";
        assertThat(yaml(haproxy + "sessions: {mode: drain, cookie: SRV, period: 15m, idle: 30s}\n").definition().sessions())
                .isEqualTo(new SessionPolicy("SRV", Duration.ofMinutes(15), Duration.ofSeconds(30)));
        assertThat(yaml(haproxy + "sessions: {mode: drain, cookie: SRV, period: 20s}\n").definition().sessions().idle())
                .as("the idle interval defaults to 1m, or the period when shorter").isEqualTo(Duration.ofSeconds(20));
        assertThat(yaml(haproxy + "sessions: {mode: none}\n").definition().sessions()).isNull();

        assertThat(badInput(() -> yaml(haproxy + "sessions: {mode: drain, period: 15m}\n")).getMessage())
                .isEqualTo("sessions.cookie: missing; give the cookie that pins a session to a colour, e.g. 'SRV' (HAProxy: the name in"
                        + " 'cookie SRV insert indirect nocache')");
        assertThat(badInput(() -> yaml(haproxy + "sessions: {mode: sticky, cookie: SRV, period: 15m}\n")).field()).isEqualTo("sessions.mode");
        assertThat(badInput(() -> yaml(haproxy + "sessions: {cookie: SRV, period: 15m}\n")).field()).isEqualTo("sessions.mode");
        assertThat(badInput(() -> yaml(haproxy + "sessions: {mode: none, cookie: SRV}\n")).field()).isEqualTo("sessions.mode");
        assertThat(badInput(() -> yaml(haproxy + "sessions: {mode: drain, cookie: 'S R V', period: 15m}\n")).field())
                .isEqualTo("sessions.cookie");
        assertThat(badInput(() -> yaml(haproxy + "sessions: {mode: drain, cookie: SRV}\n")).field()).isEqualTo("sessions.period");
        assertThat(badInput(() -> yaml(haproxy + "sessions: {mode: drain, cookie: SRV, period: soon}\n")).getMessage())
                .startsWith("sessions.period: 'soon' is not a duration");
        assertThat(badInput(() -> yaml(haproxy + "sessions: {mode: drain, cookie: SRV, period: 500ms}\n")).getMessage())
                .isEqualTo("sessions.period: '500ms' is out of range; use 1s to 24h, e.g. '15m'");
        assertThat(badInput(() -> yaml(haproxy + "sessions: {mode: drain, cookie: SRV, period: 10m, idle: 1h}\n")).getMessage())
                .isEqualTo("sessions.idle: 1h is longer than sessions.period (10m), so it could never end the drain; make it shorter, e.g. '1m'");
        assertThat(badInput(() -> yaml(haproxy + "sessions: {mode: drain, cookie: SRV, period: 15m, ttl: 1m}\n")).field())
                .isEqualTo("sessions.ttl");
    }

    @Test
    void aRouterThatCannotDrainSessionsIsRefusedWhenTheSpecIsRead() {
        BadInputException caddy = badInput(() -> yaml("service: shop\ndriver: {type: caddy, adminUrl: 'http://127.0.0.1:2019',"
                + " proxyId: shop, blueDial: '127.0.0.1:9001', greenDial: '127.0.0.1:9002'}\n"
                + "sessions: {mode: drain, cookie: SRV, period: 15m}\n"));
        assertThat(caddy.getMessage()).isEqualTo("sessions: the caddy router cannot keep sessions on the old colour while new ones go"
                + " to the new colour; session drain works with haproxy (server-state mode) and nginx in lua mode. Remove 'sessions'"
                + " for a plain switch");
        BadInputException weights = badInput(() -> yaml("service: shop\ndriver: {type: haproxy, socket: '127.0.0.1:9999',"
                + " backend: be_app, mode: weights}\nsessions: {mode: drain, cookie: SRV, period: 15m}\n"));
        assertThat(weights.field()).isEqualTo("sessions");
        assertThat(weights.getMessage()).contains("needs haproxy.mode 'server-state' (not 'weights')");
        assertThat(badInput(() -> yaml("service: shop\ndriver: {type: haproxy, socket: '127.0.0.1:9999', backend: be_app,"
                + " drain: true}\nsessions: {mode: drain, cookie: SRV, period: 15m}\n")).getMessage()).contains("remove haproxy.drain");
    }

    @Test
    void secretsAreReferencesToTheEnvironmentOrAFile(@TempDir Path dir) throws Exception {
        SpecSecrets secrets = new SpecSecrets(Map.of("TOKEN", "s3cret"));
        Path file = dir.resolve("token");
        Files.writeString(file, "from-file\n");
        assertThat(secrets.resolve("driver.token", "env:TOKEN")).isEqualTo("s3cret");
        assertThat(secrets.resolve("driver.token", "file:" + file)).isEqualTo("from-file");

        BadInputException unset = badInput(() -> secrets.resolve("driver.token", "env:MISSING"));
        assertThat(unset.field()).isEqualTo("driver.token");
        assertThat(unset.getMessage()).contains("MISSING");
        BadInputException inline = badInput(() -> secrets.resolve("driver.token", "hunter2"));
        assertThat(inline.getMessage()).contains("env:").doesNotContain("hunter2");
        assertThat(badInput(() -> secrets.resolve("driver.token", "file:" + dir.resolve("none"))).field()).isEqualTo("driver.token");
    }

    @Test
    void suggestionsComeFromEditDistance() {
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.closest("keepold", List.of("keepOld", "marker"))).contains("keepOld");
        assertThat(Suggestions.closest("zzzzzzzz", List.of("keepOld", "marker"))).isEmpty();
    }

    @Test
    void theStoreIsTheStateDirectoryUnlessTheSpecNamesAnEtcdCluster() {
        assertThat(yaml(MINIMAL).store()).isEqualTo(StoreSpec.FILES);
        assertThat(yaml(MINIMAL + "store: file\n").store()).isEqualTo(StoreSpec.FILES);

        StoreSpec etcd = yaml(MINIMAL + """
                store:
                  type: etcd
                  endpoints: [https://etcd-1:2379, https://etcd-2:2379]
                  prefix: /team-a
                  leaseTtl: 15s
                  tls: {ca: /etc/etcd/ca.pem, cert: /etc/etcd/client.pem, key: /etc/etcd/client.key}
                  username: bluegreen
                  password: env:ETCD_PASSWORD
                """).store();

        assertThat(etcd.etcd().endpoints()).containsExactly("https://etcd-1:2379", "https://etcd-2:2379");
        assertThat(etcd.etcd().prefix()).isEqualTo("/team-a/");
        assertThat(etcd.etcd().leaseTtl()).isEqualTo(Duration.ofSeconds(15));
        assertThat(etcd.etcd().password()).as("a reference, resolved at use").isEqualTo("env:ETCD_PASSWORD");
        assertThat(etcd.cert()).isEqualTo("/etc/etcd/client.pem");
    }

    @Test
    void aBadStoreNamesTheField() {
        assertThat(badInput(() -> yaml(MINIMAL + "store: consul\n")).getMessage()).startsWith("store: 'consul' is not a store");
        assertThat(badInput(() -> yaml(MINIMAL + "store: {type: etcd}\n")).getMessage()).startsWith("store.endpoints: give at least one");
        assertThat(badInput(() -> yaml(MINIMAL + "store: {type: etcd, endpoints: http://a:2379, tls: {ca: /ca.pem}}\n")).getMessage())
                .startsWith("store.tls: applies to https endpoints only");
        assertThat(badInput(() -> yaml(MINIMAL + "store: {type: etcd, endpoints: http://a:2379, leaseTTL: 5s}\n")).field())
                .isEqualTo("store.leaseTTL");
    }
}
