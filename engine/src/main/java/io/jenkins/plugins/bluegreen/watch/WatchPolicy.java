package io.jenkins.plugins.bluegreen.watch;

import io.jenkins.plugins.bluegreen.model.BadInputException;
import java.time.Duration;

/**
 * How the public URL is watched through a switch.
 *
 * @param window how long to keep probing after the switch call returns
 * @param probesPerSecond probe rate
 * @param maxFailures failed probes tolerated; more switch traffic back automatically when {@code autoRollback}
 */
public record WatchPolicy(Duration window, int probesPerSecond, int maxFailures, boolean autoRollback) {

    public WatchPolicy {
        if (window == null || window.isNegative()) {
            throw new BadInputException("watch", "the watch window must be zero or positive, e.g. '60s'");
        }
        if (probesPerSecond < 1 || probesPerSecond > 1000) {
            throw new BadInputException("watch.probesPerSecond", probesPerSecond + " is out of range; use 1 to 1000");
        }
        if (maxFailures < 0) {
            throw new BadInputException("watch.maxFailures", "must be 0 or more; 0 means any failed probe rolls back");
        }
    }

    /** Zero failed probes as the bar, with automatic rollback. */
    public static WatchPolicy of(Duration window) {
        return new WatchPolicy(window, 50, 0, true);
    }

    public static WatchPolicy none() {
        return new WatchPolicy(Duration.ZERO, 50, 0, false);
    }
}
