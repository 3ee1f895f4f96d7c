package io.jenkins.plugins.bluegreen.jenkins.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.approval.ApprovalPolicy;
import io.jenkins.plugins.bluegreen.drivers.dns.DnsDriverConfig;
import io.jenkins.plugins.bluegreen.jenkins.approval.ApprovalSpec;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The wrappers map onto the engine's records, which decide; no Jenkins needed. */
class TargetDriverTest {

    @Test
    void onlyRoutersReachedOverTheNetworkMayBeGivenInline() {
        assertThat(haproxy("192.0.2.10:9999").toConfig().touchesLocalHost()).isFalse();
        assertThat(haproxy("127.0.0.1:9999").toConfig().touchesLocalHost()).as("the controller's loopback").isTrue();
        assertThat(haproxy("/run/haproxy.sock").toConfig().touchesLocalHost()).isTrue();
        HaproxyTarget writesFiles = haproxy("192.0.2.10:9999");
        writesFiles.setServerStateFile("/var/lib/haproxy/state");
        assertThat(writesFiles.toConfig().touchesLocalHost()).isTrue();
        assertThat(new CommandTarget("true", "echo blue").toConfig().touchesLocalHost()).isTrue();
        assertThat(http("http://lb/${color}", "http://lb/").toConfig().touchesLocalHost()).isFalse();
    }

    /** An HTTP router must say where the live colour stands in its answer (a JSON pointer or a regex). */
    private static HttpTarget http(String switchUrl, String observeUrl) {
        HttpTarget target = new HttpTarget(switchUrl, observeUrl);
        target.setColorJsonPointer("/live");
        return target;
    }

    @Test
    void theDnsFormsListsAreSplitOnCommasAndBlanksAndTheSecretIsAReference() {
        DnsTarget dns = new DnsTarget("example.com", "shop", "192.0.2.10, 2001:db8::10", "192.0.2.20", "192.0.2.53:5353",
                "bluegreen-update", "tsig-secret");
        dns.setServers("192.0.2.54 192.0.2.55:5353");

        DnsDriverConfig config = (DnsDriverConfig) dns.toConfig();

        assertThat(config.blue()).containsExactly("192.0.2.10", "2001:db8:0:0:0:0:0:10");
        assertThat(config.servers()).containsExactly("192.0.2.54:53", "192.0.2.55:5353");
        assertThat(config.tsigSecretRef()).isEqualTo("tsig-secret");
        assertThat(config.touchesLocalHost()).isFalse();
        assertThatThrownBy(() -> new DnsTarget("example.com", "shop.example.org.", "192.0.2.10", "192.0.2.20", "192.0.2.53",
                "k", "tsig-secret").toConfig()).isInstanceOf(BadInputException.class).hasMessageStartingWith("dns.record:");
    }

    private static HaproxyTarget haproxy(String socket) {
        HaproxyTarget target = new HaproxyTarget(socket);
        target.setBackend("be_app");
        return target;
    }

    @Test
    void approvalDefaultsToAbortAfterAnHourAndRejectsUnknownTimeoutActions() {
        ApprovalSpec approval = new ApprovalSpec();
        assertThat(approval.toPolicy()).isEqualTo(new ApprovalPolicy(Duration.ofHours(1), ApprovalPolicy.OnTimeout.ABORT, null));
        approval.setOnTimeout("shrug");
        assertThatThrownBy(approval::toPolicy).isInstanceOf(BadInputException.class).hasMessageContaining("approval.onTimeout");
    }
}
