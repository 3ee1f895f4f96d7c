package io.jenkins.plugins.bluegreen.watch;

import io.jenkins.plugins.bluegreen.model.Color;

/**
 * One request through the public URL during a switch window.
 *
 * @param atMillis when it was sent, relative to the start of the window
 * @param color the colour that answered, read from the marker; {@code null} when unknown
 * @param status the HTTP status, or 0 when no response came
 * @param latencyMicros time to the full response
 * @param error why it failed, or {@code null}
 */
public record ProbeSample(long atMillis, Color color, int status, long latencyMicros, String error) {

    public boolean failed() {
        return error != null || status == 0 || status >= 500;
    }
}
