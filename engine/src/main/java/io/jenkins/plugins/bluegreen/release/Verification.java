package io.jenkins.plugins.bluegreen.release;

import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Environment;
import io.jenkins.plugins.bluegreen.model.Event;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.model.RefusedException;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.model.StateMachine;
import io.jenkins.plugins.bluegreen.model.VerificationReport;
import io.jenkins.plugins.bluegreen.release.Results.Verified;
import io.jenkins.plugins.bluegreen.verify.Check;
import io.jenkins.plugins.bluegreen.verify.CheckTarget;
import io.jenkins.plugins.bluegreen.verify.Verifier;
import io.jenkins.plugins.bluegreen.verify.VerifyTarget;
import io.jenkins.plugins.bluegreen.verify.drift.DriftCheck;
import io.jenkins.plugins.bluegreen.verify.drift.DriftPolicy;
import io.jenkins.plugins.bluegreen.verify.drift.FingerprintSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifying colours: runs the checks against them and, when the service has a fingerprint, compares the idle
 * colour's configuration with the live one's. The checks run outside the lease; only recording the reports takes it.
 */
record Verification(ReleaseContext context) {

    Verified verify(ServiceDefinition def, List<Check> checks, VerifyTarget which, String actor) {
        if (checks.isEmpty()) {
            throw new BadInputException("checks", "no checks given; add at least one http or warm-up check");
        }
        ServiceState state = context.store().load(def.name());
        List<CheckTarget> targets = new ArrayList<>();
        for (Color color : colours(state, which)) {
            CheckTarget target = checkTarget(def, state, color);
            if (target.baseUrl() == null) {
                throw new BadInputException("urls." + color.label(), "no URL is known for " + color.name()
                        + "; configure the environment's URL so it can be checked");
            }
            targets.add(target);
        }
        if (context.planning()) {
            targets.forEach(t -> checks.forEach(c -> context.plan("run check '" + c.name() + "' against " + t.color().name() + " at " + t.baseUrl())));
            compareConfigurations(def, state, targets, List.of());
            return new Verified(List.of(), state);
        }
        List<VerificationReport> reports = compareConfigurations(def, state, targets,
                new Verifier(context.http(), context.clock()).run(checks, targets));
        return context.underLease(def, actor, () -> {
            ServiceState next = context.store().load(def.name());
            for (VerificationReport report : reports) {
                next = StateMachine.recordVerification(next, report, actor, context.clock().instant());
                context.log().info(def.name() + ": verification of " + report.color().name() + ": " + report.outcome());
                report.checks().forEach(c -> context.log().info("  " + c.outcome() + "  " + c.name() + ": " + c.detail()));
                if (report.configDrift() != null && report.configDrift().drifted()) {
                    next = next.record(new Event(EventType.DRIFT_FOUND, report.configDrift().idle(),
                            next.environment(report.configDrift().idle()).version(), actor, context.clock().instant(),
                            driftEventDetail(def, next, report)));
                }
            }
            return new Verified(reports, context.store().save(next));
        });
    }

    /** The colour, its version and its first URL ({@code null} when none is known). */
    private static CheckTarget checkTarget(ServiceDefinition def, ServiceState state, Color color) {
        Environment environment = state.environment(color);
        String url = environment.previewUrl() != null ? environment.previewUrl()
                : def.urls(color).isEmpty() ? null : def.urls(color).get(0);
        return new CheckTarget(def.name(), color, environment.version(), url);
    }

    /**
     * Reads both colours' configurations and compares them, adding the result to the report of the idle colour (or,
     * when only the live colour is verified, to the live one's). Needs a live colour to compare with; {@code drift:
     * ignore} reads nothing.
     */
    private List<VerificationReport> compareConfigurations(ServiceDefinition def, ServiceState state, List<CheckTarget> targets,
            List<VerificationReport> reports) {
        FingerprintSettings fingerprint = def.fingerprint();
        if (fingerprint == null) {
            return reports;
        }
        if (fingerprint.drift() == DriftPolicy.IGNORE || state.live() == null) {
            context.log().info(def.name() + ": configuration drift not compared: " + (state.live() == null ? "nothing is live yet"
                    : "drift: ignore"));
            return reports;
        }
        CheckTarget live = checkTarget(def, state, state.live());
        CheckTarget idle = checkTarget(def, state, state.idle());
        if (context.planning()) {
            context.plan("read the configuration of " + idle.color().name() + " and of live " + live.color().name() + " ("
                    + fingerprint.describeSource() + ") and compare them; drift: " + fingerprint.drift().label());
            return reports;
        }
        DriftCheck.Result comparison = DriftCheck.run(fingerprint, live, idle, context.http());
        Color judged = targets.stream().anyMatch(t -> t.color() == idle.color()) ? idle.color() : live.color();
        return reports.stream().map(report -> report.color() == judged
                ? report.withConfigComparison(comparison.check(), comparison.drift()) : report).toList();
    }

    /** The audit trail's sentence: which keys differ, never their values. */
    private static String driftEventDetail(ServiceDefinition def, ServiceState state, VerificationReport report) {
        var drift = report.configDrift();
        return "configuration of " + state.environment(drift.idle()).describe() + " differs from live "
                + state.environment(drift.live()).describe() + " in " + drift.differences().size() + " of " + drift.keysCompared()
                + " keys: " + drift.keyNames() + " (drift: " + def.fingerprint().drift().label() + ")";
    }

    private static List<Color> colours(ServiceState state, VerifyTarget which) {
        if (which != VerifyTarget.IDLE && state.live() == null) {
            throw new RefusedException(state.service() + ": nothing is live yet, so target '" + which.name().toLowerCase()
                    + "' has nothing to check; use target 'idle' before the first switch");
        }
        return switch (which) {
            case IDLE -> List.of(state.idle());
            case LIVE -> List.of(state.live());
            case BOTH -> List.of(state.idle(), state.live());
        };
    }
}
