package io.jenkins.plugins.bluegreen.drivers.kubernetes;

import io.jenkins.plugins.bluegreen.driver.Addresses;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.driver.DriverTimeouts;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Settings of the Kubernetes Service driver: it routes by patching the selector of one Service to
 * {@code labelKey: blue|green}.
 *
 * @param apiServer the API server's base URL, e.g. {@code https://10.0.0.1:6443}, or {@code http://127.0.0.1:8001}
 *     behind {@code kubectl proxy}
 * @param namespace the Service's namespace
 * @param service the Service whose selector picks the live colour
 * @param labelKey the selector key that names the colour; default {@code color}
 * @param tokenRef a secret reference to a bearer token (a service account token), or {@code null} for no token
 * @param caCertificateFile a PEM file with the CA certificate(s) the API server's certificate is checked against, or
 *     {@code null} for the JVM's default trust
 * @param timeout how long one API call may take; default {@code 10s}
 * @param deployments optional: the per-colour Deployments this driver may provision and retire
 */
public record KubernetesDriverConfig(
        String apiServer,
        String namespace,
        String service,
        String labelKey,
        String tokenRef,
        String caCertificateFile,
        String timeout,
        Deployments deployments) implements DriverConfig {

    static final String TYPE = "kubernetes";
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Pattern LABEL_KEY = Pattern.compile("([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?"
            + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    public KubernetesDriverConfig {
        Addresses.requireHttpUrl("kubernetes.apiServer", apiServer, "https://10.0.0.1:6443");
        HttpUrl url = HttpUrl.get(apiServer);
        if (tokenRef != null && !url.isHttps() && !LOOPBACK.contains(url.host())) {
            throw new BadInputException("kubernetes.apiServer", "a token would travel unencrypted to " + url.host()
                    + "; use an https:// address (plain http only to a loopback kubectl proxy)");
        }
        require("kubernetes.namespace", namespace, DNS_LABEL, "a DNS label such as 'shop-prod'");
        require("kubernetes.service", service, DNS_LABEL, "a Service name such as 'shop'");
        labelKey = labelKey == null ? "color" : labelKey;
        require("kubernetes.labelKey", labelKey, LABEL_KEY, "a label key such as 'color' or 'example.com/color'");
        if (tokenRef != null && tokenRef.isBlank()) {
            throw new BadInputException("kubernetes.tokenRef", "is blank; give a secret reference or leave it out");
        }
        if (caCertificateFile != null && caCertificateFile.isBlank()) {
            throw new BadInputException("kubernetes.caCertificateFile", "is blank; give a PEM file path or leave it out");
        }
        timeout = DriverTimeouts.checked("kubernetes.timeout", timeout, "10s");
    }

    @Override
    public boolean touchesLocalHost() {
        return caCertificateFile != null || DriverConfig.super.touchesLocalHost();
    }

    @Override
    public List<String> controlHosts() {
        return List.of(HttpUrl.parse(apiServer).host());
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public TrafficDriver create(OkHttpClient http, SecretSource secrets) {
        Duration callTimeout = DriverTimeouts.parse("kubernetes.timeout", timeout);
        OkHttpClient client = DriverTimeouts.bounded(http, callTimeout);
        if (caCertificateFile != null) {
            client = PemTrust.trusting(client, "kubernetes.caCertificateFile", caCertificateFile);
        }
        KubernetesApi api = new KubernetesApi(client, HttpUrl.get(apiServer), namespace,
                tokenRef == null ? null : () -> secrets.resolve("kubernetes.tokenRef", tokenRef), callTimeout);
        return deployments == null
                ? new KubernetesServiceDriver(api, service, labelKey)
                : new KubernetesDeploymentsDriver(api, service, labelKey, deployments);
    }

    /**
     * The Deployments behind each colour, for provisioning (set the image, wait for the rollout) and retiring (scale
     * to zero).
     *
     * @param prefix names the Deployments {@code {prefix}-blue} and {@code {prefix}-green}
     * @param names explicit names by colour ({@code blue}, {@code green}), instead of {@code prefix}
     * @param container the container whose image is set
     * @param imageTemplate the image, with {@code ${version}} for the version deployed, e.g.
     *     {@code registry.example.com/shop:${version}}
     * @param replicas the replica count set when provisioning, so a retired colour comes back; {@code null} keeps the
     *     Deployment's own count
     * @param rolloutTimeout how long a rollout may take; default {@code 4m}, inside the engine's own bound on
     *     provisioning (30 driver timeouts, 5 minutes by default) so that the rollout's progress is what gets reported
     * @param pollInterval how often the rollout is checked; default {@code 2s}
     */
    public record Deployments(
            String prefix,
            Map<String, String> names,
            String container,
            String imageTemplate,
            Integer replicas,
            String rolloutTimeout,
            String pollInterval) {

        public Deployments {
            if ((prefix == null) == (names == null)) {
                throw new BadInputException("kubernetes.deployments", "give either 'prefix' (Deployments {prefix}-blue"
                        + " and {prefix}-green) or 'names' ({\"blue\": ..., \"green\": ...}), not both or neither");
            }
            if (prefix != null) {
                require("kubernetes.deployments.prefix", prefix, DNS_LABEL, "a name such as 'shop'");
            } else {
                if (!names.keySet().equals(Set.of("blue", "green"))) {
                    throw new BadInputException("kubernetes.deployments.names", "has keys " + names.keySet()
                            + "; give exactly 'blue' and 'green'");
                }
                names.forEach((color, name) -> require("kubernetes.deployments.names." + color, name, DNS_SUBDOMAIN,
                        "a Deployment name such as 'shop-" + color + "'"));
                names = Map.copyOf(names);
            }
            require("kubernetes.deployments.container", container, DNS_LABEL, "the container's name, such as 'app'");
            if (imageTemplate == null || !imageTemplate.contains("${version}") || imageTemplate.contains(" ")) {
                throw new BadInputException("kubernetes.deployments.imageTemplate", "'" + imageTemplate
                        + "' must be an image with '${version}' where the version goes, e.g. 'registry.example.com/shop:${version}'");
            }
            if (replicas != null && replicas < 1) {
                throw new BadInputException("kubernetes.deployments.replicas", replicas
                        + " would provision a colour that serves nothing; give 1 or more, or leave it out");
            }
            rolloutTimeout = DriverTimeouts.checked("kubernetes.deployments.rolloutTimeout", rolloutTimeout, "4m");
            pollInterval = DriverTimeouts.checked("kubernetes.deployments.pollInterval", pollInterval, "2s");
        }

        String deploymentName(Color color) {
            return prefix != null ? prefix + "-" + color.label() : names.get(color.label());
        }
    }

    private static void require(String field, String value, Pattern form, String example) {
        if (value == null || !form.matcher(value).matches()) {
            throw new BadInputException(field, "'" + value + "' is not valid; give " + example);
        }
    }
}
