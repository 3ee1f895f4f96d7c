package io.jenkins.plugins.bluegreen.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.approval.ApprovalPolicy;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The wrappers' own parsing and rules; no Jenkins needed. */
class TargetDriverTest {

    @Test
    void keyValueLinesKeepTheirOrderAndNameTheFieldWhenMalformed() {
        assertThat(TargetDriver.pairs("env", "B=2\n\nA = 1=x\n")).containsExactly(
                java.util.Map.entry("B", "2"), java.util.Map.entry("A", "1=x"));
        assertThat(TargetDriver.pairs("env", null)).isNull();
        assertThatThrownBy(() -> TargetDriver.pairs("command.environment", "no-equals"))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("command.environment:");
    }

    @Test
    void onlyRoutersReachedOverTheNetworkMayBeGivenInline() {
        assertThat(new HaproxyTarget("127.0.0.1:9999").touchesController()).isFalse();
        assertThat(new HaproxyTarget("/run/haproxy.sock").touchesController()).isTrue();
        HaproxyTarget writesFiles = new HaproxyTarget("127.0.0.1:9999");
        writesFiles.setServerStateFile("/var/lib/haproxy/state");
        assertThat(writesFiles.touchesController()).isTrue();
        assertThat(new CommandTarget("true", "echo blue").touchesController()).isTrue();
        assertThat(new HttpTarget("http://lb/${color}", "http://lb/").touchesController()).isFalse();
    }

    @Test
    void approvalDefaultsToAbortAfterAnHourAndRejectsUnknownTimeoutActions() {
        ApprovalSpec approval = new ApprovalSpec();
        assertThat(approval.toPolicy()).isEqualTo(new ApprovalPolicy(Duration.ofHours(1), ApprovalPolicy.OnTimeout.ABORT, null));
        approval.setOnTimeout("shrug");
        assertThatThrownBy(approval::toPolicy).isInstanceOf(BadInputException.class).hasMessageContaining("approval.onTimeout");
    }
}
