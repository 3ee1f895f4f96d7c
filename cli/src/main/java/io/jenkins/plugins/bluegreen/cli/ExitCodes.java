package io.jenkins.plugins.bluegreen.cli;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.RefusedException;
import io.jenkins.plugins.bluegreen.release.DeployFailedException;
import io.jenkins.plugins.bluegreen.store.StateStoreException;

/** The exit codes of {@code bluegreen}, documented in docs/cli.md. */
public final class ExitCodes {

    public static final int OK = 0;
    /** a release rule refused the operation (the message names the rule); the router and the live record are unchanged */
    public static final int REFUSED = 1;
    /** bad arguments or spec; nothing was changed */
    public static final int BAD_INPUT = 2;
    /** the router failed or could not be reached */
    public static final int DRIVER = 3;
    /** verification failed, erred or was inconclusive, or the watch window rolled the switch back */
    public static final int VERIFICATION = 4;
    /** the deploy command or the driver's provisioning failed; the colour is marked FAILED */
    public static final int DEPLOY_FAILED = 5;
    /** the state (its directory or etcd) cannot be read or written */
    public static final int STATE = 6;
    /** a bug: please report it with the output */
    public static final int INTERNAL = 70;

    private ExitCodes() {}

    /** What a command that ended with {@code code} changed, for the error object of {@code --json}. */
    public static String whatChanged(int code) {
        return switch (code) {
            case REFUSED -> "the router and the live record are unchanged; the audit trail may have gained the events of the"
                    + " refusal (APPROVAL_REJECTED, APPROVAL_TIMED_OUT, DRIFT_DETECTED)";
            case BAD_INPUT, STATE -> "nothing";
            case DRIVER -> "unknown at the router: the record keeps the colour the router last confirmed; run 'status'";
            case DEPLOY_FAILED -> "the colour deployed to is marked FAILED; live traffic was not touched";
            default -> "unknown; run 'status' and 'history'";
        };
    }

    public static int of(Throwable error) {
        if (error instanceof RefusedException) {
            return REFUSED;
        }
        if (error instanceof BadInputException) {
            return BAD_INPUT;
        }
        if (error instanceof DriverException) {
            return DRIVER;
        }
        if (error instanceof DeployFailedException) {
            return DEPLOY_FAILED;
        }
        if (error instanceof StateStoreException) {
            return STATE;
        }
        return INTERNAL;
    }
}
