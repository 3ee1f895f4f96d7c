package io.jenkins.plugins.bluegreen.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Run;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Resolves a credentials ID when a driver needs the secret, as the build may see it. A Secret text gives its value, a
 * Username with password its password (the user name is a plain driver setting). Nothing resolved is kept.
 */
final class CredentialsSecretSource implements SecretSource {

    private final Run<?, ?> run;

    CredentialsSecretSource(Run<?, ?> run) {
        this.run = run;
    }

    @Override
    public String resolve(String field, String reference) {
        StringCredentials text = CredentialsProvider.findCredentialById(reference, StringCredentials.class, run);
        if (text != null) {
            return text.getSecret().getPlainText();
        }
        StandardUsernamePasswordCredentials login =
                CredentialsProvider.findCredentialById(reference, StandardUsernamePasswordCredentials.class, run);
        if (login != null) {
            return login.getPassword().getPlainText();
        }
        throw new BadInputException(field, "no 'Secret text' or 'Username with password' credentials with ID '" + reference
                + "' are visible to " + run.getFullDisplayName() + "; add them or fix the ID");
    }
}
