package io.jenkins.plugins.bluegreen.driver;

import java.time.Duration;

/**
 * Optional driver capability: a router whose answers clients keep for a time to live (DNS). A switch reaches a
 * client only once its cached answer expires, so the engine lowers the TTL before the switch ({@code prepare}), waits
 * the old TTL out, switches with {@link #switchTtl()} and restores the TTL when no rollback can be needed any more.
 */
public interface CachedAnswers {

    /** The TTL switches and rollbacks give the answer; caches converge on a switch within it. */
    Duration switchTtl();

    /** The longest TTL any of the router's servers gives the answer now. */
    Duration servedTtl();

    /** Gives the answer that is served now the TTL {@code ttl}, changing nothing else; returns once it is sent. */
    void setTtl(Duration ttl);
}
