package io.jenkins.plugins.bluegreen.jenkins;

import hudson.model.Describable;
import hudson.model.Descriptor;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import java.io.Serializable;
import okhttp3.OkHttpClient;

/**
 * The form and Pipeline face of one engine driver configuration ({@code haproxy(...)}, {@code noop()}, ...). Holds
 * plain settings and credentials IDs only; {@link #toConfig()} maps them onto the engine's record, which validates.
 */
public abstract class TargetDriver implements Describable<TargetDriver>, Serializable {

    private static final long serialVersionUID = 1L;

    /** The engine's configuration record for these settings. */
    public abstract DriverConfig toConfig();

    /** Builds the driver for one service; secrets are resolved by the driver when it needs them. */
    public TrafficDriver create(String service, OkHttpClient http, SecretSource secrets) {
        return toConfig().create(http, secrets);
    }

    /** Base of the driver descriptors, so forms and the snippet generator list exactly the drivers. */
    public abstract static class TargetDriverDescriptor extends Descriptor<TargetDriver> {}
}
