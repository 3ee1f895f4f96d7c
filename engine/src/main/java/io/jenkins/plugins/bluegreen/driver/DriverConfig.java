package io.jenkins.plugins.bluegreen.driver;

import java.util.List;
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
     * Whether the driver runs programs, reads or writes files, or calls addresses of the machine that runs the engine
     * (see {@link LocalAddresses}). A host shared with other users (a CI controller) lets only its administrators
     * configure such a driver. Drivers with programs or files add those to this answer.
     */
    default boolean touchesLocalHost() {
        return controlHosts().stream().anyMatch(LocalAddresses::isLocal);
    }

    /**
     * The hosts the driver's own calls go to (its router's API), as names or address literals; not the colours'
     * addresses, which the router reaches. Empty for drivers that call nothing over the network.
     */
    default List<String> controlHosts() {
        return List.of();
    }

    /**
     * Whether the configuration sets the method, headers or body of the driver's requests itself, so that it could
     * send any request at all, rather than only choosing where the driver's own requests go.
     */
    default boolean customisesRequests() {
        return false;
    }
}
