package io.jenkins.plugins.bluegreen.watch;

import io.jenkins.plugins.bluegreen.model.Color;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * What every probe saw through one switch window, and the figures derived from it.
 *
 * @param switchAtMillis when the switch call was made, relative to {@code startedAt}
 * @param samples every probe, in the order sent
 */
public record SwitchReport(String service, Color from, Color to, Instant startedAt, long switchAtMillis, List<ProbeSample> samples) {

    public SwitchReport {
        samples = List.copyOf(samples);
    }

    public long failures() {
        return samples.stream().filter(ProbeSample::failed).count();
    }

    /** Milliseconds from the switch call to the first probe answered by the new colour, or -1 if none was. */
    public long timeToFirstNewMillis() {
        return samples.stream()
                .filter(s -> s.atMillis() >= switchAtMillis && s.color() == to)
                .mapToLong(s -> s.atMillis() - switchAtMillis)
                .findFirst()
                .orElse(-1);
    }

    /**
     * Milliseconds from the switch call to the first probe after which every answered probe came from the new
     * colour, or -1 if traffic never settled on it.
     */
    public long timeToAllNewMillis() {
        long settledAt = -1;
        for (ProbeSample sample : samples) {
            if (sample.atMillis() < switchAtMillis || sample.failed()) {
                continue;
            }
            if (sample.color() == to) {
                if (settledAt < 0) {
                    settledAt = sample.atMillis();
                }
            } else {
                settledAt = -1;
            }
        }
        return settledAt < 0 ? -1 : settledAt - switchAtMillis;
    }

    /** Share of answered probes after the switch that came from the new colour, 0.0 to 1.0. */
    public double newColorShareAfterSwitch() {
        long answered = samples.stream().filter(s -> s.atMillis() >= switchAtMillis && !s.failed()).count();
        long onNew = samples.stream().filter(s -> s.atMillis() >= switchAtMillis && !s.failed() && s.color() == to).count();
        return answered == 0 ? 0.0 : (double) onNew / answered;
    }

    public double p99LatencyMillis() {
        long[] latencies = samples.stream().filter(s -> !s.failed()).mapToLong(ProbeSample::latencyMicros).toArray();
        if (latencies.length == 0) {
            return 0;
        }
        Arrays.sort(latencies);
        int index = (int) Math.ceil(latencies.length * 0.99) - 1;
        return latencies[Math.max(0, index)] / 1000.0;
    }

    /** One line for logs: probes, failures, time to 100% new, p99. */
    public String summary() {
        return String.format("%s -> %s: %d probes, %d failed, first new after %d ms, 100%% new after %d ms, p99 %.1f ms",
                from == null ? "none" : from.name(), to.name(), samples.size(), failures(), timeToFirstNewMillis(),
                timeToAllNewMillis(), p99LatencyMillis());
    }
}
