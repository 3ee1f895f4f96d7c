package io.jenkins.plugins.bluegreen.jenkins.approval;

import hudson.model.Item;
import hudson.model.Job;
import hudson.security.SecurityRealm;
import io.jenkins.plugins.bluegreen.approval.ApprovalRequest;
import io.jenkins.plugins.bluegreen.jenkins.support.JenkinsFacade;
import io.jenkins.plugins.bluegreen.store.StateJson;
import io.jenkins.plugins.bluegreen.view.ConfigDriftView;
import io.jenkins.plugins.bluegreen.view.VerificationView;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import jenkins.model.IdStrategy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * A switch waiting for an approver: the engine's request (kept as JSON text, like every engine value in build.xml),
 * who may answer, and until when.
 */
public class PendingApproval {

    private final String service;
    private final String requestJson;
    private final String submitter;
    private final long deadlineMillis;
    /** The engine's sentence when the live colour was adopted and traffic has not moved since; {@code null} otherwise. */
    private final String adoption;
    private transient ApprovalRequest request;

    public PendingApproval(ApprovalRequest request, String submitter, long deadlineMillis, String adoption) {
        this.service = request.service();
        this.requestJson = StateJson.toJson(request);
        this.request = request;
        this.submitter = submitter;
        this.deadlineMillis = deadlineMillis;
        this.adoption = adoption == null || adoption.isEmpty() ? null : adoption;
    }

    /** From and to versions, the question, the preview URL, verification and drift. */
    public synchronized ApprovalRequest getRequest() {
        if (request == null) {
            request = StateJson.fromJson(requestJson, ApprovalRequest.class, "the approval request of " + service + " in build.xml");
        }
        return request;
    }

    /** Each colour's verification, one line per check with a status symbol. */
    public List<VerificationView> getVerification() {
        return VerificationView.of(getRequest().reports());
    }

    /** How the live colour was adopted (it ran before the tool took the service over), or {@code null}. */
    public String getAdoption() {
        return adoption;
    }

    /** Who may answer: the submitter list, or anyone who may build the job. */
    public String getApprovers() {
        return submitter == null ? Messages.PendingApproval_AnyBuilder() : submitter;
    }

    /** The configuration drift the approver accepts by proceeding, as a table; not shown when there is none. */
    public ConfigDriftView getConfigDrift() {
        return ConfigDriftView.of(getRequest().configDrift());
    }

    /**
     * The input step's rules: with a submitter list, listed users or groups (and administrators); without one, anyone
     * who may build the job.
     */
    public boolean mayApprove(Authentication who, Job<?, ?> job) {
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

    public String getSubmitter() {
        return submitter;
    }

    public Date getDeadline() {
        return new Date(deadlineMillis);
    }
}
