package io.jenkins.plugins.bluegreen.view;

import io.jenkins.plugins.bluegreen.model.Event;

/**
 * One audit-trail entry as the UI shows it; absent values are empty strings.
 *
 * @param type the event type's name, e.g. {@code SWITCHED}
 * @param color the colour it concerns in lower case, for a CSS class or icon name
 * @param at when it happened, ISO-8601 in UTC
 */
public record EventView(String type, String color, String version, String actor, String at, String detail) {

    static EventView of(Event event) {
        return new EventView(event.type().name(), Texts.color(event.color()), Texts.orEmpty(event.version()),
                Texts.orEmpty(event.actor()), Texts.iso(event.at()), Texts.orEmpty(event.detail()));
    }
}
