package io.jenkins.plugins.bluegreen.model;

/** A release rule refused the operation; the message says what state the service is in and what to do next. */
public class RefusedException extends RuntimeException {

    public RefusedException(String message) {
        super(message);
    }
}
