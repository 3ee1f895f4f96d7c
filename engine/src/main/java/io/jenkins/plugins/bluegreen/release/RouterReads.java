package io.jenkins.plugins.bluegreen.release;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.ServerAnswers;
import io.jenkins.plugins.bluegreen.driver.ServerAnswers.ServerAnswer;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.model.RefusedException;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reading the router and holding it against the record: which colour it serves, its health, each server's answer,
 * and the compare-and-swap every operation that moves traffic runs first. Changes nothing but the audit trail.
 */
record RouterReads(ReleaseContext context) {

    Optional<Color> observe(ServiceDefinition def) {
        if (context.planning()) {
            context.plan("read back the live colour from the " + def.driver().type() + " router");
            return Optional.ofNullable(context.store().load(def.name()).live());
        }
        return context.driverCall(def, "observeLive()", () -> def.driver().observeLive());
    }

    Optional<Color> observeQuietly(ServiceDefinition def) {
        try {
            return observe(def);
        } catch (DriverException e) {
            return Optional.empty();
        }
    }

    /** What the router answered to a health check and, when healthy, which colour it serves. */
    private record HealthAndServed(TrafficDriver.Health health, Optional<Color> served) {}

    /**
     * Refuses an unhealthy router; returns the colour it serves, read in the same driver call for the compare-and-swap
     * that follows: one hand-off to a driver thread less before the switch (each costs milliseconds on a loaded machine).
     */
    Optional<Color> requireHealthy(ServiceDefinition def) {
        if (context.planning()) {
            context.plan("check the health of the " + def.driver().type() + " router");
            return observe(def);
        }
        HealthAndServed router = context.driverCall(def, "health() and observeLive()", () -> {
            TrafficDriver.Health health = def.driver().health();
            return new HealthAndServed(health, health.healthy() ? def.driver().observeLive() : Optional.empty());
        });
        if (!router.health().healthy()) {
            throw new DriverException(def.name() + ": the " + def.driver().type() + " router is not healthy (" + router.health().detail()
                    + "); nothing was changed. Bring the router up and try again");
        }
        return router.served();
    }

    /**
     * Refuses when the router serves something other than the recorded live colour, recording the drift and who
     * ran into it. With nothing recorded as live, a router that serves a colour is drift too: switching would take
     * traffic from a colour the record knows nothing about.
     */
    void compareAndSwap(ServiceDefinition def, ServiceState state, String actor) {
        compareAndSwap(def, state, actor, observe(def));
    }

    /** The same, with what the router was just seen serving. */
    void compareAndSwap(ServiceDefinition def, ServiceState state, String actor, Optional<Color> observed) {
        String drift = drift(state, observed);
        if (drift != null) {
            drift = context.planning() ? drift : withDisagreement(drift, serverAnswers(def));
            context.record(def, EventType.DRIFT_DETECTED, observed.orElse(null), null, actor, drift);
            throw new RefusedException(def.name() + ": " + drift + "; nothing was switched. Run 'status' and reconcile"
                    + " the record with the router before switching");
        }
    }

    /** Each server's answer, for a router made of several (DNS servers, a fleet of routers); empty for one. */
    List<ServerAnswer> serverAnswers(ServiceDefinition def) {
        return def.driver() instanceof ServerAnswers answers ? context.driverCall(def, "serverAnswers()", answers::serverAnswers) : List.of();
    }

    /** Each server's answer when they can be asked at all: a router made of several can be partly unreachable. */
    List<ServerAnswer> serverAnswersQuietly(ServiceDefinition def) {
        try {
            return serverAnswers(def);
        } catch (DriverException e) {
            return List.of();
        }
    }

    /** The drift sentence naming each server's answer when they disagree, so the one that drifted is named. */
    static String withDisagreement(String drift, List<ServerAnswer> servers) {
        if (drift != null && servers.stream().map(ServerAnswer::color).distinct().count() > 1) {
            return drift + "; the servers disagree: " + describe(servers);
        }
        return drift;
    }

    static String drift(ServiceState state, Optional<Color> observed) {
        if (state.live() == null) {
            return observed.map(served -> "the router serves " + served.name() + " but nothing is recorded as live"
                    + " (a service that ran before it was adopted); the next deployment adopts it").orElse(null);
        }
        if (observed.isEmpty()) {
            return "the router does not serve a single colour, but the record says " + state.live().name() + " is live";
        }
        if (observed.get() != state.live()) {
            return "the router serves " + observed.get().name() + " but the record says " + state.live().name() + " is live";
        }
        return null;
    }

    static String describe(List<ServerAnswer> answers) {
        return answers.stream().map(ServerAnswer::describe).collect(Collectors.joining("; "));
    }
}
