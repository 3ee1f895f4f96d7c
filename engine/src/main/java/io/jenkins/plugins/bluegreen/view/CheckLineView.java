package io.jenkins.plugins.bluegreen.view;

import io.jenkins.plugins.bluegreen.model.CheckResult;
import io.jenkins.plugins.bluegreen.model.Outcome;
import java.util.Locale;

/**
 * One verification check as one line: a status symbol and the text, which does not repeat the outcome.
 *
 * @param symbol {@code ✔} successful, {@code ✘} failed, {@code !} could not check, {@code ?} inconclusive
 * @param outcome the outcome in lower case, e.g. {@code successful}, for a CSS class and the symbol's tooltip
 * @param text e.g. {@code http GET /health: 200 as expected (3 attempts, 120 ms)}
 */
public record CheckLineView(String symbol, String outcome, String text) {

    static CheckLineView of(CheckResult check) {
        String detail = check.detail() == null || check.detail().isBlank() ? "" : ": " + check.detail();
        String attempts = check.attempts() + (check.attempts() == 1 ? " attempt" : " attempts");
        return new CheckLineView(symbol(check.outcome()), outcomeText(check.outcome()),
                check.name() + detail + " (" + attempts + ", " + check.elapsedMillis() + " ms)");
    }

    static String symbol(Outcome outcome) {
        return switch (outcome) {
            case SUCCESSFUL -> "✔";
            case FAILED -> "✘";
            case ERROR -> "!";
            case INCONCLUSIVE -> "?";
        };
    }

    static String outcomeText(Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    /** The line as plain text, e.g. for a console: {@code ✔ http GET /health: 200 as expected (1 attempt, 12 ms)}. */
    @Override
    public String toString() {
        return symbol + " " + text;
    }
}
