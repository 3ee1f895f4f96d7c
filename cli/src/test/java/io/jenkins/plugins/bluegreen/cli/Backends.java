package io.jenkins.plugins.bluegreen.cli;

import io.jenkins.plugins.bluegreen.demo.DemoBackend;
import io.jenkins.plugins.bluegreen.model.Color;
import java.io.IOException;

/** Blue 1.0 and green 2.0 demo backends on loopback, for tests. */
public record Backends(DemoBackend blue, DemoBackend green) implements AutoCloseable {

    public static Backends start() throws IOException {
        return new Backends(DemoBackend.start(Color.BLUE, "1.0", 0), DemoBackend.start(Color.GREEN, "2.0", 0));
    }

    @Override
    public void close() {
        blue.close();
        green.close();
    }
}
