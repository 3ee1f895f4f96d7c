package io.jenkins.plugins.bluegreen.jenkins.config;

import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.bluegreen.jenkins.support.CredentialsSecretSource;
import io.jenkins.plugins.bluegreen.jenkins.support.JenkinsFacade;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.store.StateStore;
import io.jenkins.plugins.bluegreen.store.etcd.EtcdSettings;
import io.jenkins.plugins.bluegreen.store.etcd.EtcdStateStore;
import io.jenkins.plugins.bluegreen.store.etcd.EtcdTls;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * The global etcd setting made into the engine's store: the client certificate comes from a Jenkins Certificate
 * credential, the password from a Username with password credential, both looked up when the store is opened.
 */
public final class SharedStore {

    private SharedStore() {}

    static StateStore open(EtcdSettings settings, String caPem, String certificateId) {
        EtcdTls tls = null;
        if (settings.tls()) {
            StandardCertificateCredentials certificate = certificateId == null ? null
                    : (StandardCertificateCredentials) JenkinsFacade.get().globalCredentials(certificateId, StandardCertificateCredentials.class);
            if (certificateId != null && certificate == null) {
                throw new BadInputException("etcdCertificateId", "no 'Certificate' credentials with ID '" + certificateId
                        + "' in the global configuration; add them or fix the ID (" + BlueGreenConfiguration.WHERE + ")");
            }
            tls = EtcdTls.of(caPem, "the etcd CA certificate of " + BlueGreenConfiguration.WHERE,
                    certificate == null ? null : certificate.getKeyStore(),
                    certificate == null ? null : certificate.getPassword().getPlainText().toCharArray());
        }
        return new EtcdStateStore(settings, tls, CredentialsSecretSource.ofGlobalConfiguration(), JenkinsFacade.get().http());
    }

    /** The etcd user of a Username with password credential, or {@code null} without one. */
    static String username(String credentialsId) {
        if (credentialsId == null) {
            return null;
        }
        if (JenkinsFacade.get().globalCredentials(credentialsId, StandardUsernamePasswordCredentials.class)
                instanceof StandardUsernamePasswordCredentials login) {
            return login.getUsername();
        }
        throw new BadInputException("etcdCredentialsId", "no 'Username with password' credentials with ID '" + credentialsId
                + "' in the global configuration; add them or fix the ID (" + BlueGreenConfiguration.WHERE + ")");
    }

    static ListBoxModel credentialsItems(Class<? extends StandardCredentials> type, String current) {
        StandardListBoxModel items = new StandardListBoxModel();
        items.includeEmptyValue();
        items.includeAs(ACL.SYSTEM2, Jenkins.get(), type, List.of());
        return current == null || current.isBlank() ? items : items.includeCurrentValue(current);
    }
}
