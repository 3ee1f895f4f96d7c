package io.jenkins.plugins.bluegreen.drivers.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.Provisioner;
import io.jenkins.plugins.bluegreen.driver.Retirer;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.Color;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * No Kubernetes API server can run here, so these tests talk to a mock server that checks the exact requests (verb,
 * path, content type, patch body, token) and answers with Service, Deployment and Status objects shaped like a real
 * API server's.
 */
class KubernetesDriverMockServerTest {

    static final String TOKEN = "tok-SECRET-7f3a9c";
    static final SecretSource SECRETS = (field, reference) -> {
        assertThat(field).isEqualTo("kubernetes.tokenRef");
        assertThat(reference).isEqualTo("env:KUBE_TOKEN");
        return TOKEN;
    };
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SERVICE_PATH = "/api/v1/namespaces/shop-prod/services/shop";
    static final String GREEN_DEPLOYMENT_PATH = "/apis/apps/v1/namespaces/shop-prod/deployments/shop-green";

    final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void switchPatchesTheSelectorWithAStrategicMergePatchAndTheTokenThenReadsBack() throws Exception {
        server.enqueue(json(200, service("green")));
        server.enqueue(json(200, service("green")));
        TrafficDriver driver = driver("10s", null);

        driver.switchTo(Color.GREEN);
        assertThat(driver.observeLive()).contains(Color.GREEN);

        RecordedRequest patch = server.takeRequest();
        assertThat(patch.getMethod()).isEqualTo("PATCH");
        assertThat(patch.getTarget()).isEqualTo(SERVICE_PATH);
        assertThat(patch.getHeaders().get("Content-Type")).isEqualTo("application/strategic-merge-patch+json");
        assertThat(patch.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(JSON.readTree(patch.getBody().utf8())).isEqualTo(JSON.readTree("{\"spec\":{\"selector\":{\"color\":\"green\"}}}"));
        RecordedRequest get = server.takeRequest();
        assertThat(get.getMethod()).isEqualTo("GET");
        assertThat(get.getTarget()).isEqualTo(SERVICE_PATH);
        assertThat(get.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void aConfiguredLabelKeyIsTheOnePatchedAndRead() throws Exception {
        server.enqueue(json(200, service("blue").replace("\"color\"", "\"example.com/slot\"")));
        TrafficDriver driver = new KubernetesDriverConfig(url(), "shop-prod", "shop", "example.com/slot",
                "env:KUBE_TOKEN", null, null, null).create(new OkHttpClient(), SECRETS);

        driver.switchTo(Color.BLUE);

        assertThat(JSON.readTree(server.takeRequest().getBody().utf8()))
                .isEqualTo(JSON.readTree("{\"spec\":{\"selector\":{\"example.com/slot\":\"blue\"}}}"));
    }

    @Test
    void aSwitchTheApiServerAcceptsButDoesNotApplyIsAnError() {
        // e.g. a mutating webhook or a GitOps controller puts the old selector back
        server.enqueue(json(200, service("blue")));

        assertThatThrownBy(() -> driver("10s", null).switchTo(Color.GREEN))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("selector now says color=blue")
                .hasMessageContaining("admission webhook");
    }

    @Test
    void readBackReportsWhatTheServiceSelectsEvenWhenItIsNotWhatWasAskedFor() {
        server.enqueue(json(200, service("blue")));
        server.enqueue(json(200, service("Green")));
        server.enqueue(json(200, service("canary")));
        server.enqueue(json(200, service("green").replace("\"color\": \"green\",", "")));
        TrafficDriver driver = driver("10s", null);

        assertThat(driver.observeLive()).contains(Color.BLUE);
        assertThat(driver.observeLive()).contains(Color.GREEN);
        assertThat(driver.observeLive()).isEmpty();
        assertThat(driver.observeLive()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "401, Unauthorized, Unauthorized, kubernetes.tokenRef is valid and has not expired",
        "403, Forbidden, services \"\"shop\"\" is forbidden: User \"\"system:serviceaccount:ci:deployer\"\" cannot patch resource, Role allows get and patch on services in namespace 'shop-prod'",
        "404, NotFound, services \"\"shop\"\" not found, service 'shop' exists in namespace 'shop-prod'",
        "409, Conflict, Operation cannot be fulfilled on services \"\"shop\"\": the object has been modified, run the command again",
    })
    void apiErrorsNameTheCallTheServersReasonAndWhatToCheck(int code, String reason, String message, String hint) {
        server.enqueue(json(code, status(code, reason, message)));

        assertThatThrownBy(() -> driver("10s", null).switchTo(Color.GREEN))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("kubernetes router")
                .hasMessageContaining("switch service 'shop' to green")
                .hasMessageContaining("HTTP " + code)
                .hasMessageContaining(message)
                .hasMessageContaining(hint)
                .message().doesNotContain(TOKEN);
    }

    @Test
    void aTokenEchoedByTheServerNeverReachesTheMessage() {
        server.enqueue(json(401, status(401, "Unauthorized", "invalid bearer token " + TOKEN)));

        assertThatThrownBy(() -> driver("10s", null).observeLive())
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("invalid bearer token ****")
                .message().doesNotContain(TOKEN);
    }

    @Test
    void aSilentApiServerTimesOutWithAClearMessage() {
        server.enqueue(new MockResponse.Builder().code(200).body(service("blue")).headersDelay(5, TimeUnit.SECONDS).build());

        assertThatThrownBy(() -> driver("300ms", null).switchTo(Color.GREEN))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("no answer within 300ms")
                .hasMessageContaining("kubernetes.timeout")
                .message().doesNotContain(TOKEN);
    }

    @Test
    void anUnreachableApiServerIsReportedDownByHealthAndNamesTheAddressToCheck() {
        String address = url();
        server.close();
        TrafficDriver driver = new KubernetesDriverConfig(address, "shop-prod", "shop", null, "env:KUBE_TOKEN",
                null, "2s", null).create(new OkHttpClient(), SECRETS);

        TrafficDriver.Health health = driver.health();

        assertThat(health.healthy()).isFalse();
        assertThat(health.detail()).contains("check kubernetes.apiServer").doesNotContain(TOKEN);
    }

    @Test
    void healthReadsTheServiceAndReportsItsSelector() throws Exception {
        server.enqueue(json(200, service("blue")));

        TrafficDriver.Health health = driver("10s", null).health();

        assertThat(health.healthy()).isTrue();
        assertThat(health.detail()).contains("service 'shop'", "color=blue");
        assertThat(server.takeRequest().getTarget()).isEqualTo(SERVICE_PATH);
    }

    @Test
    void withoutDeploymentsTheDriverNeitherProvisionsNorRetires() {
        TrafficDriver driver = driver("10s", null);

        assertThat(driver).isNotInstanceOf(Provisioner.class).isNotInstanceOf(Retirer.class);
    }

    @Test
    void provisionSetsTheContainerImageAndReplicasThenWaitsForTheRollout() throws Exception {
        server.enqueue(json(200, deployment(3, 7, 6, 3, 0, 3)));
        server.enqueue(json(200, deployment(3, 7, 7, 4, 1, 3)));
        server.enqueue(json(200, deployment(3, 7, 7, 3, 3, 3)));
        Provisioner driver = (Provisioner) driver("10s", deployments(3, "5m"));

        driver.provision(Color.GREEN, "1.4.2");

        RecordedRequest patch = server.takeRequest();
        assertThat(patch.getMethod()).isEqualTo("PATCH");
        assertThat(patch.getTarget()).isEqualTo(GREEN_DEPLOYMENT_PATH);
        assertThat(patch.getHeaders().get("Content-Type")).isEqualTo("application/strategic-merge-patch+json");
        assertThat(patch.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(JSON.readTree(patch.getBody().utf8())).isEqualTo(JSON.readTree("""
                {"spec":{"replicas":3,"template":{"spec":{"containers":[
                  {"name":"app","image":"registry.example.com/shop:1.4.2"}]}}}}"""));
        for (int poll = 0; poll < 2; poll++) {
            RecordedRequest get = server.takeRequest();
            assertThat(get.getMethod()).isEqualTo("GET");
            assertThat(get.getTarget()).isEqualTo(GREEN_DEPLOYMENT_PATH);
        }
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aRolloutThatDoesNotFinishInTimeFailsWithItsProgress() {
        server.setDispatcher(always(json(200, deployment(3, 7, 7, 4, 1, 3))));
        Provisioner driver = (Provisioner) driver("10s", deployments(3, "300ms"));

        assertThatThrownBy(() -> driver.provision(Color.GREEN, "1.4.2"))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("registry.example.com/shop:1.4.2")
                .hasMessageContaining("did not finish within 300ms")
                .hasMessageContaining("1 of 3 replicas updated, 3 available, 4 running")
                .hasMessageContaining("kubectl rollout status deployment/shop-green -n shop-prod")
                .message().doesNotContain(TOKEN);
    }

    @Test
    void aRolloutPastItsProgressDeadlineFailsAtOnce() {
        String stuck = deployment(3, 7, 7, 4, 1, 3).replace("\"conditions\": []", """
                "conditions": [{"type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded",
                  "message": "ReplicaSet \\"shop-green-5d9c7\\" has timed out progressing."}]""");
        server.enqueue(json(200, stuck));
        server.enqueue(json(200, stuck));
        Provisioner driver = (Provisioner) driver("10s", deployments(3, "5m"));

        assertThatThrownBy(() -> driver.provision(Color.GREEN, "1.4.2"))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("has timed out progressing")
                .hasMessageContaining("kubectl describe deployment shop-green -n shop-prod");
    }

    @Test
    void provisioningARetiredDeploymentWithoutAReplicaCountRefusesToLeaveItEmpty() {
        server.enqueue(json(200, deployment(0, 3, 3, 0, 0, 0)));
        server.enqueue(json(200, deployment(0, 3, 3, 0, 0, 0)));
        Provisioner driver = (Provisioner) driver("10s", deployments(null, "5m"));

        assertThatThrownBy(() -> driver.provision(Color.GREEN, "1.4.2"))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("has 0 replicas")
                .hasMessageContaining("kubernetes.deployments.replicas");
    }

    @Test
    void retireScalesTheStandbyColoursDeploymentToZero() throws Exception {
        server.enqueue(json(200, service("blue")));
        server.enqueue(json(200, deployment(0, 8, 7, 3, 3, 3)));
        Retirer driver = (Retirer) driver("10s", deployments(3, "5m"));

        driver.retire(Color.GREEN);

        assertThat(server.takeRequest().getTarget()).isEqualTo(SERVICE_PATH);
        RecordedRequest scale = server.takeRequest();
        assertThat(scale.getMethod()).isEqualTo("PATCH");
        assertThat(scale.getTarget()).isEqualTo(GREEN_DEPLOYMENT_PATH);
        assertThat(scale.getHeaders().get("Content-Type")).isEqualTo("application/strategic-merge-patch+json");
        assertThat(JSON.readTree(scale.getBody().utf8())).isEqualTo(JSON.readTree("{\"spec\":{\"replicas\":0}}"));
    }

    @Test
    void retireRefusesToScaleDownTheColourTheServiceRoutesTo() {
        server.enqueue(json(200, service("green")));
        Retirer driver = (Retirer) driver("10s", deployments(3, "5m"));

        assertThatThrownBy(() -> driver.retire(Color.GREEN))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("refusing to scale deployment 'shop-green' to 0");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- helpers

    String url() {
        return server.url("/").toString();
    }

    TrafficDriver driver(String timeout, KubernetesDriverConfig.Deployments deployments) {
        return new KubernetesDriverConfig(url(), "shop-prod", "shop", null, "env:KUBE_TOKEN", null, timeout, deployments)
                .create(new OkHttpClient(), SECRETS);
    }

    static KubernetesDriverConfig.Deployments deployments(Integer replicas, String rolloutTimeout) {
        return new KubernetesDriverConfig.Deployments("shop", null, "app", "registry.example.com/shop:${version}",
                replicas, rolloutTimeout, "10ms");
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    static Dispatcher always(MockResponse response) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return response;
            }
        };
    }

    /** A Service as the API server returns it, selecting {@code color}. */
    static String service(String color) {
        return """
                {
                  "kind": "Service",
                  "apiVersion": "v1",
                  "metadata": {
                    "name": "shop",
                    "namespace": "shop-prod",
                    "uid": "0f9f6a9e-3c2b-4d8e-9a53-1b6f3f0c2d11",
                    "resourceVersion": "48213",
                    "creationTimestamp": "2026-03-02T09:14:07Z",
                    "labels": {"app": "shop"}
                  },
                  "spec": {
                    "ports": [{"name": "http", "protocol": "TCP", "port": 80, "targetPort": 8080}],
                    "selector": {
                      "color": "%s",
                      "app": "shop"
                    },
                    "clusterIP": "10.96.143.27",
                    "clusterIPs": ["10.96.143.27"],
                    "type": "ClusterIP",
                    "sessionAffinity": "None",
                    "ipFamilies": ["IPv4"],
                    "ipFamilyPolicy": "SingleStack",
                    "internalTrafficPolicy": "Cluster"
                  },
                  "status": {"loadBalancer": {}}
                }""".formatted(color);
    }

    /** A Deployment {@code shop-green} with the given spec and rollout status. */
    static String deployment(int desired, long generation, long observedGeneration, int current, int updated,
            int available) {
        return """
                {
                  "kind": "Deployment",
                  "apiVersion": "apps/v1",
                  "metadata": {
                    "name": "shop-green",
                    "namespace": "shop-prod",
                    "uid": "5b1e2f64-7d0c-4a3e-8f21-c9e0d4a7b3f2",
                    "resourceVersion": "48377",
                    "generation": %d,
                    "labels": {"app": "shop", "color": "green"},
                    "annotations": {"deployment.kubernetes.io/revision": "4"}
                  },
                  "spec": {
                    "replicas": %d,
                    "selector": {"matchLabels": {"app": "shop", "color": "green"}},
                    "template": {
                      "metadata": {"labels": {"app": "shop", "color": "green"}},
                      "spec": {"containers": [
                        {"name": "app", "image": "registry.example.com/shop:1.4.2", "ports": [{"containerPort": 8080}]},
                        {"name": "log-shipper", "image": "fluent/fluent-bit:3.1"}
                      ]}
                    },
                    "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%%", "maxSurge": "25%%"}},
                    "progressDeadlineSeconds": 600
                  },
                  "status": {
                    "observedGeneration": %d,
                    "replicas": %d,
                    "updatedReplicas": %d,
                    "readyReplicas": %d,
                    "availableReplicas": %d,
                    "conditions": []
                  }
                }""".formatted(generation, desired, observedGeneration, current, updated, available, available);
    }

    /** The Status object the API server sends with an error. */
    static String status(int code, String reason, String message) {
        JsonNode status = JSON.createObjectNode()
                .put("kind", "Status")
                .put("apiVersion", "v1")
                .put("status", "Failure")
                .put("message", message)
                .put("reason", reason)
                .put("code", code);
        return status.toString();
    }
}
