package io.jenkins.plugins.bluegreen.cli.spec;

import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Resolves the spec's secret references at use time: {@code env:NAME} reads an environment variable,
 * {@code file:/path} a file (trailing newline removed). Anything else is refused, so no secret is ever written in a
 * spec file. Errors name the field and the reference, never the value.
 */
public final class SpecSecrets implements SecretSource {

    private final Map<String, String> environment;

    public SpecSecrets(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String resolve(String field, String reference) {
        if (reference != null && reference.startsWith("env:")) {
            String name = reference.substring("env:".length());
            String value = environment.get(name);
            if (value == null || value.isEmpty()) {
                throw new BadInputException(field, "the environment variable " + name + " named by '" + reference
                        + "' is not set; export it before running bluegreen");
            }
            return value;
        }
        if (reference != null && reference.startsWith("file:")) {
            Path file = Path.of(reference.substring("file:".length()));
            try {
                return Files.readString(file, StandardCharsets.UTF_8).stripTrailing();
            } catch (IOException e) {
                throw new BadInputException(field, "cannot read the secret file " + file + " named by '" + reference
                        + "' (" + e.getClass().getSimpleName() + "); check that it exists and is readable");
            }
        }
        throw new BadInputException(field, "secrets are never written into the spec; give a reference such as"
                + " 'env:MY_TOKEN' or 'file:/run/secrets/token'");
    }
}
