package io.jenkins.plugins.bluegreen.cli.output;

import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.watch.Probe;
import io.jenkins.plugins.bluegreen.watch.ProbeSample;
import java.util.ArrayDeque;
import java.util.Deque;

/** Counts the engine's watch probes as they happen, for the progress line; the engine keeps the real report. */
public final class ProbeTally {

    private static final int RECENT = 20;

    private final Deque<Color> recent = new ArrayDeque<>();
    private long probes;
    private long failed;

    public Probe wrap(Probe probe) {
        return atMillis -> {
            ProbeSample sample = probe.probe(atMillis);
            record(sample);
            return sample;
        };
    }

    private synchronized void record(ProbeSample sample) {
        probes++;
        if (sample.failed()) {
            failed++;
            return;
        }
        recent.addLast(sample.color());
        if (recent.size() > RECENT) {
            recent.removeFirst();
        }
    }

    /** e.g. {@code probes 240, failed 0, last 20: green 100%}. */
    public synchronized String describe() {
        StringBuilder line = new StringBuilder("probes " + probes + ", failed " + failed);
        if (!recent.isEmpty()) {
            line.append(", last ").append(recent.size()).append(':');
            for (Color color : Color.values()) {
                long share = recent.stream().filter(c -> c == color).count() * 100 / recent.size();
                line.append(' ').append(color.label()).append(' ').append(share).append('%');
            }
        }
        return line.toString();
    }
}
