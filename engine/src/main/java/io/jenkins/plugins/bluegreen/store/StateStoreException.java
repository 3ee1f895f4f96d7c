package io.jenkins.plugins.bluegreen.store;

/** The store could not read or write; the message names the file or location and what to do. */
public class StateStoreException extends RuntimeException {

    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StateStoreException(String message) {
        super(message);
    }
}
