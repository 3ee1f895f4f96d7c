package io.jenkins.plugins.bluegreen.model;

import java.util.regex.Pattern;

/** Service names end up in file names, URLs and labels, so they are kept to a safe alphabet. */
public final class ServiceName {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private ServiceName() {}

    public static String requireValid(String field, String name) {
        if (name == null || name.isBlank()) {
            throw new BadInputException(field, "missing; give the service's name, e.g. 'shop'");
        }
        if (!VALID.matcher(name).matches()) {
            throw new BadInputException(field, "'" + name + "' is not a valid service name; use 1-63 letters, digits,"
                    + " '.', '_' or '-', starting with a letter or digit (e.g. 'shop')");
        }
        return name;
    }
}
