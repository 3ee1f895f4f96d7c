package io.jenkins.plugins.bluegreen.driver;

/**
 * A router call whose effect is unknown: the command may or may not have been applied (a timeout, or a connection
 * that broke after the command was sent). The engine records it as such and leaves the record as it was; the next
 * {@code status} reads the router back to settle it.
 */
public class OutcomeUnknownException extends DriverException {

    public OutcomeUnknownException(String message) {
        super(message);
    }

    public OutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
