package io.jenkins.plugins.bluegreen.watch;

import io.jenkins.plugins.bluegreen.model.Color;

/**
 * The probes of one time slice of a switch window, by who answered them.
 *
 * @param fromMillis start of the slice (inclusive), relative to the switch call
 * @param toMillis end of the slice (exclusive), relative to the switch call
 * @param blue probes answered by BLUE
 * @param green probes answered by GREEN
 * @param unknown probes answered without a readable colour
 * @param failed probes that failed, whoever answered them
 */
public record TrafficBucket(long fromMillis, long toMillis, int blue, int green, int unknown, int failed) {

    public int total() {
        return blue + green + unknown + failed;
    }

    /** Share of this slice's probes answered (without failing) by the colour, 0.0 to 1.0; 0 for an empty slice. */
    public double share(Color color) {
        return fraction(color == Color.BLUE ? blue : green);
    }

    public double unknownShare() {
        return fraction(unknown);
    }

    public double failedShare() {
        return fraction(failed);
    }

    private double fraction(int count) {
        return total() == 0 ? 0.0 : (double) count / total();
    }
}
