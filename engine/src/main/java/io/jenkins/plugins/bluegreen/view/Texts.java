package io.jenkins.plugins.bluegreen.view;

import io.jenkins.plugins.bluegreen.model.Color;
import java.time.Instant;

/** The few conversions every view-model applies, so that views never see {@code null}. */
final class Texts {

    private Texts() {}

    static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    static String iso(Instant at) {
        return at == null ? "" : at.toString();
    }

    static String color(Color color) {
        return color == null ? "" : color.label();
    }
}
