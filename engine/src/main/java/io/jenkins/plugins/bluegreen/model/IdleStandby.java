package io.jenkins.plugins.bluegreen.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The standby colour as the idle side that costs money: since when it has been kept, until when the keep-old window
 * holds it, whether {@code retire} is due, and what it has cost so far.
 *
 * @param since when traffic last left it (the switch or rollback that made the other colour live)
 * @param keepOldUntil when the keep-old window ends and {@code retire} may remove it, to the second
 * @param cost what it has cost since {@code since}, or {@code null} when no idle cost is configured
 */
public record IdleStandby(Environment standby, Instant since, Duration idleFor, Instant keepOldUntil, boolean retireDue,
        IdleCost idleCost, BigDecimal cost) {

    /** Events after which the colour they name serves traffic and the other one is idle. */
    private static final Set<EventType> TRAFFIC_TO = EnumSet.of(EventType.SWITCHED, EventType.ROLLED_BACK, EventType.RECONCILED);

    /** The standby of {@code state} at {@code now}, or empty when there is none (nothing live, retired, failed). */
    public static Optional<IdleStandby> of(ServiceState state, Duration keepOld, IdleCost idleCost, Instant now) {
        if (state.live() == null || state.environment(state.live().other()).status() != EnvironmentStatus.STANDBY) {
            return Optional.empty();
        }
        Environment standby = state.environment(state.live().other());
        Instant since = idleSince(state.events(), state.live()).orElse(standby.updatedAt() == null ? now : standby.updatedAt());
        Duration idle = since.isAfter(now) ? Duration.ZERO : Duration.between(since, now);
        Instant until = since.plus(keepOld).truncatedTo(ChronoUnit.SECONDS);
        return Optional.of(new IdleStandby(standby, since, idle, until, !now.isBefore(since.plus(keepOld)), idleCost,
                idleCost == null ? null : idleCost.accrued(idle)));
    }

    /** The moment the newest event moved traffic to {@code live}: the other colour has been idle since. */
    private static Optional<Instant> idleSince(List<Event> events, Color live) {
        for (int i = events.size() - 1; i >= 0; i--) {
            Event event = events.get(i);
            if (TRAFFIC_TO.contains(event.type()) && event.color() == live) {
                return Optional.of(event.at());
            }
        }
        return Optional.empty();
    }

    /**
     * {@code BLUE (1.0) standby for 2h 5m; keep-old window ended 2026-11-22T07:00:00Z: retire is due; idle cost 5.21 EUR
     * (2.50 EUR/h)}.
     */
    public String describe() {
        String window = retireDue
                ? "keep-old window ended " + keepOldUntil + ": retire is due (run 'retire')"
                : "kept until " + keepOldUntil + " (keep-old window); retire is not due yet";
        return standby.describe() + " standby for " + Durations.describe(idleFor) + "; " + window + costText();
    }

    /** {@code ; idle cost 5.21 EUR (2.50 EUR/h)}, or nothing when no cost is configured. */
    public String costText() {
        return idleCost == null ? "" : "; idle cost " + idleCost.format(cost) + " (" + idleCost + ")";
    }
}
