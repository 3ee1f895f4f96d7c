package io.jenkins.plugins.bluegreen.model;

import java.time.Duration;
import java.time.Instant;

/**
 * The TTL of a cached answer (DNS) lowered before a switch, so that caches converge on the switch within
 * {@code lowered} instead of {@code original}.
 *
 * @param original the TTL before it was lowered; given back once no rollback can be needed any more
 * @param lowered the TTL switches and rollbacks use
 * @param confirmedAt when every server was seen serving the lowered TTL, or {@code null} when not all of them were;
 *        answers cached before then, with the original TTL, may live until {@link #oldAnswersExpireAt()}
 */
public record LoweredTtl(Duration original, Duration lowered, Instant confirmedAt) {

    public Instant oldAnswersExpireAt() {
        return confirmedAt == null ? null : confirmedAt.plus(original);
    }
}
