package io.jenkins.plugins.bluegreen.jenkins.targets;

import hudson.ExtensionList;
import hudson.ExtensionPoint;
import io.jenkins.plugins.bluegreen.model.Color;

/**
 * The colour the record says a service serves. The noop router has no memory outside the controller, so after a
 * restart it starts from this colour, as a real router would still serve it; the state store provides it.
 */
public interface RecordedLiveColor extends ExtensionPoint {

    /** The recorded live colour of {@code service}, or {@code null} when nothing is recorded. */
    Color of(String service);

    static Color lookup(String service) {
        return ExtensionList.lookupSingleton(RecordedLiveColor.class).of(service);
    }
}
