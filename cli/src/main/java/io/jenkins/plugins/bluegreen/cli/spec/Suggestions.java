package io.jenkins.plugins.bluegreen.cli.spec;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Finds the known name closest to a misspelt one, so errors can say "did you mean ...". */
public final class Suggestions {

    private Suggestions() {}

    /** The closest candidate by edit distance, ignoring case; empty when none is near enough to be a typo. */
    public static Optional<String> closest(String typed, Collection<String> candidates) {
        return candidates.stream()
                .min(Comparator.comparingInt((String c) -> distance(typed.toLowerCase(), c.toLowerCase())).thenComparing(c -> c))
                .filter(c -> distance(typed.toLowerCase(), c.toLowerCase()) <= Math.max(2, c.length() / 2));
    }

    /** "; did you mean 'x'?" or, without a near name, the list of valid names. */
    public static String hint(String typed, Collection<String> candidates) {
        return closest(typed, candidates).map(c -> "; did you mean '" + c + "'?")
                .orElse("; valid names are: " + String.join(", ", candidates.stream().sorted().toList()));
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
