package io.jenkins.plugins.bluegreen.cli;

import io.jenkins.plugins.bluegreen.approval.ApprovalDecision;
import io.jenkins.plugins.bluegreen.approval.ApprovalGate;
import io.jenkins.plugins.bluegreen.approval.ApprovalRequest;
import io.jenkins.plugins.bluegreen.cli.output.DriftTable;
import io.jenkins.plugins.bluegreen.cli.output.Progress;
import io.jenkins.plugins.bluegreen.model.Durations;
import io.jenkins.plugins.bluegreen.model.VerificationReport;
import io.jenkins.plugins.bluegreen.view.ConfigDriftView;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Asks the person at the terminal to approve a cutover, showing what they approve; no answer in time is a timeout. */
final class TerminalApproval implements ApprovalGate {

    private final Terminal terminal;
    private final String actor;
    private final Progress progress;

    /** @param progress the progress line of the switch, paused while the question is open */
    TerminalApproval(Terminal terminal, String actor, Progress progress) {
        this.terminal = terminal;
        this.actor = actor;
        this.progress = progress;
    }

    @Override
    public ApprovalDecision request(ApprovalRequest request, Duration timeout) {
        progress.pause();
        try {
            return ask(request, timeout);
        } finally {
            progress.resume();
        }
    }

    private ApprovalDecision ask(ApprovalRequest request, Duration timeout) {
        PrintWriter err = terminal.err();
        err.println();
        err.println("Approve the switch " + request.summary() + "?");
        if (request.message() != null) {
            err.println("  " + request.message());
        }
        for (VerificationReport report : request.reports()) {
            err.println("  verification of " + report.color().name() + " (" + report.version() + "): " + report.outcome());
        }
        List<String> drift = DriftTable.lines(ConfigDriftView.of(request.configDrift()), "  ");
        if (!drift.isEmpty()) {
            err.println("  WARNING: the colours' configurations differ; approving accepts that");
            drift.forEach(err::println);
        }
        if (request.previewUrl() != null) {
            err.println("  try it first: " + request.previewUrl());
        }
        if (request.drift() != null) {
            err.println("  WARNING: " + request.drift());
        }
        err.print("Type 'yes' within " + Durations.format(timeout) + " to switch, anything else to reject: ");
        err.flush();
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(terminal.readLine(), runnable -> {
            Thread reader = new Thread(runnable, "bluegreen-approval");
            reader.setDaemon(true);
            reader.start();
        });
        try {
            String typed = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String trimmed = typed == null ? "" : typed.trim();
            if (trimmed.toLowerCase(Locale.ROOT).matches("y|yes")) {
                return ApprovalDecision.granted(actor);
            }
            return ApprovalDecision.rejected(actor, "answered '" + trimmed + "' at the prompt");
        } catch (TimeoutException e) {
            err.println();
            return ApprovalDecision.timedOut();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ApprovalDecision.rejected(actor, "interrupted at the prompt");
        } catch (ExecutionException e) {
            return ApprovalDecision.rejected(actor, "the terminal could not be read: " + e.getCause().getMessage());
        }
    }
}
