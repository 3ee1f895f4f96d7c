package io.jenkins.plugins.bluegreen.drivers.kubernetes;

import static io.jenkins.plugins.bluegreen.drivers.DriverSpecBlocks.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.drivers.DriverSpecBlocks;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesDriverConfigTest {

    static final String SPEC_EXAMPLE = """
            {
              "type": "kubernetes",
              "apiServer": "https://10.0.0.1:6443",
              "namespace": "shop-prod",
              "service": "shop",
              "labelKey": "color",
              "tokenRef": "env:KUBE_TOKEN",
              "caCertificateFile": "/etc/bluegreen/cluster-ca.pem",
              "timeout": "10s",
              "deployments": {
                "prefix": "shop",
                "container": "app",
                "imageTemplate": "registry.example.com/shop:${version}",
                "replicas": 3,
                "rolloutTimeout": "4m"
              }
            }""";

    @Test
    void theDocumentedSpecBlockDeserialisesThroughTheCatalogue() {
        KubernetesDriverConfig config = DriverSpecBlocks.parse(SPEC_EXAMPLE, KubernetesDriverConfig.class);

        assertThat(config.type()).isEqualTo("kubernetes");
        assertThat(config.namespace()).isEqualTo("shop-prod");
        assertThat(config.tokenRef()).isEqualTo("env:KUBE_TOKEN");
        assertThat(config.deployments().deploymentName(Color.GREEN)).isEqualTo("shop-green");
        assertThat(config.deployments().pollInterval()).isEqualTo("2s");
    }

    @Test
    void leftOutSettingsTakeTheirDefaults() {
        KubernetesDriverConfig config = new KubernetesDriverConfig("http://127.0.0.1:8001", "shop", "shop", null, null,
                null, null, null);

        assertThat(config.labelKey()).isEqualTo("color");
        assertThat(config.timeout()).isEqualTo("10s");
        assertThat(config.touchesLocalHost()).as("no CA file to read, but the API server is on loopback").isTrue();
        assertThat(new KubernetesDriverConfig("https://192.0.2.10:6443", "shop", "shop", null, null, null, null, null)
                .touchesLocalHost()).as("no CA file to read, a remote API server").isFalse();
    }

    @Test
    void badSettingsAreRefusedNamingTheField() {
        assertRefused(() -> config("not a url", "shop-prod", "shop", "color", null), "kubernetes.apiServer");
        assertRefused(() -> config("https://k8s:6443", "Shop_Prod", "shop", "color", null), "kubernetes.namespace");
        assertRefused(() -> config("https://k8s:6443", "shop-prod", null, "color", null), "kubernetes.service");
        assertRefused(() -> config("https://k8s:6443", "shop-prod", "shop", "bad key!", null), "kubernetes.labelKey");
        assertRefused(() -> config("https://k8s:6443", "shop-prod", "shop", "color", " "), "kubernetes.tokenRef");
        assertRefused(() -> new KubernetesDriverConfig("https://k8s:6443", "shop-prod", "shop", null, null, null, "0s", null),
                "kubernetes.timeout");
    }

    @Test
    void aTokenIsNeverSentOverPlainHttpToAnotherHost() {
        assertThatThrownBy(() -> config("http://k8s.example.com:8080", "shop-prod", "shop", "color", "env:KUBE_TOKEN"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("kubernetes.apiServer")
                .hasMessageContaining("https://");
        assertThat(config("http://127.0.0.1:8001", "shop-prod", "shop", "color", "env:KUBE_TOKEN").tokenRef())
                .isEqualTo("env:KUBE_TOKEN");
    }

    @Test
    void deploymentsNeedExactlyOneNamingAndACompleteImageSetting() {
        assertRefused(() -> deployments(null, null, "app", "r/shop:${version}", null), "kubernetes.deployments");
        assertRefused(() -> deployments("shop", Map.of("blue", "a", "green", "b"), "app", "r/shop:${version}", null),
                "kubernetes.deployments");
        assertRefused(() -> deployments(null, Map.of("blue", "a", "red", "b"), "app", "r/shop:${version}", null),
                "kubernetes.deployments.names");
        assertRefused(() -> deployments("shop", null, null, "r/shop:${version}", null), "kubernetes.deployments.container");
        assertRefused(() -> deployments("shop", null, "app", "r/shop:latest", null), "kubernetes.deployments.imageTemplate");
        assertRefused(() -> deployments("shop", null, "app", "r/shop:${version}", 0), "kubernetes.deployments.replicas");
        assertThat(deployments(null, Map.of("blue", "shop-a", "green", "shop-b"), "app", "r/shop:${version}", null)
                .deploymentName(Color.BLUE)).isEqualTo("shop-a");
    }

    @Test
    void anUnreadableOrNonPemCaFileIsRefusedNamingTheField(@TempDir Path dir) throws Exception {
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate");

        for (String file : new String[] {notPem.toString(), dir.resolve("missing.pem").toString()}) {
            KubernetesDriverConfig config = new KubernetesDriverConfig("https://k8s:6443", "shop-prod", "shop", null,
                    null, file, null, null);
            assertRefused(() -> config.create(new OkHttpClient(), (field, reference) -> "unused"),
                    "kubernetes.caCertificateFile");
        }
    }

    static KubernetesDriverConfig config(String apiServer, String namespace, String service, String labelKey,
            String tokenRef) {
        return new KubernetesDriverConfig(apiServer, namespace, service, labelKey, tokenRef, null, null, null);
    }

    static KubernetesDriverConfig.Deployments deployments(String prefix, Map<String, String> names, String container,
            String imageTemplate, Integer replicas) {
        return new KubernetesDriverConfig.Deployments(prefix, names, container, imageTemplate, replicas, null, null);
    }
}
