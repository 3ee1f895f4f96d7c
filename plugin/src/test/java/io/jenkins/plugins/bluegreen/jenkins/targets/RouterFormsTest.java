package io.jenkins.plugins.bluegreen.jenkins.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.drivers.command.CommandDriverConfig;
import io.jenkins.plugins.bluegreen.drivers.fleet.FleetDriverConfig;
import io.jenkins.plugins.bluegreen.drivers.haproxy.HaproxyDriverConfig;
import io.jenkins.plugins.bluegreen.drivers.http.HttpDriverConfig;
import io.jenkins.plugins.bluegreen.drivers.kubernetes.KubernetesDriverConfig;
import io.jenkins.plugins.bluegreen.drivers.nginx.NginxDriverConfig;
import io.jenkins.plugins.bluegreen.jenkins.steps.HttpCheckSpec;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.verify.HttpCheck;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a form, JCasC or a Pipeline sets on a router or check wrapper reaches the engine's record unchanged (lists and
 * KEY=value lines parsed by the engine), and reads back through the getters that Jelly and JCasC export use.
 */
class RouterFormsTest {

    @Test
    void nginx() {
        NginxTarget nginx = new NginxTarget("/etc/nginx/conf.d/shop.conf", "shop", "10.0.0.11:8080", "10.0.0.12:8080");
        nginx.setKeepalive(16);
        nginx.setTestCommand("nginx -t");
        nginx.setReloadCommand("nginx -s reload");
        nginx.setProbeUrl("http://10.0.0.5/");
        nginx.setMarkerHeader("X-Color");
        nginx.setTimeout("3s");

        assertThat(nginx.toConfig()).isEqualTo(new NginxDriverConfig("/etc/nginx/conf.d/shop.conf", "shop", "10.0.0.11:8080",
                "10.0.0.12:8080", 16, List.of("nginx", "-t"), List.of("nginx", "-s", "reload"), "http://10.0.0.5/", "X-Color", "3s"));
        assertThat(nginx).extracting("includeFile", "upstream", "blueAddress", "greenAddress", "keepalive", "testCommand",
                "reloadCommand", "probeUrl", "markerHeader", "timeout").containsExactly("/etc/nginx/conf.d/shop.conf", "shop",
                "10.0.0.11:8080", "10.0.0.12:8080", 16, "nginx -t", "nginx -s reload", "http://10.0.0.5/", "X-Color", "3s");
    }

    @Test
    void nginxLuaMode() {
        NginxTarget nginx = new NginxTarget("/etc/nginx/conf.d/shop.conf", "shop", "10.0.0.11:8080", "10.0.0.12:8080");
        nginx.setMode("lua");
        nginx.setAdminUrl("http://127.0.0.1:8081");
        nginx.setCredentialsId("nginx-admin-token");

        NginxDriverConfig config = (NginxDriverConfig) nginx.toConfig();

        assertThat(config).extracting("mode", "adminUrl", "tokenRef").containsExactly("lua", "http://127.0.0.1:8081", "nginx-admin-token");
        assertThat(nginx).extracting("mode", "adminUrl", "credentialsId").containsExactly("lua", "http://127.0.0.1:8081", "nginx-admin-token");
    }

    @Test
    void fleet() {
        HaproxyTarget lb1 = new HaproxyTarget("10.0.0.1:9999");
        lb1.setBackend("be_app");
        HaproxyTarget lb2 = new HaproxyTarget("10.0.0.2:9999");
        lb2.setBackend("be_app");
        FleetTarget fleet = new FleetTarget(List.of(lb1, lb2));
        fleet.setConfirmTimeout("3s");

        FleetDriverConfig config = fleet.toConfig();

        assertThat(config.routers()).extracting(FleetDriverConfig.Router::name).containsExactly("haproxy-1", "haproxy-2");
        assertThat(config.routers()).extracting(FleetDriverConfig.Router::driver)
                .containsExactly(HaproxyDriverConfig.serverState("10.0.0.1:9999", "be_app"), HaproxyDriverConfig.serverState("10.0.0.2:9999", "be_app"));
        assertThat(config.confirmTimeout()).isEqualTo("3s");
        assertThat(config.touchesLocalHost()).isFalse();
        assertThat(fleet).extracting("routers", "confirmTimeout").containsExactly(List.of(lb1, lb2), "3s");
        HaproxyTarget local = new HaproxyTarget("127.0.0.1:9999");
        assertThatThrownBy(() -> new FleetTarget(List.of(lb1, local)).toConfig()).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("fleet.routers[1].haproxy.backend: missing");
        local.setBackend("be_app");
        assertThat(new FleetTarget(List.of(lb1, local)).toConfig().touchesLocalHost())
                .as("one router on the controller makes the fleet local").isTrue();
    }

    @Test
    void kubernetesWithDeployments() {
        KubernetesTarget kubernetes = new KubernetesTarget("https://10.0.0.1:6443", "shop", "shop");
        kubernetes.setLabelKey("color");
        kubernetes.setCredentialsId("k8s-token");
        kubernetes.setCaCertificateFile("/etc/ssl/k8s.pem");
        kubernetes.setDeploymentPrefix("shop");
        kubernetes.setContainer("app");
        kubernetes.setImageTemplate("registry.example/shop:${version}");
        kubernetes.setReplicas(3);
        kubernetes.setRolloutTimeout("5m");

        KubernetesDriverConfig config = (KubernetesDriverConfig) kubernetes.toConfig();

        assertThat(config.tokenRef()).isEqualTo("k8s-token");
        assertThat(config.deployments()).isEqualTo(new KubernetesDriverConfig.Deployments("shop", null, "app",
                "registry.example/shop:${version}", 3, "5m", null));
        assertThat(kubernetes).extracting("apiServer", "namespace", "service", "labelKey", "credentialsId", "caCertificateFile",
                "deploymentPrefix", "container", "imageTemplate", "replicas", "rolloutTimeout").containsExactly("https://10.0.0.1:6443",
                "shop", "shop", "color", "k8s-token", "/etc/ssl/k8s.pem", "shop", "app", "registry.example/shop:${version}", 3, "5m");
    }

    @Test
    void haproxyInMapMode() {
        HaproxyTarget haproxy = new HaproxyTarget("10.0.0.5:9999");
        haproxy.setMode("map");
        haproxy.setMap("/etc/haproxy/colors.map");
        haproxy.setMapKey("shop");
        haproxy.setBlueBackend("be_blue");
        haproxy.setGreenBackend("be_green");
        haproxy.setMapFile("/etc/haproxy/colors.map");

        HaproxyDriverConfig config = (HaproxyDriverConfig) haproxy.toConfig();

        assertThat(config.mode()).isEqualTo("map");
        assertThat(config.blueBackend()).isEqualTo("be_blue");
        assertThat(haproxy).extracting("socket", "mode", "map", "mapKey", "blueBackend", "greenBackend", "mapFile")
                .containsExactly("10.0.0.5:9999", "map", "/etc/haproxy/colors.map", "shop", "be_blue", "be_green",
                        "/etc/haproxy/colors.map");

        HaproxyTarget servers = new HaproxyTarget("10.0.0.5:9999");
        servers.setBackend("be_app");
        servers.setBlueServer("b");
        servers.setGreenServer("g");
        servers.setDrain(true);
        assertThat(servers).extracting("backend", "blueServer", "greenServer", "drain").containsExactly("be_app", "b", "g", true);
        assertThat(((HaproxyDriverConfig) servers.toConfig()).drain()).isTrue();
    }

    @Test
    void commandEnvironmentIsKeyValueLines() {
        CommandTarget command = new CommandTarget("./switch.sh", "./observe.sh");
        command.setHealthCommand("./health.sh");
        command.setWorkingDirectory("/opt/lb");
        command.setEnvironment("REGION=eu\nPOOL=shop");
        command.setSecretEnvironment("TOKEN=lb-token");

        CommandDriverConfig config = (CommandDriverConfig) command.toConfig();

        assertThat(config.environment()).containsOnly(Map.entry("REGION", "eu"), Map.entry("POOL", "shop"));
        assertThat(config.secretEnvironment()).containsExactly(Map.entry("TOKEN", "lb-token"));
        assertThat(command).extracting("switchCommand", "observeCommand", "healthCommand", "workingDirectory", "environment",
                "secretEnvironment").containsExactly("./switch.sh", "./observe.sh", "./health.sh", "/opt/lb", "REGION=eu\nPOOL=shop",
                "TOKEN=lb-token");
    }

    @Test
    void httpWithItsOwnRequestAndAHeaderSecret() {
        HttpTarget http = new HttpTarget("https://lb.example/pools/shop", "https://lb.example/pools/shop");
        http.setSwitchMethod("PUT");
        http.setSwitchHeaders("Content-Type=application/json");
        http.setSwitchBody("{\"live\":\"${color}\"}");
        http.setColorRegex("\"live\":\"(\\w+)\"");
        http.setHealthUrl("https://lb.example/health");
        http.setCredentialsId("lb-key");
        http.setHeader("X-Api-Key");

        HttpDriverConfig config = (HttpDriverConfig) http.toConfig();

        assertThat(config.switchRequest().method()).isEqualTo("PUT");
        assertThat(config.switchRequest().headers()).containsExactly(Map.entry("Content-Type", "application/json"));
        assertThat(config.healthRequest().url()).isEqualTo("https://lb.example/health");
        assertThat(config.credentials().header()).isEqualTo("X-Api-Key");
        assertThat(config.credentials().headerValueRef()).isEqualTo("lb-key");
        assertThat(http).extracting("switchUrl", "observeUrl", "switchMethod", "switchHeaders", "switchBody", "colorRegex",
                "healthUrl", "credentialsId", "header").containsExactly("https://lb.example/pools/shop",
                "https://lb.example/pools/shop", "PUT", "Content-Type=application/json", "{\"live\":\"${color}\"}",
                "\"live\":\"(\\w+)\"", "https://lb.example/health", "lb-key", "X-Api-Key");
    }

    @Test
    void httpCheckWithEverySetting() {
        HttpCheckSpec spec = new HttpCheckSpec("/health");
        spec.setStatus(204);
        spec.setBodyRegex("up|ok");
        spec.setJsonPointer("/status");
        spec.setJsonEquals("UP");
        spec.setMaxLatency("250ms");
        spec.setConsecutiveSuccesses(3);
        spec.setInterval("1s");
        spec.setTimeout("2s");

        HttpCheck check = (HttpCheck) spec.toCheck();

        assertThat(check).isEqualTo(new HttpCheck("/health", 204, null, "up|ok", "/status", "UP", Duration.ofMillis(250), 3,
                Duration.ofSeconds(1), Duration.ofSeconds(2)));
        assertThat(spec).extracting("path", "status", "bodyRegex", "jsonPointer", "jsonEquals", "maxLatency",
                "consecutiveSuccesses", "interval", "timeout").containsExactly("/health", 204, "up|ok", "/status", "UP", "250ms",
                3, "1s", "2s");
    }
}
