package io.jenkins.plugins.bluegreen.driver;

import io.jenkins.plugins.bluegreen.model.Color;
import java.util.Optional;

/**
 * Optional driver capability: a router that can switch new sessions to the new colour while requests whose cookie
 * pins them to the old colour keep going there ({@code sessions: drain}). The old colour must not count as served
 * while it drains: {@link TrafficDriver#observeLive()} reads back the new colour alone, so the record never claims
 * what new sessions do not get.
 */
public interface SessionDrain {

    /**
     * Why this router, as configured, cannot drain sessions under {@code policy}; empty when it can. Asked when the
     * service is defined, so a router that cannot do it is refused before any switch.
     */
    Optional<String> sessionDrainRefusal(SessionPolicy policy);

    /** Sends new sessions to {@code to}; sessions pinned to the other colour by the policy's cookie stay there. */
    void switchKeepingSessions(Color to, SessionPolicy policy);

    /** What the draining colour has served so far; read at every sample of the drain. */
    OldColorTraffic oldColorTraffic(Color draining);

    /** Ends the drain: {@code draining} gets no request any more, pinned or not. */
    void endDrain(Color draining);

    /**
     * @param requests requests the colour has served since the router started (a counter: only its growth matters)
     * @param inFlight requests it is serving now
     */
    record OldColorTraffic(long requests, long inFlight) {}
}
