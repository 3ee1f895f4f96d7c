package io.jenkins.plugins.bluegreen.jenkins.support;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Item;
import hudson.model.Run;
import hudson.security.ACL;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import java.util.List;
import java.util.function.BiFunction;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Resolves a credentials ID when a driver needs the secret, in the context its router was configured in: a router an
 * administrator configured for a service sees Jenkins' own credentials (System scope included), as its form lists
 * them; a router given in a Pipeline sees what the build may see. A Secret text gives its value, a Username with
 * password its password (the user name is a plain driver setting). Nothing resolved is kept.
 */
public final class CredentialsSecretSource implements SecretSource {

    private final String context;
    private final BiFunction<String, Class<? extends StandardCredentials>, StandardCredentials> lookup;

    private CredentialsSecretSource(String context,
            BiFunction<String, Class<? extends StandardCredentials>, StandardCredentials> lookup) {
        this.context = context;
        this.lookup = lookup;
    }

    /** For a router given in the Pipeline of {@code run}. */
    public static CredentialsSecretSource ofBuild(Run<?, ?> run) {
        return new CredentialsSecretSource(run.getFullDisplayName(), (id, type) -> CredentialsProvider.findCredentialById(id, type, run));
    }

    /** For a router a job's Pipeline would give, as its builds would see credentials (the Snippet Generator's test). */
    public static CredentialsSecretSource ofItem(Item item) {
        return new CredentialsSecretSource(item.getFullDisplayName(), (id, type) -> CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItem(type, item, ACL.SYSTEM2, List.of()), CredentialsMatchers.withId(id)));
    }

    /** For a router in the global configuration. */
    public static CredentialsSecretSource ofGlobalConfiguration() {
        return new CredentialsSecretSource("the global configuration", JenkinsFacade.get()::globalCredentials);
    }

    @Override
    public String resolve(String field, String reference) {
        if (lookup.apply(reference, StringCredentials.class) instanceof StringCredentials text) {
            return text.getSecret().getPlainText();
        }
        if (lookup.apply(reference, StandardUsernamePasswordCredentials.class) instanceof StandardUsernamePasswordCredentials login) {
            return login.getPassword().getPlainText();
        }
        throw new BadInputException(field, "no 'Secret text' or 'Username with password' credentials with ID '" + reference
                + "' are visible to " + context + "; add them or fix the ID");
    }
}
