package io.jenkins.plugins.bluegreen.jenkins.approval;

import hudson.model.Run;
import io.jenkins.plugins.bluegreen.approval.ApprovalDecision;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jenkins.util.SystemProperties;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A running step that waits for an approver's answer about one service. The Blue/Green page hands it the answer
 * through {@link #answer}, without knowing which step waits.
 */
public interface AwaitingApproval {

    /** How long an answer waits for the build's Pipeline to load (after a restart), as the input step does. */
    int LOAD_TIMEOUT_SECONDS = SystemProperties.getInteger(AwaitingApproval.class.getName() + ".loadTimeoutSeconds", 60);

    /** The service whose switch waits. */
    String service();

    /** Takes the first answer only; false when it came too late (a late timeout, a second click). */
    boolean decide(ApprovalDecision decision);

    /**
     * Answers the switch of {@code service} waiting in {@code run}; false when none is waiting. The step is found
     * among the build's running steps, as the input step finds its own: after a restart this waits (up to
     * {@link #LOAD_TIMEOUT_SECONDS}) until the Pipeline is loaded again, instead of finding nothing.
     */
    static boolean answer(Run<?, ?> run, String service, ApprovalDecision decision)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        FlowExecutionOwner owner = run instanceof FlowExecutionOwner.Executable executable ? executable.asFlowExecutionOwner() : null;
        if (owner == null) {
            return false;
        }
        List<StepExecution> running = owner.get().getCurrentExecutions(true).get(LOAD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return running.stream().filter(AwaitingApproval.class::isInstance).map(AwaitingApproval.class::cast)
                .filter(waiting -> waiting.service().equals(service)).anyMatch(waiting -> waiting.decide(decision));
    }
}
