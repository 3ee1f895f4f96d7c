package io.jenkins.plugins.bluegreen.verify.drift;

import io.jenkins.plugins.bluegreen.model.CheckResult;
import io.jenkins.plugins.bluegreen.model.ConfigDrift;
import io.jenkins.plugins.bluegreen.model.Outcome;
import io.jenkins.plugins.bluegreen.verify.CheckTarget;
import okhttp3.OkHttpClient;

/**
 * The configuration comparison as a step of verification: reads both colours' fingerprints, compares them, and
 * judges the difference by the drift policy. A colour that cannot be read is ERROR (nothing was compared), never
 * SUCCESSFUL. Never throws.
 */
public final class DriftCheck {

    /**
     * @param check what the verification report lists, with the outcome
     * @param drift the comparison, or {@code null} when a colour could not be read
     */
    public record Result(CheckResult check, ConfigDrift drift) {}

    private DriftCheck() {}

    /** The check's display name, e.g. {@code configuration drift vs live BLUE}. */
    public static String name(CheckTarget live) {
        return "configuration drift vs live " + live.color().name();
    }

    public static Result run(FingerprintSettings settings, CheckTarget live, CheckTarget idle, OkHttpClient http) {
        long start = System.nanoTime();
        ConfigDrift drift;
        try {
            drift = settings.compare(live.color(), settings.read(live, http), idle.color(), settings.read(idle, http));
        } catch (FingerprintException e) {
            return new Result(new CheckResult(name(live), Outcome.ERROR, "could not compare the configurations ("
                    + settings.describeSource() + "): " + e.getMessage(), 2, millisSince(start)), null);
        } catch (RuntimeException e) {
            return new Result(new CheckResult(name(live), Outcome.ERROR, "the comparison itself failed: " + e, 2, millisSince(start)), null);
        }
        if (!drift.drifted()) {
            return new Result(new CheckResult(name(live), Outcome.SUCCESSFUL, "no drift: " + drift.keysCompared()
                    + " keys are the same on " + idle.color().name() + " and " + live.color().name() + " (keys expected to"
                    + " differ left out: " + String.join(", ", settings.expectedToDiffer()) + ")", 2, millisSince(start)), drift);
        }
        Outcome outcome = settings.drift().outcomeOfDrift();
        String consequence = outcome == Outcome.FAILED ? "drift: fail" : "drift: warn, so a person decides at the approval";
        return new Result(new CheckResult(name(live), outcome, drift.differences().size() + " of " + drift.keysCompared()
                + " keys differ between " + idle.color().name() + " and live " + live.color().name() + ": " + drift.keyNames()
                + " (" + consequence + ")", 2, millisSince(start)), drift);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
