package io.jenkins.plugins.bluegreen.driver;

import java.util.Collection;

/**
 * Scrubs resolved secret values out of text a driver is about to put into a message. Drivers never write secrets
 * into messages themselves, but routers and commands echo what they were sent (error pages, {@code set -x}, verbose
 * CLIs), and that text is quoted to explain failures.
 */
public final class SecretMasking {

    public static final String MASK = "****";

    private SecretMasking() {}

    public static String mask(String text, Collection<String> secretValues) {
        String masked = text;
        for (String value : secretValues) {
            if (value != null && !value.isEmpty()) {
                masked = masked.replace(value, MASK);
            }
        }
        return masked;
    }
}
