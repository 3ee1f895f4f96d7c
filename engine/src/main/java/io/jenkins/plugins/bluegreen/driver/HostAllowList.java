package io.jenkins.plugins.bluegreen.driver;

import io.jenkins.plugins.bluegreen.model.BadInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hosts that routers given by a Pipeline author (not by an administrator) may reach: exact names or addresses,
 * or {@code *.example.com} for every name under a domain. Empty allows none.
 *
 * @param entries lower-case entries, as written
 */
public record HostAllowList(List<String> entries) {

    private static final Pattern ENTRY = Pattern.compile("(\\*\\.)?[a-z0-9_.-]+|\\[?[0-9a-f:.]+]?");

    public HostAllowList {
        entries = List.copyOf(entries);
    }

    /**
     * Parses entries separated by new lines, commas or blanks.
     *
     * @param field the setting's name, for the message about a bad entry
     */
    public static HostAllowList parse(String field, String text) {
        List<String> entries = text == null ? List.of() : Arrays.stream(text.split("[\\s,]+"))
                .filter(entry -> !entry.isEmpty()).map(entry -> entry.toLowerCase(Locale.ROOT)).toList();
        for (String entry : entries) {
            if (!ENTRY.matcher(entry).matches()) {
                throw new BadInputException(field, "'" + entry + "' is not a host; write a name ('lb.example.com'), an"
                        + " address ('10.0.0.7') or '*.example.com', without scheme, port or path");
            }
        }
        return new HostAllowList(entries);
    }

    public boolean allows(String host) {
        String name = bare(host.toLowerCase(Locale.ROOT));
        return entries.stream().anyMatch(entry -> entry.startsWith("*.") ? name.endsWith(entry.substring(1))
                : bare(entry).equals(name));
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
