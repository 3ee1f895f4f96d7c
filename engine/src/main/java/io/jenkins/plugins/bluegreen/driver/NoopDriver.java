package io.jenkins.plugins.bluegreen.driver;

import io.jenkins.plugins.bluegreen.model.Color;
import java.util.Optional;

/** Routes nothing and remembers the colour it was told; for dry runs, demos of the flow, and tests. */
public class NoopDriver implements TrafficDriver {

    private volatile Color live;

    public NoopDriver() {
        this(null);
    }

    public NoopDriver(Color initiallyLive) {
        this.live = initiallyLive;
    }

    @Override
    public String type() {
        return "noop";
    }

    @Override
    public void switchTo(Color color) {
        live = color;
    }

    @Override
    public Optional<Color> observeLive() {
        return Optional.ofNullable(live);
    }

    /** It holds the one colour it was told, so no colour means it routes nothing. */
    @Override
    public boolean routesNoColour() {
        return live == null;
    }

    @Override
    public Health health() {
        return Health.ok("noop driver routes nothing");
    }
}
