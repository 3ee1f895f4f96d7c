package io.jenkins.plugins.bluegreen.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything recorded about one service. Immutable: every change goes through {@link StateMachine} and yields a new
 * value with one more event.
 *
 * @param revision the store's revision this value was read at; a save with a stale revision is refused
 * @param live the colour the router serves, or {@code null} before the first switch
 * @param events the audit trail, oldest first
 * @param loweredTtl the answer TTL lowered for switching (a DNS router), or {@code null} while it is as it was
 */
public record ServiceState(
        String service, long revision, Color live, Environment blue, Environment green, List<Event> events,
        LoweredTtl loweredTtl) {

    public ServiceState {
        events = List.copyOf(events);
    }

    public static ServiceState initial(String service) {
        return new ServiceState(service, 0, null, Environment.empty(Color.BLUE), Environment.empty(Color.GREEN), List.of(), null);
    }

    public Environment environment(Color color) {
        return color == Color.BLUE ? blue : green;
    }

    /** The colour that takes the next deployment: the one not live (BLUE before the first switch). */
    public Color idle() {
        return live == null ? Color.BLUE : live.other();
    }

    public Environment liveEnvironment() {
        return live == null ? null : environment(live);
    }

    /** Replaces the given environments (matched by colour), sets the live colour and appends the event. */
    ServiceState apply(Color newLive, Event event, Environment... changed) {
        Environment newBlue = blue;
        Environment newGreen = green;
        for (Environment environment : changed) {
            if (environment.color() == Color.BLUE) {
                newBlue = environment;
            } else {
                newGreen = environment;
            }
        }
        return new ServiceState(service, revision, newLive, newBlue, newGreen, appended(event), loweredTtl);
    }

    private List<Event> appended(Event event) {
        List<Event> appended = new ArrayList<>(events);
        appended.add(event);
        return appended;
    }

    public ServiceState withRevision(long newRevision) {
        return new ServiceState(service, newRevision, live, blue, green, events, loweredTtl);
    }

    /** Records a new answer TTL ({@code null}: as it was before it was lowered) and appends the event. */
    ServiceState withLoweredTtl(LoweredTtl newLoweredTtl, Event event) {
        return new ServiceState(service, revision, live, blue, green, appended(event), newLoweredTtl);
    }

    /** Appends an event without changing any environment (approvals, drills, drift). */
    public ServiceState record(Event event) {
        return apply(live, event);
    }
}
