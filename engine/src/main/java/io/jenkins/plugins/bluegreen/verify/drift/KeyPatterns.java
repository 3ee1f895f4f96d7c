package io.jenkins.plugins.bluegreen.verify.drift;

import io.jenkins.plugins.bluegreen.model.BadInputException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Key patterns such as {@code build.*} or {@code *password*}: {@code *} stands for any characters (dots included),
 * {@code ?} for one; matching ignores case.
 */
final class KeyPatterns {

    private final List<String> patterns;
    private final Pattern any;

    KeyPatterns(String field, List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i) == null ? "" : patterns.get(i).trim();
            if (pattern.isEmpty()) {
                throw new BadInputException(field + "[" + i + "]", "is empty; write a key or a pattern such as 'build.*'");
            }
            regex.append(regex.length() == 0 ? "" : "|").append(globToRegex(pattern.toLowerCase(Locale.ROOT)));
        }
        this.any = regex.length() == 0 ? null : Pattern.compile(regex.toString());
    }

    private static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder("(?:");
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.append(')').toString();
    }

    boolean matches(String key) {
        return any != null && any.matcher(key.toLowerCase(Locale.ROOT)).matches();
    }

    List<String> patterns() {
        return patterns;
    }
}
