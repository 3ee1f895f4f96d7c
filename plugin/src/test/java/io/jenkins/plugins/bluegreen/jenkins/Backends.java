package io.jenkins.plugins.bluegreen.jenkins;

import io.jenkins.plugins.bluegreen.demo.DemoBackend;
import io.jenkins.plugins.bluegreen.jenkins.config.ServiceConfig;
import io.jenkins.plugins.bluegreen.jenkins.targets.TargetDriver;
import io.jenkins.plugins.bluegreen.model.Color;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A blue and a green demo backend on loopback for each test ({@code @RegisterExtension}). */
public final class Backends implements BeforeEachCallback, AfterEachCallback {

    /** Deploys 2.0 to the idle colour of {@code shop}, verifies it and switches to it without a watch window. */
    public static final String RELEASE_SHOP_2_0 = """
            blueGreenDeploy(service: 'shop', version: '2.0') { echo "deploying ${env.BG_VERSION} to ${env.BG_COLOR}" }
            blueGreenVerify(service: 'shop', colors: 'idle', checks: [httpCheck(path: '/health')])
            blueGreenSwitch(service: 'shop', watch: '0s')
            """;

    private final String blueVersion;
    private final String greenVersion;
    private DemoBackend blue;
    private DemoBackend green;

    public Backends(String blueVersion, String greenVersion) {
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

    public DemoBackend blue() {
        return blue;
    }

    public DemoBackend green() {
        return green;
    }

    /** A service with both colours' URLs and this router. */
    public ServiceConfig service(String name, TargetDriver driver) {
        ServiceConfig config = new ServiceConfig(name);
        config.setBlueUrl(blue.url());
        config.setGreenUrl(green.url());
        config.setDriver(driver);
        return config;
    }
}
