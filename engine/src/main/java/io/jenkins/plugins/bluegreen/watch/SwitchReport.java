package io.jenkins.plugins.bluegreen.watch;

import io.jenkins.plugins.bluegreen.model.Color;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What every probe saw through one switch window, and the figures derived from it.
 *
 * @param switchAtMillis when the switch call was made, relative to {@code startedAt}
 * @param samples every probe, in the order sent
 */
public record SwitchReport(String service, Color from, Color to, Instant startedAt, long switchAtMillis, List<ProbeSample> samples) {

    // Bucket counters: the colours use their ordinals (0, 1), then these two.
    private static final int UNKNOWN_SLOT = Color.values().length;
    private static final int FAILED_SLOT = UNKNOWN_SLOT + 1;
    private static final int SLOTS = FAILED_SLOT + 1;

    /** One headline figure of a switch window, for the timeline's caption and the report page. */
    public record Figure(String label, String value) {}

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

    /** Whether the switch call was noted; without it, times count from the start of the window. */
    public boolean switchMarked() {
        return switchAtMillis >= 0;
    }

    /** When the sample was sent, relative to the switch call (or to the start of the window when none was noted). */
    public long relativeMillis(ProbeSample sample) {
        return sample.atMillis() - Math.max(0, switchAtMillis);
    }

    /**
     * The window cut into equal slices of a round width (1, 2 or 5 times a power of ten milliseconds), at most
     * {@code maxCount} of them, with a boundary at the switch call so that no slice mixes before and after.
     * Empty when there are no samples.
     */
    public List<TrafficBucket> buckets(int maxCount) {
        if (samples.isEmpty()) {
            return List.of();
        }
        long first = Math.min(0, samples.stream().mapToLong(this::relativeMillis).min().orElseThrow());
        long last = Math.max(0, samples.stream().mapToLong(this::relativeMillis).max().orElseThrow());
        long width = roundStep(first, last, maxCount);
        long firstIndex = Math.floorDiv(first, width);
        int count = (int) (Math.floorDiv(last, width) - firstIndex + 1);
        int[][] counts = new int[count][SLOTS];
        for (ProbeSample sample : samples) {
            int[] slot = counts[(int) (Math.floorDiv(relativeMillis(sample), width) - firstIndex)];
            slot[sample.failed() ? FAILED_SLOT : sample.color() == null ? UNKNOWN_SLOT : sample.color().ordinal()]++;
        }
        List<TrafficBucket> buckets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long from = (firstIndex + i) * width;
            int[] slot = counts[i];
            buckets.add(new TrafficBucket(from, from + width, slot[Color.BLUE.ordinal()], slot[Color.GREEN.ordinal()],
                    slot[UNKNOWN_SLOT], slot[FAILED_SLOT]));
        }
        return buckets;
    }

    /**
     * The smallest of 1, 2, 5, 10, 20, 50... milliseconds that cuts {@code [first, last]} into at most
     * {@code maxCount} slices aligned on multiples of it; also used for the timeline's axis ticks.
     */
    static long roundStep(long first, long last, int maxCount) {
        if (maxCount < 1) {
            throw new IllegalArgumentException("maxCount must be at least 1, was " + maxCount);
        }
        long[] mantissas = {1, 2, 5};
        for (long power = 1; ; power *= 10) {
            for (long mantissa : mantissas) {
                long step = mantissa * power;
                if (Math.floorDiv(last, step) - Math.floorDiv(first, step) + 1 <= maxCount) {
                    return step;
                }
            }
        }
    }

    /** Probes, failures, time to the first and to 100% new, p99 latency, as display text. */
    public List<Figure> figures() {
        String target = to == null ? "new colour" : to.name();
        return List.of(
                new Figure("probes", Long.toString(samples.size())),
                new Figure("failed", Long.toString(failures())),
                new Figure("first on " + target, afterSwitch(timeToFirstNewMillis())),
                new Figure("100% on " + target, afterSwitch(timeToAllNewMillis())),
                new Figure("p99 latency", failures() == samples.size()
                        ? "none answered" : String.format(Locale.ROOT, "%.1f ms", p99LatencyMillis())));
    }

    private static String afterSwitch(long millis) {
        return millis < 0 ? "never" : signedMillis(millis) + " ms";
    }

    /** {@code +120}, {@code 0} or {@code -40}: a time relative to the switch call, as the report shows it. */
    public static String signedMillis(long millis) {
        return millis > 0 ? "+" + millis : Long.toString(millis);
    }

    /**
     * One line for logs: probes, failures, when the new colour first answered and took all traffic (or that it never
     * did), p99.
     */
    public String summary() {
        long first = timeToFirstNewMillis();
        long all = timeToAllNewMillis();
        String cutover = first < 0 ? to.name() + " never answered"
                : "first " + to.name() + " after " + first + " ms, " + (all < 0 ? "never 100% " + to.name() : "100% " + to.name() + " after " + all + " ms");
        return String.format(Locale.ROOT, "%s -> %s: %d probes, %d failed, %s, p99 %.1f ms", from == null ? "none" : from.name(), to.name(),
                samples.size(), failures(), cutover, p99LatencyMillis());
    }

    /** The first {@code limit} failed probes, e.g. {@code at -20 ms HTTP 500; at +40 ms connection refused}: the evidence of a rollback. */
    public String firstFailures(int limit) {
        return samples.stream().filter(ProbeSample::failed).limit(limit)
                .map(s -> "at " + signedMillis(relativeMillis(s)) + " ms " + (s.error() != null ? s.error() : "HTTP " + s.status()))
                .collect(Collectors.joining("; "));
    }
}
