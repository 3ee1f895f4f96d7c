package io.jenkins.plugins.bluegreen.release;

import io.jenkins.plugins.bluegreen.driver.DriverException;

/** A router call did not end in time; whether it took effect is unknown until read back. */
public class DriverTimeoutException extends DriverException {

    public DriverTimeoutException(String message) {
        super(message);
    }
}
