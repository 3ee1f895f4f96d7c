package io.jenkins.plugins.bluegreen.cli;

import io.jenkins.plugins.bluegreen.model.BadInputException;

/** Range checks of numeric options: a value outside the range is bad input (exit 2) naming the option and the range. */
public final class OptionRanges {

    /** The range of a TCP port option, where 0 lets the system pick a free port. */
    public static final String PORT_RANGE = "0 (any free port) to 65535";

    private OptionRanges() {}

    /** {@code value}, when it is {@code min} or more. */
    public static int atLeast(String option, int value, int min) {
        if (value < min) {
            throw outOfRange(option, Integer.toString(value), min + " or more");
        }
        return value;
    }

    /** {@code value}, when it is a TCP port or 0. */
    public static int port(String option, int value) {
        if (value < 0 || value > 65_535) {
            throw outOfRange(option, Integer.toString(value), PORT_RANGE);
        }
        return value;
    }

    public static BadInputException outOfRange(String option, String value, String range) {
        return new BadInputException(option, value + " is out of range; use " + range);
    }
}
