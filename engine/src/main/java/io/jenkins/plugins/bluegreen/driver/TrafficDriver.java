package io.jenkins.plugins.bluegreen.driver;

import io.jenkins.plugins.bluegreen.model.Color;
import java.util.Optional;

/**
 * Routes a service's public traffic to one colour. Implementations talk to one router (HAProxy, nginx, Caddy, a
 * Kubernetes Service, ...). Every call must end within the driver's own timeout and report failures as
 * {@link DriverException} naming the router, the call and what to check.
 */
public interface TrafficDriver {

    /** A short type name shown in logs and reports, e.g. {@code haproxy}. */
    String type();

    /** Sends all new traffic to {@code color}. Returning does not prove the switch: the engine reads back. */
    void switchTo(Color color);

    /** The colour the router serves now, or empty when it cannot tell (both, neither, or something else). */
    Optional<Color> observeLive();

    /**
     * Whether the router is known to send traffic to no colour at all, as a new service's router may. Only then may a
     * service with no recorded live colour take its first deployment without adopting a live one. A router whose
     * read-back cannot tell "neither colour" from "both colours" keeps this default.
     */
    default boolean routesNoColour() {
        return false;
    }

    /**
     * Whether every call of this driver ends by itself within its own configured timeout: non-blocking I/O under one
     * deadline, nothing that can wait without end. The engine calls such a driver on the caller's thread. Any other
     * driver is called on a driver thread that the engine stops waiting for after {@code driverTimeout}, so that a
     * hung call cannot hang a release; handing a call to that thread and back costs milliseconds on a loaded machine.
     */
    default boolean boundsItsOwnCalls() {
        return false;
    }

    /** Whether the router answers at all; checked before a switch. */
    Health health();

    /** A router-level health answer. */
    record Health(boolean healthy, String detail) {
        public static Health ok(String detail) {
            return new Health(true, detail);
        }

        public static Health down(String detail) {
            return new Health(false, detail);
        }
    }
}
