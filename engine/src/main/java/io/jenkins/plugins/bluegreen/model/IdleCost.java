package io.jenkins.plugins.bluegreen.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What keeping the idle colour running costs per hour, e.g. {@code 2.50 EUR}: a number and an ISO 4217 currency.
 */
public record IdleCost(BigDecimal perHour, Currency currency) {

    private static final Pattern FORM = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,4})?)\\s*([A-Za-z]{3})");
    private static final BigDecimal MILLIS_PER_HOUR = BigDecimal.valueOf(3_600_000);

    public IdleCost {
        if (perHour == null || perHour.signum() < 0 || currency == null) {
            throw new BadInputException("idleCostPerHour", "give a number and a currency, e.g. '2.50 EUR'");
        }
    }

    /** Parses {@code 2.50 EUR}; blank means no cost is configured ({@code null}). */
    public static IdleCost parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher matcher = FORM.matcher(text.trim());
        if (!matcher.matches()) {
            throw new BadInputException(field, "'" + text.trim() + "' is not a cost per hour; write a number and a currency,"
                    + " e.g. '2.50 EUR' or '0.8 USD'");
        }
        try {
            return new IdleCost(new BigDecimal(matcher.group(1)), Currency.getInstance(matcher.group(2).toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(field, "'" + matcher.group(2) + "' is not an ISO 4217 currency code; use e.g. EUR, USD or GBP");
        }
    }

    /** The cost of {@code idle} time, rounded to the currency's cents. */
    public BigDecimal accrued(Duration idle) {
        BigDecimal hours = BigDecimal.valueOf(idle.toMillis()).divide(MILLIS_PER_HOUR, 10, RoundingMode.HALF_UP);
        return perHour.multiply(hours).setScale(Math.max(0, currency.getDefaultFractionDigits()), RoundingMode.HALF_UP);
    }

    /** {@code 5.21 EUR}. */
    public String format(BigDecimal amount) {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }

    /** {@code 2.50 EUR/h}, as configured. */
    @Override
    public String toString() {
        return perHour.toPlainString() + " " + currency.getCurrencyCode() + "/h";
    }
}
