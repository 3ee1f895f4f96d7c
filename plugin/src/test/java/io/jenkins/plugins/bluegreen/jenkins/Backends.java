package io.jenkins.plugins.bluegreen.jenkins;

import io.jenkins.plugins.bluegreen.demo.DemoBackend;
import io.jenkins.plugins.bluegreen.model.Color;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A blue and a green demo backend on loopback for each test ({@code @RegisterExtension}). */
final class Backends implements BeforeEachCallback, AfterEachCallback {

    private final String blueVersion;
    private final String greenVersion;
    private DemoBackend blue;
    private DemoBackend green;

    Backends(String blueVersion, String greenVersion) {
        this.blueVersion = blueVersion;
        this.greenVersion = greenVersion;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        blue = DemoBackend.start(Color.BLUE, blueVersion, 0);
        green = DemoBackend.start(Color.GREEN, greenVersion, 0);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        blue.close();
        green.close();
    }

    DemoBackend blue() {
        return blue;
    }

    DemoBackend green() {
        return green;
    }

    /** A service with both colours' URLs and this router. */
    ServiceConfig service(String name, TargetDriver driver) {
        ServiceConfig config = new ServiceConfig(name);
        config.setBlueUrl(blue.url());
        config.setGreenUrl(green.url());
        config.setDriver(driver);
        return config;
    }
}
