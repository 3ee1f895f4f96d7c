package io.jenkins.plugins.bluegreen.jenkins.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.model.Job;
import hudson.security.SecurityRealm;
import hudson.util.XStream2;
import io.jenkins.plugins.bluegreen.approval.ApprovalRequest;
import io.jenkins.plugins.bluegreen.jenkins.support.JenkinsFacade;
import io.jenkins.plugins.bluegreen.model.CheckResult;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Outcome;
import io.jenkins.plugins.bluegreen.model.VerificationReport;
import java.io.File;
import java.time.Instant;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Who may approve, with Jenkins replaced by a facade. */
class PendingApprovalTest {

    private final ApprovalRequest request = new ApprovalRequest("shop", Color.BLUE, "1.4.1", Color.GREEN, "1.4.2",
            "http://127.0.0.1:9002", List.of(new VerificationReport(Color.GREEN, "1.4.2", "http://127.0.0.1:9002",
                    Outcome.SUCCESSFUL, List.of(new CheckResult("http GET /health", Outcome.SUCCESSFUL, "200", 1, 3)), Instant.EPOCH)),
            "the router serves BLUE but the record says GREEN is live", "Promote 1.4.2?");

    @AfterEach
    void restoreJenkins() {
        JenkinsFacade.set(new JenkinsFacade.Live());
    }

    @Test
    void listedUsersAndGroupsMayApproveIgnoringCaseOthersMayNot() {
        JenkinsFacade.set(new SecuredJenkins(false));
        PendingApproval pending = new PendingApproval(request, "Alice, release-managers", 0, null);

        assertThat(pending.mayApprove(user("alice"), null)).isTrue();
        assertThat(pending.mayApprove(user("carol", "release-managers"), null)).isTrue();
        assertThat(pending.mayApprove(user("bob", "developers"), null)).isFalse();
    }

    @Test
    void administratorsMayAlwaysApprove() {
        JenkinsFacade.set(new SecuredJenkins(true));
        assertThat(new PendingApproval(request, "alice", 0, null).mayApprove(user("root"), null)).isTrue();
    }

    @Test
    void theRequestSurvivesBuildXmlAsJsonText() {
        XStream2 buildXml = new XStream2();
        String stored = buildXml.toXML(new PendingApproval(request, "alice", 42, "adopted BLUE (1.0) as live (by alice)"));

        assertThat(stored).contains("<requestJson>").doesNotContain("<request>");
        PendingApproval loaded = (PendingApproval) buildXml.fromXML(stored);
        assertThat(loaded.getRequest()).isEqualTo(request);
        assertThat(loaded.getSubmitter()).isEqualTo("alice");
        assertThat(loaded.getDeadline().getTime()).isEqualTo(42);
        assertThat(loaded.getAdoption()).isEqualTo("adopted BLUE (1.0) as live (by alice)");
        assertThat(loaded.getVerification()).singleElement().satisfies(report -> assertThat(report.checks())
                .extracting(Object::toString).containsExactly("✔ http GET /health: 200 (1 attempt, 3 ms)"));
    }

    private static UsernamePasswordAuthenticationToken user(String name, String... groups) {
        return new UsernamePasswordAuthenticationToken(name, null,
                List.of(groups).stream().map(SimpleGrantedAuthority::new).toList());
    }

    /** Security on, default (case-insensitive) user and group IDs. */
    private record SecuredJenkins(boolean administrator) implements JenkinsFacade {
        @Override
        public OkHttpClient http() {
            return new OkHttpClient();
        }

        @Override
        public File rootDir() {
            return new File(".");
        }

        @Override
        public Job<?, ?> job(String fullName) {
            return null;
        }

        @Override
        public boolean isUseSecurity() {
            return true;
        }

        @Override
        public boolean isAdministrator() {
            return administrator;
        }

        @Override
        public boolean mayRead(String jobFullName) {
            return true;
        }

        @Override
        public StandardCredentials globalCredentials(String id, Class<? extends StandardCredentials> type) {
            return null;
        }

        @Override
        public SecurityRealm securityRealm() {
            return new SecurityRealm() {
                @Override
                public SecurityComponents createSecurityComponents() {
                    return new SecurityComponents();
                }
            };
        }
    }
}
