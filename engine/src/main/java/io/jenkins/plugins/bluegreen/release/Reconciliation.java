package io.jenkins.plugins.bluegreen.release;

import static io.jenkins.plugins.bluegreen.release.ReleaseContext.describeLive;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.ServerAnswers.ServerAnswer;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.IdleStandby;
import io.jenkins.plugins.bluegreen.model.RefusedException;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.model.StateMachine;
import io.jenkins.plugins.bluegreen.release.Results.Status;
import java.util.List;
import java.util.Optional;

/**
 * The record held against the router: {@code status} shows both, {@code reconcile} and {@code adopt} make the record
 * follow the router. None of them moves traffic; the router is the truth the record is brought back to.
 */
record Reconciliation(ReleaseContext context, RouterReads router) {

    Status status(ServiceDefinition def) {
        ServiceState state = context.store().load(def.name());
        TrafficDriver.Health health;
        Optional<Color> observed;
        try {
            health = context.driverCall(def, "health()", () -> def.driver().health());
            observed = router.observe(def);
        } catch (DriverException e) {
            return new Status(state, Optional.empty(), "unreachable: " + e.getMessage(),
                    state.live() == null ? null : "the router cannot be read, so the record (" + describeLive(state) + ") is unconfirmed",
                    router.serverAnswersQuietly(def), standby(def, state));
        }
        List<ServerAnswer> servers = router.serverAnswers(def);
        String drift = RouterReads.withDisagreement(RouterReads.drift(state, observed), servers);
        return new Status(state, observed, (health.healthy() ? "healthy: " : "unhealthy: ") + health.detail(), drift, servers,
                standby(def, state));
    }

    /** The standby colour now: how long it has been idle, the keep-old deadline, whether retire is due, its cost. */
    private Optional<IdleStandby> standby(ServiceDefinition def, ServiceState state) {
        return IdleStandby.of(state, def.keepOld(), def.idleCost(), context.clock().instant());
    }

    ServiceState reconcile(ServiceDefinition def, String actor) {
        return context.underLease(def, actor, () -> {
            ServiceState state = context.store().load(def.name());
            Optional<Color> observed = router.observe(def);
            if (observed.isEmpty()) {
                throw new RefusedException(def.name() + ": the router does not serve a single colour, so there is nothing"
                        + " to reconcile to; fix the router by hand, then run reconcile again");
            }
            if (observed.get() == state.live()) {
                context.log().info(def.name() + ": record and router agree on " + observed.get().name() + "; nothing to do");
                return state;
            }
            ServiceState saved = context.store().save(StateMachine.reconciled(state, observed.get(), actor, context.clock().instant()));
            context.log().info(def.name() + ": record corrected to the router's " + observed.get().name());
            return saved;
        });
    }

    ServiceState adopt(ServiceDefinition def, Color vouched, String version, String actor) {
        return context.underLease(def, actor, () -> {
            ServiceState state = context.store().load(def.name());
            if (state.live() != null && (vouched == null || vouched == state.live())) {
                router.compareAndSwap(def, state, actor);
                context.log().info(def.name() + ": " + state.liveEnvironment().describe() + " is already recorded as live; nothing to adopt");
                return state;
            }
            ServiceState adopted = adoptWhatTheRouterServes(def, state, vouched, version, actor);
            if (adopted.live() == null) {
                throw new RefusedException(def.name() + ": the " + def.driver().type() + " router serves no colour yet, so there"
                        + " is nothing to adopt; deploy, verify and switch as for a new service");
            }
            return adopted;
        });
    }

    /**
     * The record has no live colour. Adopts the colour the router serves, records nothing when the router positively
     * serves no colour (a new service), and refuses when it cannot tell, since a deployment to the wrong colour would
     * replace what users get. The caller holds the lease.
     */
    ServiceState adoptWhatTheRouterServes(ServiceDefinition def, ServiceState state, Color vouched, String version, String actor) {
        if (context.planning()) {
            context.plan("read the " + def.driver().type() + " router; if it serves a colour, adopt that colour as live, so the"
                    + " deployment goes to the other");
            return state;
        }
        Optional<Color> served;
        try {
            served = router.observe(def);
        } catch (DriverException unreadable) {
            if (vouched == null) {
                throw new RefusedException(def.name() + ": nothing is recorded as live and the " + def.driver().type()
                        + " router cannot be read (" + unreadable.getMessage() + "), so which colour users get is unknown and a"
                        + " deployment could land on it; nothing was changed. Run 'reconcile' once the router answers, or say"
                        + " which colour users get now with 'deploy --adopt COLOUR'");
            }
            return context.store().save(StateMachine.adopted(state, vouched, version, actor, context.clock().instant(),
                    "vouched for by " + actor + "; the router could not be read (" + unreadable.getMessage() + ")"));
        }
        if (served.isPresent()) {
            if (vouched != null && vouched != served.get()) {
                throw new RefusedException(def.name() + ": the router serves " + served.get().name() + ", not "
                        + vouched.name() + "; nothing was changed. Adopt what the router serves (leave the colour out)");
            }
            ServiceState adopted = context.store().save(StateMachine.adopted(state, served.get(), version, actor, context.clock().instant(),
                    "the " + def.driver().type() + " router serves " + served.get().name()));
            context.log().info(def.name() + ": nothing was recorded as live, but the router serves " + served.get().name() + "; adopted "
                    + adopted.liveEnvironment().describe() + " as live, so " + adopted.idle().name() + " is the idle colour");
            return adopted;
        }
        if (def.driver().routesNoColour() && vouched == null) {
            return state;
        }
        throw new RefusedException(def.name() + ": nothing is recorded as live and the " + def.driver().type() + " router"
                + " does not serve a single colour (it serves both, or neither), so a deployment could land on live traffic;"
                + " nothing was changed. Point the router at the colour users should get, then deploy again: the"
                + " deployment goes to the other colour");
    }
}
