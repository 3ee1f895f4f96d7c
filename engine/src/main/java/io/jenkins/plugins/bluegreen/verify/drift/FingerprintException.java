package io.jenkins.plugins.bluegreen.verify.drift;

/** A colour's configuration could not be read; the message says why and never holds a configuration value. */
public class FingerprintException extends Exception {

    public FingerprintException(String message) {
        super(message);
    }
}
