package io.jenkins.plugins.bluegreen.release;

import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.RefusedException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who may release a service, by the caller's full name (in Jenkins, a job's full name such as {@code team-a/shop}):
 * an exact name, {@code folder/*} for the items directly in a folder, or {@code folder/**} for everything below it.
 * An empty list lets any caller release the service, except one whose router touches the machine that runs the
 * release: such a service names its callers or nobody may release it.
 *
 * @param patterns as written
 */
public record ReleaseCallers(List<String> patterns) {

    private static final Pattern PATTERN = Pattern.compile("[^\\s*]+(/\\*{1,2})?|\\*\\*");

    public ReleaseCallers {
        patterns = List.copyOf(patterns);
    }

    /**
     * Parses patterns separated by new lines, commas or blanks.
     *
     * @param field the setting's name, for the message about a bad pattern
     */
    public static ReleaseCallers parse(String field, String text) {
        List<String> patterns = text == null ? List.of()
                : Arrays.stream(text.split("[\\s,]+")).filter(pattern -> !pattern.isEmpty()).toList();
        for (String pattern : patterns) {
            if (!PATTERN.matcher(pattern).matches() || pattern.startsWith("/")) {
                throw new BadInputException(field, "'" + pattern + "' is not a job pattern; write a job's full name"
                        + " ('team-a/shop'), 'team-a/*' for the jobs in a folder, or 'team-a/**' for all below it");
            }
        }
        return new ReleaseCallers(patterns);
    }

    public boolean allows(String caller) {
        return patterns.stream().anyMatch(pattern -> matches(pattern, caller));
    }

    private static boolean matches(String pattern, String caller) {
        if (pattern.equals("**")) {
            return true;
        }
        if (pattern.endsWith("/**")) {
            return caller.startsWith(pattern.substring(0, pattern.length() - 2));
        }
        if (pattern.endsWith("/*")) {
            String folder = pattern.substring(0, pattern.length() - 1);
            return caller.startsWith(folder) && caller.indexOf('/', folder.length()) < 0;
        }
        return pattern.equals(caller);
    }

    /**
     * Refuses {@code caller} unless it may release {@code service}.
     *
     * @param routerTouchesLocalHost whether the service's router runs programs, uses files or calls addresses of the
     *        machine that runs the release; then an empty list allows nobody
     * @param setting where the list is set, named in the refusal
     * @throws RefusedException naming the setting
     */
    public void require(String service, String caller, boolean routerTouchesLocalHost, String setting) {
        if (patterns.isEmpty() && routerTouchesLocalHost) {
            throw new RefusedException(caller + " may not release " + service + ": its router works on the machine that"
                    + " runs the release, so an administrator must list the jobs allowed to release it (" + setting + ")");
        }
        if (!patterns.isEmpty() && !allows(caller)) {
            throw new RefusedException(caller + " may not release " + service + ": it is not among the jobs allowed to"
                    + " release it (" + setting + ": " + String.join(", ", patterns) + ")");
        }
    }
}
