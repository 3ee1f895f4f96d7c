package io.jenkins.plugins.bluegreen.drivers.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.DriverTimeouts;
import io.jenkins.plugins.bluegreen.driver.Provisioner;
import io.jenkins.plugins.bluegreen.driver.Retirer;
import io.jenkins.plugins.bluegreen.drivers.kubernetes.KubernetesApi.Resource;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Durations;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Service driver plus the colours' Deployments: provisions a version by setting the container's image and
 * waiting for the rollout, and retires a colour by scaling its Deployment to zero.
 */
final class KubernetesDeploymentsDriver extends KubernetesServiceDriver implements Provisioner, Retirer {

    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]{0,127}");

    private final KubernetesDriverConfig.Deployments deployments;
    private final Duration rolloutTimeout;
    private final Duration pollInterval;

    KubernetesDeploymentsDriver(KubernetesApi api, String service, String labelKey,
            KubernetesDriverConfig.Deployments deployments) {
        super(api, service, labelKey);
        this.deployments = deployments;
        this.rolloutTimeout = DriverTimeouts.parse("kubernetes.deployments.rolloutTimeout", deployments.rolloutTimeout());
        this.pollInterval = DriverTimeouts.parse("kubernetes.deployments.pollInterval", deployments.pollInterval());
    }

    @Override
    public void provision(Color color, String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new BadInputException("version", "'" + version + "' cannot be an image tag; use letters, digits and . _ + -");
        }
        Resource deployment = Resource.deployment(deployments.deploymentName(color));
        String image = deployments.imageTemplate().replace("${version}", version);
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        ObjectNode spec = patch.putObject("spec");
        if (deployments.replicas() != null) {
            spec.put("replicas", deployments.replicas());
        }
        spec.putObject("template").putObject("spec").putArray("containers").addObject()
                .put("name", deployments.container())
                .put("image", image);
        api.patch(deployment, patch, "set the image of " + deployment.describe() + " to " + image);
        awaitRollout(deployment, image);
    }

    /** Polls the Deployment's status the way {@code kubectl rollout status} does, until done, failed or timed out. */
    private void awaitRollout(Resource deployment, String image) {
        long deadline = System.nanoTime() + rolloutTimeout.toNanos();
        while (true) {
            Rollout rollout = Rollout.of(api.get(deployment, "read the rollout of " + deployment.describe()));
            if (rollout.desired() == 0) {
                throw new DriverException("kubernetes router: " + deployment.describe() + " has 0 replicas (retired?),"
                        + " so " + image + " would serve nothing; set kubernetes.deployments.replicas to scale it back up");
            }
            if (rollout.done()) {
                return;
            }
            String failure = rollout.failure();
            if (failure != null) {
                throw new DriverException("kubernetes router: the rollout of " + image + " to " + deployment.describe()
                        + " failed: " + failure + "; check the pods' events (kubectl describe deployment "
                        + deployment.name() + " -n " + api.namespace() + ")");
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new DriverException("kubernetes router: the rollout of " + image + " to " + deployment.describe()
                        + " did not finish within " + Durations.format(rolloutTimeout) + " (" + rollout.progress()
                        + "); check the pods (image pull, readiness probe, quota) with 'kubectl rollout status deployment/"
                        + deployment.name() + " -n " + api.namespace() + "', or raise kubernetes.deployments.rolloutTimeout");
            }
            sleep(pollInterval);
        }
    }

    private record Rollout(long generation, long observedGeneration, int desired, int current, int updated,
            int available, String failure) {

        static Rollout of(JsonNode deployment) {
            JsonNode status = deployment.path("status");
            String failure = null;
            for (JsonNode condition : status.path("conditions")) {
                if ("Progressing".equals(condition.path("type").asText())
                        && "ProgressDeadlineExceeded".equals(condition.path("reason").asText())) {
                    failure = condition.path("message").asText("progress deadline exceeded");
                }
            }
            return new Rollout(deployment.path("metadata").path("generation").asLong(),
                    status.path("observedGeneration").asLong(), deployment.path("spec").path("replicas").asInt(1),
                    status.path("replicas").asInt(), status.path("updatedReplicas").asInt(),
                    status.path("availableReplicas").asInt(), failure);
        }

        /** The new template is seen, every replica runs it and is available, and no old replica is left. */
        boolean done() {
            return observedGeneration >= generation && updated == desired && available == desired && current == desired;
        }

        String progress() {
            return updated + " of " + desired + " replicas updated, " + available + " available, " + current + " running"
                    + (observedGeneration < generation ? ", change not yet observed by the controller" : "");
        }
    }

    @Override
    public void retire(Color color) {
        Optional<Color> live = observeLive();
        Resource deployment = Resource.deployment(deployments.deploymentName(color));
        if (live.isPresent() && live.get() == color) {
            throw new DriverException("kubernetes router: refusing to scale " + deployment.describe() + " to 0: "
                    + service.describe() + " routes live traffic to " + color.label() + "; switch first");
        }
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putObject("spec").put("replicas", 0);
        api.patch(deployment, patch, "scale " + deployment.describe() + " to 0");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("kubernetes router: interrupted while waiting for a rollout; the rollout goes on"
                    + " in the cluster, check it with kubectl rollout status");
        }
    }
}
