package io.jenkins.plugins.bluegreen.model;

import static io.jenkins.plugins.bluegreen.model.EnvironmentStatus.DEPLOYED;
import static io.jenkins.plugins.bluegreen.model.EnvironmentStatus.DEPLOYING;
import static io.jenkins.plugins.bluegreen.model.EnvironmentStatus.FAILED;
import static io.jenkins.plugins.bluegreen.model.EnvironmentStatus.LIVE;
import static io.jenkins.plugins.bluegreen.model.EnvironmentStatus.RETIRED;
import static io.jenkins.plugins.bluegreen.model.EnvironmentStatus.STANDBY;
import static io.jenkins.plugins.bluegreen.model.EnvironmentStatus.VERIFIED;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The one place that decides which changes of a service are legal. Every method returns the new state with one
 * more event, or throws {@link RefusedException} saying what state the service is in and what to do next.
 */
public final class StateMachine {

    private static final Set<EnvironmentStatus> VERIFIABLE = EnumSet.of(DEPLOYED, VERIFIED, FAILED, LIVE, STANDBY);
    private static final Set<EnvironmentStatus> FORCE_SWITCHABLE = EnumSet.of(DEPLOYED, VERIFIED, FAILED, STANDBY);
    /** Events after which the colour they name is live and the other one no longer takes traffic. */
    /** A deployment under way is not adopted: its body may be changing what that colour runs. */
    private static final Set<EnvironmentStatus> ADOPTABLE = EnumSet.of(EnvironmentStatus.EMPTY, DEPLOYED, VERIFIED, FAILED, RETIRED);
    private static final Set<EventType> TRAFFIC_MOVES =
            EnumSet.of(EventType.SWITCHED, EventType.ROLLED_BACK, EventType.AUTO_ROLLED_BACK, EventType.RECONCILED, EventType.ADOPTED);

    private StateMachine() {}

    /** Whether an event of this type moved which colour is live (or recorded which one is). */
    public static boolean movesTraffic(EventType type) {
        return TRAFFIC_MOVES.contains(type);
    }

    public static ServiceState startDeploy(
            ServiceState state, Color color, String version, List<String> urls, String actor, Instant at) {
        requireText("version", version);
        Environment target = state.environment(color);
        if (target.status() == LIVE) {
            throw new RefusedException(state.service() + ": " + target.describe()
                    + " is LIVE and serving traffic; deploy to the idle colour " + color.other().name() + " instead");
        }
        Environment deploying = new Environment(color, version, urls, DEPLOYING, null, at, actor);
        return state.apply(state.live(), new Event(EventType.DEPLOY_STARTED, color, version, actor, at,
                "deploying " + version + " to " + color.name()
                        + (target.status() == STANDBY ? ", replacing standby " + target.describe() : "")), deploying);
    }

    public static ServiceState finishDeploy(ServiceState state, Color color, String actor, Instant at) {
        Environment target = requireStatus(state, color, "finish a deployment", EnumSet.of(DEPLOYING));
        return state.apply(state.live(), new Event(EventType.DEPLOYED, color, target.version(), actor, at,
                target.version() + " deployed to " + color.name()), target.withStatus(DEPLOYED, at, actor));
    }

    public static ServiceState failDeploy(ServiceState state, Color color, String actor, Instant at, String error) {
        Environment target = requireStatus(state, color, "record a failed deployment", EnumSet.of(DEPLOYING));
        return state.apply(state.live(), new Event(EventType.DEPLOY_FAILED, color, target.version(), actor, at,
                "deployment of " + target.version() + " to " + color.name() + " failed: " + error),
                target.withStatus(FAILED, at, actor));
    }

    /**
     * Records a report. A successful report verifies a deployed colour, a failed one marks it FAILED; an error or
     * an inconclusive report leaves it unverified. Reports on a LIVE or STANDBY colour never change its status.
     */
    public static ServiceState recordVerification(ServiceState state, VerificationReport report, String actor, Instant at) {
        Environment target = requireStatus(state, report.color(), "verify it", VERIFIABLE);
        EnvironmentStatus next = switch (target.status()) {
            case LIVE, STANDBY -> target.status();
            default -> switch (report.outcome()) {
                case SUCCESSFUL -> VERIFIED;
                case FAILED -> FAILED;
                case ERROR, INCONCLUSIVE -> DEPLOYED;
            };
        };
        return state.apply(state.live(), new Event(EventType.VERIFIED, report.color(), target.version(), actor, at,
                "verification of " + target.describe() + ": " + report.outcome()),
                target.withReport(report, next, at, actor));
    }

    /**
     * Refuses a switch that the rules do not allow; does not change anything. A VERIFIED colour may go live. So may a
     * STANDBY colour (rolling forward again after a rollback) once a verification has passed on it since it last left
     * traffic: whatever made someone roll back from it, the switch needs fresh evidence. ({@code rollback} moves
     * traffic to the standby without one, as the instant undo it is.)
     */
    public static void checkSwitch(ServiceState state, Color target, boolean force) {
        checkSwitch(state, target, force, false);
    }

    /**
     * As {@link #checkSwitch(ServiceState, Color, boolean)}, for a switch a person is asked to approve: then a deployed
     * colour whose last verification was INCONCLUSIVE (every check passed, but something needs a person's eyes, such
     * as configuration drift under {@code drift: warn}) may go live too, once they approve (see
     * {@link #acceptedAtApproval}).
     */
    public static void checkSwitch(ServiceState state, Color target, boolean force, boolean personDecides) {
        Environment environment = state.environment(target);
        if (personDecides && state.live() != target && awaitsAPerson(environment)) {
            return;
        }
        if (state.live() == target) {
            throw new RefusedException(state.service() + ": " + environment.describe()
                    + " is already live; deploy and verify " + target.other().name() + " first");
        }
        if (mayGoLive(state, target)) {
            return;
        }
        if (force && FORCE_SWITCHABLE.contains(environment.status())) {
            return;
        }
        String nextStep = awaitsAPerson(environment) ? "its verification was INCONCLUSIVE, so a person must decide: switch"
                + " with an approval, verify again, or force the switch (recorded)" : nextStepBeforeSwitch(environment.status(), target);
        throw new RefusedException(state.service() + ": cannot switch to " + environment.describe() + " because it is "
                + environment.status() + "; " + nextStep);
    }

    private static boolean awaitsAPerson(Environment environment) {
        return environment.status() == DEPLOYED && environment.lastReport() != null
                && environment.lastReport().outcome() == Outcome.INCONCLUSIVE;
    }

    /**
     * Records that a person approved the switch to a colour whose last verification was INCONCLUSIVE: their approval
     * verifies it. Any other colour is left as it is.
     */
    public static ServiceState acceptedAtApproval(ServiceState state, Color target, String approver, Instant at) {
        Environment environment = state.environment(target);
        if (!awaitsAPerson(environment)) {
            return state;
        }
        return state.apply(state.live(), new Event(EventType.VERIFIED, target, environment.version(), approver, at,
                "verification of " + environment.describe() + ": INCONCLUSIVE, accepted by " + approver + " at the approval"),
                environment.withStatus(VERIFIED, at, approver));
    }

    /** Whether a switch to {@code target} needs no force: it is VERIFIED, or a STANDBY verified since it left traffic. */
    public static boolean mayGoLive(ServiceState state, Color target) {
        EnvironmentStatus status = state.environment(target).status();
        return state.live() != target
                && (status == VERIFIED || status == STANDBY && verifiedSinceItLeftTraffic(state, target));
    }

    private static String nextStepBeforeSwitch(EnvironmentStatus status, Color target) {
        return switch (status) {
            case EMPTY, RETIRED -> "deploy a version to " + target.name() + " and verify it first";
            case DEPLOYING -> "wait for the deployment to finish, then verify it";
            case STANDBY -> "it has not passed a verification since it left traffic. Verify it again, then switch"
                    + " (or roll back to it, which needs no verification, or force the switch, which is recorded)";
            case DEPLOYED, FAILED -> "verify it first (or force the switch, which is recorded)";
            default -> "verify it first";
        };
    }

    /**
     * Whether the last verification recorded for {@code color} came after the last event that took traffic away from
     * it (a switch, rollback or reconciliation that made the other colour live), and passed.
     */
    private static boolean verifiedSinceItLeftTraffic(ServiceState state, Color color) {
        List<Event> events = state.events();
        for (int i = events.size() - 1; i >= 0; i--) {
            Event event = events.get(i);
            if (event.type() == EventType.VERIFIED && event.color() == color) {
                VerificationReport report = state.environment(color).lastReport();
                return report != null && report.outcome() == Outcome.SUCCESSFUL;
            }
            if (TRAFFIC_MOVES.contains(event.type()) && event.color() == color.other()) {
                return false;
            }
        }
        return false;
    }

    /** Records a confirmed switch: the target becomes LIVE and the previous live colour STANDBY. */
    public static ServiceState switched(ServiceState state, Color target, boolean forced, String actor, Instant at, String detail) {
        checkSwitch(state, target, forced);
        Environment newLive = state.environment(target).withStatus(LIVE, at, actor);
        Environment old = state.environment(target.other());
        Environment newStandby = old.status() == LIVE ? old.withStatus(STANDBY, at, actor) : old;
        String text = "switched traffic to " + newLive.describe() + (forced ? " (forced, not verified)" : "")
                + (detail == null ? "" : "; " + detail);
        return state.apply(target, new Event(EventType.SWITCHED, target, newLive.version(), actor, at, text), newLive, newStandby);
    }

    /** Refuses a rollback when there is nothing to roll back to; does not change anything. */
    public static Color checkRollback(ServiceState state) {
        if (state.live() == null) {
            throw new RefusedException(state.service() + ": nothing is live yet, so there is nothing to roll back; "
                    + "switch to a verified colour first");
        }
        Environment standby = state.environment(state.live().other());
        if (standby.status() != STANDBY) {
            throw new RefusedException(state.service() + ": cannot roll back to " + standby.describe() + " because it is "
                    + standby.status() + "; only a STANDBY colour can take traffic back. Deploy, verify and switch instead");
        }
        return standby.color();
    }

    /** Records a confirmed rollback: the standby becomes LIVE, the previous live colour STANDBY. */
    public static ServiceState rolledBack(ServiceState state, EventType type, String actor, Instant at, String reason) {
        Color target = checkRollback(state);
        RollbackDirection direction = RollbackDirection.of(state, target);
        Environment newLive = state.environment(target).withStatus(LIVE, at, actor);
        Environment newStandby = state.environment(target.other()).withStatus(STANDBY, at, actor);
        return state.apply(target, new Event(type, target, newLive.version(), actor, at,
                direction.done() + " " + newLive.describe() + " from " + newStandby.describe()
                        + (reason == null || reason.isBlank() ? "" : ": " + reason)), newLive, newStandby);
    }

    /**
     * Records that a switch did not hold (the watch window saw failures) and the router was put back: the previous
     * colour is LIVE again and the colour that failed is marked FAILED.
     */
    public static ServiceState autoRolledBack(ServiceState state, Color failed, String actor, Instant at, String evidence) {
        requireStatus(state, failed, "roll back from it", EnumSet.of(LIVE));
        Environment restored = requireStatus(state, failed.other(), "roll back to it", EnumSet.of(STANDBY)).withStatus(LIVE, at, actor);
        Environment failedEnv = state.environment(failed).withStatus(FAILED, at, actor);
        return state.apply(restored.color(), new Event(EventType.AUTO_ROLLED_BACK, failed, failedEnv.version(), actor, at,
                "switch to " + failedEnv.describe() + " rolled back automatically to " + restored.describe() + ": " + evidence),
                failedEnv, restored);
    }

    public static ServiceState retired(ServiceState state, String actor, Instant at) {
        return retired(state, actor, at, null);
    }

    /** @param idleNote how long the standby was kept idle (and what that cost), for the audit trail; may be {@code null} */
    public static ServiceState retired(ServiceState state, String actor, Instant at, String idleNote) {
        if (state.live() == null) {
            throw new RefusedException(state.service() + ": nothing is live yet, so there is no standby to retire");
        }
        Environment standby = requireStatus(state, state.live().other(), "retire it", EnumSet.of(STANDBY));
        return state.apply(state.live(), new Event(EventType.RETIRED, standby.color(), standby.version(), actor, at,
                standby.describe() + " retired" + (idleNote == null ? "" : " " + idleNote) + "; rollback is no longer possible"),
                standby.withStatus(RETIRED, at, actor));
    }

    /**
     * Makes the record agree with what the router serves. Used after a crash or an unknown outcome; the colour
     * now served becomes LIVE and the other STANDBY if it held a version.
     */
    public static ServiceState reconciled(ServiceState state, Color observed, String actor, Instant at) {
        Environment newLive = state.environment(observed).withStatus(LIVE, at, actor);
        Environment other = state.environment(observed.other());
        Environment newOther = other.status() == LIVE ? other.withStatus(STANDBY, at, actor) : other;
        return state.apply(observed, new Event(EventType.RECONCILED, observed, newLive.version(), actor, at,
                "record corrected: the router serves " + observed.name() + " but the record said "
                        + (state.live() == null ? "nothing was live" : state.live().name() + " was live")),
                newLive, newOther);
    }

    /**
     * Takes over a service that was already running before anything was recorded: {@code served} is the colour the
     * router serves (or, when the router could not be read, the one the caller vouches for), recorded as LIVE
     * running {@code version} when the caller knows it. From here on the other colour is the idle one.
     */
    public static ServiceState adopted(ServiceState state, Color served, String version, String actor, Instant at, String evidence) {
        if (state.live() != null) {
            throw new RefusedException(state.service() + ": " + state.liveEnvironment().describe() + " is already recorded as live;"
                    + " only a service with no recorded live colour can be adopted. Run 'reconcile' if the router disagrees");
        }
        Environment before = requireStatus(state, served, "adopt it as live", ADOPTABLE);
        String runningVersion = version != null && !version.isBlank() ? version : before.version();
        Environment live = new Environment(served, runningVersion, before.urls(), LIVE, before.lastReport(), at, actor);
        return state.apply(served, new Event(EventType.ADOPTED, served, runningVersion, actor, at,
                "adopted " + live.describe() + " as live, as found: " + evidence), live);
    }

    /** Records the answer TTL lowered (or, with {@code confirmedAt} still null, lowered on only some servers). */
    public static ServiceState ttlLowered(ServiceState state, LoweredTtl lowered, String actor, Instant at, String detail) {
        return state.withLoweredTtl(lowered, new Event(EventType.TTL_LOWERED, state.live(), null, actor, at, detail));
    }

    /** Records the original answer TTL given back; refused while a standby could still take traffic back. */
    public static ServiceState ttlRestored(ServiceState state, String actor, Instant at, String detail) {
        Color standby = state.live() == null ? null : state.live().other();
        if (standby != null && state.environment(standby).status() == STANDBY) {
            throw new RefusedException(state.service() + ": " + state.environment(standby).describe() + " is STANDBY, so a"
                    + " rollback may still be needed and must converge within the lowered TTL; retire it first");
        }
        return state.withLoweredTtl(null, new Event(EventType.TTL_RESTORED, state.live(), null, actor, at, detail));
    }

    private static Environment requireStatus(ServiceState state, Color color, String action, Set<EnvironmentStatus> allowed) {
        Environment environment = state.environment(color);
        if (!allowed.contains(environment.status())) {
            throw new RefusedException(state.service() + ": cannot " + action + " on " + environment.describe()
                    + " because it is " + environment.status() + "; that needs " + describe(allowed));
        }
        return environment;
    }

    private static String describe(Set<EnvironmentStatus> statuses) {
        return statuses.size() == 1 ? statuses.iterator().next().name() : "one of " + statuses;
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new BadInputException(field, "must not be empty; give the version you are deploying, e.g. '1.4.2'");
        }
    }
}
