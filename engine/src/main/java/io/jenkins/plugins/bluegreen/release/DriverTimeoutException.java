package io.jenkins.plugins.bluegreen.release;

import io.jenkins.plugins.bluegreen.driver.OutcomeUnknownException;

/** A router call did not end in time; whether it took effect is unknown until read back. */
public class DriverTimeoutException extends OutcomeUnknownException {

    public DriverTimeoutException(String message) {
        super(message);
    }
}
