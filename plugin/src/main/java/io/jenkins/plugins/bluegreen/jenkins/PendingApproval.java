package io.jenkins.plugins.bluegreen.jenkins;

import hudson.model.Item;
import hudson.model.Job;
import hudson.security.SecurityRealm;
import io.jenkins.plugins.bluegreen.approval.ApprovalRequest;
import io.jenkins.plugins.bluegreen.model.CheckResult;
import io.jenkins.plugins.bluegreen.model.VerificationReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import jenkins.model.IdStrategy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** A switch waiting for an approver: what the page and console show, who may answer, and until when. */
public class PendingApproval {

    private final String service;
    private final String summary;
    private final String message;
    private final String previewUrl;
    private final String drift;
    private final List<String> verification;
    private final String submitter;
    private final long deadlineMillis;

    PendingApproval(ApprovalRequest request, String submitter, long deadlineMillis) {
        this.service = request.service();
        this.summary = request.summary();
        this.message = request.message();
        this.previewUrl = request.previewUrl();
        this.drift = request.drift();
        this.submitter = submitter;
        this.deadlineMillis = deadlineMillis;
        List<String> lines = new ArrayList<>();
        for (VerificationReport report : request.reports()) {
            lines.add(report.color().name() + " (" + report.version() + "): " + report.outcome());
            for (CheckResult check : report.checks()) {
                lines.add("  " + check.outcome() + "  " + check.name() + ": " + check.detail());
            }
        }
        this.verification = lines;
    }

    /** The request as console lines: from → to, preview URL, verification, drift. */
    List<String> describe() {
        List<String> lines = new ArrayList<>(List.of(message == null ? summary : summary + ": " + message));
        lines.add("preview: " + (previewUrl == null ? "none configured" : previewUrl));
        lines.addAll(verification.isEmpty() ? List.of("no verification recorded") : verification);
        if (drift != null) {
            lines.add("DRIFT: " + drift);
        }
        return lines;
    }

    /**
     * The input step's rules: with a submitter list, listed users or groups (and administrators); without one, anyone
     * who may build the job.
     */
    boolean mayApprove(Authentication who, Job<?, ?> job) {
        JenkinsFacade jenkins = JenkinsFacade.get();
        if (submitter == null) {
            return job.hasPermission2(who, Item.BUILD);
        }
        if (!jenkins.isUseSecurity() || jenkins.isAdministrator()) {
            return true;
        }
        SecurityRealm realm = jenkins.securityRealm();
        List<String> allowed = Arrays.stream(submitter.split(",")).map(String::trim).toList();
        if (allowed.stream().anyMatch(name -> realm.getUserIdStrategy().equals(who.getName(), name))) {
            return true;
        }
        IdStrategy groups = realm.getGroupIdStrategy();
        for (GrantedAuthority authority : who.getAuthorities()) {
            if (allowed.stream().anyMatch(name -> groups.equals(authority.getAuthority(), name))) {
                return true;
            }
        }
        return false;
    }

    public String getService() {
        return service;
    }

    public String getSummary() {
        return summary;
    }

    public String getMessage() {
        return message;
    }

    public String getPreviewUrl() {
        return previewUrl;
    }

    public String getDrift() {
        return drift;
    }

    public List<String> getVerification() {
        return verification;
    }

    public String getSubmitter() {
        return submitter;
    }

    public Date getDeadline() {
        return new Date(deadlineMillis);
    }
}
