package io.jenkins.plugins.bluegreen.release;

/** The caller's deployment failed; the colour was marked FAILED and traffic was not touched. */
public class DeployFailedException extends RuntimeException {

    public DeployFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
