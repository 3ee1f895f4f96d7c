package io.jenkins.plugins.bluegreen.drivers.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.drivers.kubernetes.KubernetesApi.Resource;
import io.jenkins.plugins.bluegreen.model.Color;
import java.util.Optional;

/** Routes a Kubernetes Service to one colour by patching its selector's colour label. */
class KubernetesServiceDriver implements TrafficDriver {

    final KubernetesApi api;
    final Resource service;
    final String labelKey;

    KubernetesServiceDriver(KubernetesApi api, String service, String labelKey) {
        this.api = api;
        this.service = Resource.service(service);
        this.labelKey = labelKey;
    }

    @Override
    public String type() {
        return KubernetesDriverConfig.TYPE;
    }

    @Override
    public void switchTo(Color color) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putObject("spec").putObject("selector").put(labelKey, color.label());
        JsonNode patched = api.patch(service, patch, "switch " + service.describe() + " to " + color.label());
        Optional<Color> selected = selectedColor(patched);
        if (selected.isEmpty() || selected.get() != color) {
            throw new DriverException("kubernetes router: " + service.describe() + " accepted the switch to "
                    + color.label() + " but its selector now says " + labelKey + "=" + selectorValue(patched)
                    + "; check for a mutating admission webhook or a controller (Helm, Argo CD, an operator) that owns"
                    + " the Service's selector");
        }
    }

    @Override
    public Optional<Color> observeLive() {
        return selectedColor(api.get(service, "read " + service.describe()));
    }

    @Override
    public Health health() {
        try {
            JsonNode current = api.get(service, "health check of " + service.describe());
            return Health.ok(service.describe() + " in namespace '" + api.namespace() + "' answers; selector "
                    + labelKey + "=" + selectorValue(current));
        } catch (DriverException e) {
            return Health.down(e.getMessage());
        }
    }

    /** The colour the Service selects, or empty when its selector names neither colour. */
    Optional<Color> selectedColor(JsonNode serviceObject) {
        return Color.find(selectorValue(serviceObject));
    }

    private String selectorValue(JsonNode serviceObject) {
        JsonNode value = serviceObject.path("spec").path("selector").path(labelKey);
        return value.isTextual() ? value.asText() : "(absent)";
    }
}
