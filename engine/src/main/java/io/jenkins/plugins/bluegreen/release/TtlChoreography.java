package io.jenkins.plugins.bluegreen.release;

import static io.jenkins.plugins.bluegreen.release.ReleaseContext.READ_BACK_POLL;
import static io.jenkins.plugins.bluegreen.release.ReleaseContext.elapsedMillis;

import io.jenkins.plugins.bluegreen.driver.CachedAnswers;
import io.jenkins.plugins.bluegreen.driver.OutcomeUnknownException;
import io.jenkins.plugins.bluegreen.driver.ServerAnswers;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.model.LoweredTtl;
import io.jenkins.plugins.bluegreen.model.RefusedException;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.model.StateMachine;
import io.jenkins.plugins.bluegreen.release.Results.Prepared;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The TTL choreography of a router whose answers are cached (DNS): lower the TTL before a switch and wait the old
 * one out, refuse a switch that would not reach every client within the lowered TTL, and give the original TTL back
 * once the standby is retired.
 */
record TtlChoreography(ReleaseContext context) {

    /** How often a wait for cached answers to expire says how long is left. */
    private static final Duration WAIT_REPORT_INTERVAL = Duration.ofSeconds(30);

    /** See {@link BlueGreenEngine#prepare}: the wait runs outside the lease, so a rollback never waits behind it. */
    Prepared prepare(ServiceDefinition def, String actor, boolean wait) {
        if (!(def.driver() instanceof CachedAnswers cached)) {
            throw new BadInputException("driver", "the " + def.driver().type() + " driver has no cached answers, so there is"
                    + " no TTL to prepare; prepare is for the dns driver");
        }
        ServiceState state = context.underLease(def, actor, () -> lowerTtl(def, cached, actor));
        LoweredTtl lowered = state.loweredTtl();
        if (!wait || lowered == null || context.planning()) {
            return new Prepared(state, lowered, 0);
        }
        Duration remaining = Duration.between(context.clock().instant(), lowered.oldAnswersExpireAt());
        if (remaining.isNegative() || remaining.isZero()) {
            return new Prepared(state, lowered, 0);
        }
        context.log().info(def.name() + ": waiting " + (remaining.toMillis() + 999) / 1000 + " s, until " + lowered.oldAnswersExpireAt() + ", for answers"
                + " cached with the old TTL of " + lowered.original().toSeconds() + " s to expire");
        long started = System.nanoTime();
        try {
            // Sleeps add up to at least the remaining time; the log says how much is left now and then, so a
            // console without a progress line (Jenkins) shows the wait moving.
            for (long left = remaining.toMillis(); left > 0; left -= WAIT_REPORT_INTERVAL.toMillis()) {
                TimeUnit.MILLISECONDS.sleep(Math.min(left, WAIT_REPORT_INTERVAL.toMillis()));
                if (left > WAIT_REPORT_INTERVAL.toMillis()) {
                    context.log().info(def.name() + ": " + (left - WAIT_REPORT_INTERVAL.toMillis() + 999) / 1000 + " s left until answers"
                            + " cached with the old TTL expire");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RefusedException(def.name() + ": interrupted while waiting for cached answers to expire; the TTL stays"
                    + " lowered. Run prepare again to wait the rest");
        }
        long waited = elapsedMillis(started);
        ServiceState recorded = context.underLease(def, actor, () -> context.record(def, EventType.TTL_WAITED, null, null, actor, "waited "
                + waited / 1000 + " s until answers cached with the old TTL (" + lowered.original().toSeconds() + " s) expired"));
        context.log().info(def.name() + ": answers cached with the old TTL have expired; a switch now reaches every client within "
                + lowered.lowered().toSeconds() + " s");
        return new Prepared(recorded, lowered, waited);
    }

    private ServiceState lowerTtl(ServiceDefinition def, CachedAnswers cached, String actor) {
        ServiceState state = context.store().load(def.name());
        if (context.planning()) {
            context.plan("lower the answer's TTL to " + cached.switchTtl().toSeconds() + " s on every " + def.driver().type() + " server");
            return state;
        }
        Duration served = context.driverCall(def, "servedTtl()", cached::servedTtl);
        LoweredTtl recorded = state.loweredTtl();
        if (served.compareTo(cached.switchTtl()) <= 0 && (recorded == null || recorded.confirmedAt() != null)) {
            context.log().info(def.name() + ": the answer's TTL is " + served.toSeconds() + " s, no more than switchTtl "
                    + cached.switchTtl().toSeconds() + " s; nothing to lower");
            return state;
        }
        Duration original = recorded != null ? recorded.original() : served;
        if (served.compareTo(cached.switchTtl()) > 0) {
            context.driverRun(def, "setTtl(" + cached.switchTtl().toSeconds() + " s)", () -> cached.setTtl(cached.switchTtl()));
        }
        boolean everywhere = awaitServedTtl(def, cached, cached.switchTtl());
        Instant now = context.clock().instant();
        String detail = "TTL lowered from " + original.toSeconds() + " s to " + cached.switchTtl().toSeconds() + " s";
        if (!everywhere) {
            String where = def.driver() instanceof ServerAnswers servers
                    ? " (" + RouterReads.describe(context.driverCall(def, "serverAnswers()", servers::serverAnswers)) + ")" : "";
            context.store().save(StateMachine.ttlLowered(state, new LoweredTtl(original, cached.switchTtl(), null), actor, now,
                    detail + " at the primary, but not every server serves it after " + def.confirmTimeout().toMillis() + " ms" + where));
            throw new OutcomeUnknownException(def.name() + ": " + detail + " at the primary, but not every server serves it after "
                    + def.confirmTimeout().toMillis() + " ms" + where + ". Run prepare again once the secondaries have caught up");
        }
        LoweredTtl lowered = new LoweredTtl(original, cached.switchTtl(), now);
        ServiceState saved = context.store().save(StateMachine.ttlLowered(state, lowered, actor, now, detail + " on every server; answers"
                + " cached before may live until " + lowered.oldAnswersExpireAt()));
        context.log().info(def.name() + ": " + detail + " on every server; a switch is safe from " + lowered.oldAnswersExpireAt());
        return saved;
    }

    /** Reads the served TTL until no server gives more than {@code ttl}, within the confirm timeout. */
    private boolean awaitServedTtl(ServiceDefinition def, CachedAnswers cached, Duration ttl) {
        long deadline = System.nanoTime() + def.confirmTimeout().toNanos();
        while (context.driverCall(def, "servedTtl()", cached::servedTtl).compareTo(ttl) > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            ReleaseContext.sleep(READ_BACK_POLL);
        }
        return true;
    }

    /**
     * Refuses a switch of a router with cached answers that would not reach every client within its switch TTL: the
     * TTL was never lowered, its lowering is not confirmed everywhere, or answers cached with the old TTL may still
     * live. Forced, it goes on and says what was forced, for the record.
     */
    String requireOldAnswersExpired(ServiceDefinition def, ServiceState state, boolean force) {
        if (!(def.driver() instanceof CachedAnswers cached)) {
            return null;
        }
        if (context.planning()) {
            context.plan("check that answers cached with the old TTL have expired (the TTL is at most "
                    + cached.switchTtl().toSeconds() + " s and was lowered long enough ago)");
            return null;
        }
        Duration served = context.driverCall(def, "servedTtl()", cached::servedTtl);
        LoweredTtl lowered = state.loweredTtl();
        String problem;
        String fix;
        if (served.compareTo(cached.switchTtl()) > 0) {
            problem = "the answer's TTL is " + served.toSeconds() + " s, above switchTtl " + cached.switchTtl().toSeconds()
                    + " s, so resolvers would keep the old answer up to " + served.toSeconds() + " s after the switch, and a"
                    + " rollback would take as long";
            fix = "Run 'prepare' first (or switch with prepare, which lowers the TTL and waits the old one out)";
        } else if (lowered != null && lowered.confirmedAt() == null) {
            problem = "the lowered TTL was not seen on every server";
            fix = "Run 'prepare' again";
        } else if (lowered != null && context.clock().instant().isBefore(lowered.oldAnswersExpireAt())) {
            problem = "answers cached with the old TTL of " + lowered.original().toSeconds() + " s may live until "
                    + lowered.oldAnswersExpireAt() + ", " + Duration.between(context.clock().instant(), lowered.oldAnswersExpireAt()).toSeconds()
                    + " s from now";
            fix = "Wait until then ('prepare --wait' waits)";
        } else {
            return null;
        }
        if (!force) {
            throw new RefusedException(def.name() + ": " + problem + "; nothing was switched. " + fix + ", or force the switch,"
                    + " which is recorded");
        }
        context.log().info(def.name() + ": forced although " + problem);
        return "forced although " + problem;
    }

    /** Gives the answer its original TTL back once the standby is retired and no rollback can be needed. */
    ServiceState restoreTtl(ServiceDefinition def, ServiceState state, String actor) {
        LoweredTtl lowered = state.loweredTtl();
        if (lowered == null || !(def.driver() instanceof CachedAnswers cached)) {
            return state;
        }
        context.driverRun(def, "setTtl(" + lowered.original().toSeconds() + " s)", () -> cached.setTtl(lowered.original()));
        String detail = "TTL restored from " + lowered.lowered().toSeconds() + " s to " + lowered.original().toSeconds()
                + " s at the primary (the secondaries follow by zone transfer)";
        ServiceState saved = context.store().save(StateMachine.ttlRestored(state, actor, context.clock().instant(), detail));
        context.log().info(def.name() + ": " + detail);
        return saved;
    }
}
