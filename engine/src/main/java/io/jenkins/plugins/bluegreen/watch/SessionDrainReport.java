package io.jenkins.plugins.bluegreen.watch;

import io.jenkins.plugins.bluegreen.driver.SessionPolicy;
import io.jenkins.plugins.bluegreen.model.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the old colour served while sessions pinned to it drained after a switch, and how the drain ended.
 *
 * @param draining the old colour
 * @param samples the router's counters for the old colour, from the switch on
 * @param lastOldRequestMillis when the old colour was last seen serving a request, relative to the switch call; -1 if
 *        it served none after the switch
 * @param ending why the drain ended
 * @param endedAtMillis when it ended, relative to the switch call
 * @param detail more about the ending (the error that abandoned it), or {@code null}
 */
public record SessionDrainReport(Color draining, SessionPolicy policy, List<Sample> samples, long lastOldRequestMillis,
        Ending ending, long endedAtMillis, String detail) {

    /**
     * One reading of the old colour's counters.
     *
     * @param atMillis when, relative to the switch call
     * @param requests requests it served since the previous reading (pinned sessions: new ones go to the new colour)
     * @param inFlight requests it was serving at that moment
     * @param error why the counters could not be read, or {@code null}
     */
    public record Sample(long atMillis, long requests, long inFlight, String error) {}

    /** Why a drain ended. */
    public enum Ending {
        PERIOD_ENDED("the drain period ended"),
        IDLE("no request reached the old colour for the idle interval"),
        ROLLED_BACK("traffic moved again (a rollback) before the drain ended, which cancelled it; the old colour was left as that move set it"),
        ABANDONED("the drain could not be ended; the old colour still serves the sessions pinned to it until the next switch or rollback");

        private final String description;

        Ending(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public SessionDrainReport {
        samples = List.copyOf(samples);
    }

    /** Requests the old colour served after the switch: the sessions that were pinned to it. */
    public long oldRequests() {
        return samples.stream().mapToLong(Sample::requests).sum();
    }

    /**
     * Requests the old colour served in each second after the switch (index 0 is the first second): how many pinned
     * sessions were still using it over time.
     */
    public List<Long> oldRequestsPerSecond() {
        List<Long> perSecond = new ArrayList<>();
        for (Sample sample : samples) {
            int second = (int) Math.max(0, (sample.atMillis() - 1) / 1000);
            while (perSecond.size() <= second) {
                perSecond.add(0L);
            }
            perSecond.set(second, perSecond.get(second) + sample.requests());
        }
        return perSecond;
    }

    /** One line for logs and the command's output. */
    public String summary() {
        String last = lastOldRequestMillis < 0 ? "none after the switch" : "the last at +" + lastOldRequestMillis + " ms";
        return String.format(Locale.ROOT, "%s (%s): %d requests from pinned sessions, %s; ended at +%d ms: %s%s; per second: %s",
                ending == Ending.PERIOD_ENDED || ending == Ending.IDLE ? draining.name() + " drained" : "drain of " + draining.name() + " "
                        + (ending == Ending.ROLLED_BACK ? "cancelled" : "abandoned"),
                policy.describe(), oldRequests(), last, endedAtMillis, ending.description(),
                detail == null ? "" : " (" + detail + ")", oldRequestsPerSecond());
    }
}
