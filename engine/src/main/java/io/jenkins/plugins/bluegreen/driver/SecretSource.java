package io.jenkins.plugins.bluegreen.driver;

import io.jenkins.plugins.bluegreen.model.BadInputException;

/**
 * Resolves a secret reference to its value at the moment of use. Configurations hold references only (a
 * credentials ID in Jenkins, {@code env:NAME} or {@code file:/path} in the CLI), so no secret is ever stored in state,
 * reports or logs. Drivers must not log or put resolved values into exception messages.
 */
@FunctionalInterface
public interface SecretSource {

    /**
     * @param field the configuration field that holds the reference, named in errors
     * @param reference the reference as configured
     * @return the secret value
     */
    String resolve(String field, String reference);

    static SecretSource none() {
        return (field, reference) -> {
            throw new BadInputException(field,
                    "secrets cannot be resolved here; remove the reference '" + reference + "' or run where secrets are available");
        };
    }
}
