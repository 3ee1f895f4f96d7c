package io.jenkins.plugins.bluegreen.approval;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An in-process gate that blocks the switching thread until another thread answers; for tests and embedding.
 * Single use: one request, one answer.
 */
public class BlockingApprovalGate implements ApprovalGate {

    private final CompletableFuture<ApprovalRequest> asked = new CompletableFuture<>();
    private final CompletableFuture<ApprovalDecision> answer = new CompletableFuture<>();

    @Override
    public ApprovalDecision request(ApprovalRequest request, Duration timeout) {
        asked.complete(request);
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return ApprovalDecision.timedOut();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ApprovalDecision.rejected("system", "interrupted while waiting for approval");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits until the engine asks, and returns what it asked. */
    public ApprovalRequest awaitRequest(Duration timeout) throws Exception {
        return asked.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void answer(ApprovalDecision decision) {
        answer.complete(decision);
    }
}
