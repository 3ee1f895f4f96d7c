package io.jenkins.plugins.bluegreen.driver;

/** A router call failed; the message names the router, the call and what to check. */
public class DriverException extends RuntimeException {

    public DriverException(String message) {
        super(message);
    }

    public DriverException(String message, Throwable cause) {
        super(message, cause);
    }
}
