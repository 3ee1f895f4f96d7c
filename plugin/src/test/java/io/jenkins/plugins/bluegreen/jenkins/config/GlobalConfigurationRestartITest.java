package io.jenkins.plugins.bluegreen.jenkins.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.jenkins.targets.NoopTarget;
import java.util.List;
import net.sf.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;
import org.kohsuke.stapler.Stapler;

/** What the global configuration form submits survives a restart, including an emptied service list. */
class GlobalConfigurationRestartITest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void removingTheLastServiceSurvivesARestart() throws Throwable {
        sessions.then(r -> {
            ServiceConfig shop = new ServiceConfig("shop");
            shop.setDriver(new NoopTarget());
            BlueGreenConfiguration.get().setServices(List.of(shop));
            // The form without any service: its JSON has no "services" at all.
            r.executeOnServer(() -> BlueGreenConfiguration.get().configure(Stapler.getCurrentRequest2(), new JSONObject()));
            assertThat(BlueGreenConfiguration.get().getServices()).isEmpty();
        });
        sessions.then(r -> assertThat(BlueGreenConfiguration.get().getServices()).isEmpty());
    }
}
