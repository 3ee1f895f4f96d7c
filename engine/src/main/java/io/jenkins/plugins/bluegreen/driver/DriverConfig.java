package io.jenkins.plugins.bluegreen.driver;

import okhttp3.OkHttpClient;

/**
 * The plain, serialisable settings of one driver: what the CLI spec's {@code driver:} block and the plugin's
 * Describable wrappers map onto. Implementations are records, validated in their constructor with
 * {@link io.jenkins.plugins.bluegreen.model.BadInputException} naming the field, and hold secret references, never
 * secret values.
 */
public interface DriverConfig {

    /** The type name used in spec files, e.g. {@code haproxy}. */
    String type();

    /**
     * Builds the driver.
     *
     * @param http the HTTP client to use (in Jenkins, built with Jenkins' proxy settings)
     * @param secrets resolves the secret references this configuration holds, at use time
     */
    TrafficDriver create(OkHttpClient http, SecretSource secrets);

    /**
     * Whether the driver runs programs or reads or writes files on the machine that runs the engine. A host shared
     * with other users (a CI controller) lets only its administrators configure such a driver.
     */
    default boolean touchesLocalHost() {
        return false;
    }
}
