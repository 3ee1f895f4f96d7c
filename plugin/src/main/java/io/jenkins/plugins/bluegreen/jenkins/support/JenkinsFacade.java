package io.jenkins.plugins.bluegreen.jenkins.support;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.model.Job;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.security.SecurityRealm;
import io.jenkins.plugins.okhttp.api.JenkinsOkHttpClient;
import java.io.File;
import java.util.List;
import jenkins.model.Jenkins;
import okhttp3.OkHttpClient;

/** The few things the plugin needs from Jenkins itself, behind one seam so logic never calls {@code Jenkins.get()}. */
public interface JenkinsFacade {

    /** An HTTP client that follows Jenkins' proxy settings. */
    OkHttpClient http();

    File rootDir();

    /** The job with this full name, or {@code null} when it is gone or unreadable. */
    Job<?, ?> job(String fullName);

    boolean isUseSecurity();

    boolean isAdministrator();

    SecurityRealm securityRealm();

    /** Whether the current user may see the job with this full name (Item.READ). */
    boolean mayRead(String jobFullName);

    /** Credentials of Jenkins itself (System and Global scope) with this ID and type, as the global configuration sees them. */
    StandardCredentials globalCredentials(String id, Class<? extends StandardCredentials> type);

    static JenkinsFacade get() {
        return Holder.current;
    }

    /** Replaces the facade (tests). */
    static void set(JenkinsFacade facade) {
        Holder.current = facade;
    }

    final class Holder {
        private static volatile JenkinsFacade current = new Live();

        private Holder() {}
    }

    /** The running controller. */
    final class Live implements JenkinsFacade {
        private static final OkHttpClient HTTP = JenkinsOkHttpClient.newClientBuilder(new OkHttpClient()).build();

        @Override
        public OkHttpClient http() {
            return HTTP;
        }

        @Override
        public File rootDir() {
            return Jenkins.get().getRootDir();
        }

        @Override
        public Job<?, ?> job(String fullName) {
            // State is shared across jobs: any build may read what another job recorded.
            try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
                return Jenkins.get().getItemByFullName(fullName, Job.class);
            }
        }

        @Override
        public boolean isUseSecurity() {
            return Jenkins.get().isUseSecurity();
        }

        @Override
        public boolean isAdministrator() {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }

        @Override
        public SecurityRealm securityRealm() {
            return Jenkins.get().getSecurityRealm();
        }

        @Override
        public boolean mayRead(String jobFullName) {
            return Jenkins.get().getItemByFullName(jobFullName, Job.class) != null;
        }

        @Override
        public StandardCredentials globalCredentials(String id, Class<? extends StandardCredentials> type) {
            return CredentialsProvider.findCredentialByIdInItemGroup(id, type, Jenkins.get(), ACL.SYSTEM2, List.of());
        }
    }
}
