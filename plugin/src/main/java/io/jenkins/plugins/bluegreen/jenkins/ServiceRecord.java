package io.jenkins.plugins.bluegreen.jenkins;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.bluegreen.model.Environment;
import io.jenkins.plugins.bluegreen.model.EnvironmentStatus;
import io.jenkins.plugins.bluegreen.model.Event;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.store.StateJson;
import io.jenkins.plugins.bluegreen.watch.SwitchReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * What one build recorded about one service. Engine values are kept as their JSON text, so build.xml holds only
 * this small plugin class and strings, never engine classes.
 */
@ExportedBean(defaultVisibility = 2)
public class ServiceRecord {

    private final String service;
    private String stateJson;
    private String drift;
    private String lastSwitchJson;
    /** The driver given inline in the Pipeline, so the page's rollback button can reach the same router. */
    private TargetDriver inlineTarget;
    private transient ServiceState state;

    ServiceRecord(String service) {
        this.service = service;
    }

    synchronized void update(ServiceState newState) {
        stateJson = StateJson.write(newState);
        state = newState;
    }

    void setDrift(String drift) {
        this.drift = drift;
    }

    void setInlineTarget(TargetDriver inlineTarget) {
        this.inlineTarget = inlineTarget;
    }

    TargetDriver getInlineTarget() {
        return inlineTarget;
    }

    void setLastSwitch(SwitchReport report) {
        try {
            lastSwitchJson = StateJson.mapper().writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot record the switch report of " + service, e);
        }
    }

    /** The last switch window, or {@code null} when this build watched none. */
    public SwitchReport getLastSwitch() {
        try {
            return lastSwitchJson == null ? null : StateJson.mapper().readValue(lastSwitchJson, SwitchReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the switch report of " + service + " in build.xml is unreadable", e);
        }
    }

    public synchronized ServiceState getState() {
        if (state == null) {
            state = stateJson == null ? ServiceState.initial(service) : StateJson.read(stateJson, "the state of " + service + " recorded in build.xml");
        }
        return state;
    }

    @Exported
    public String getService() {
        return service;
    }

    @Exported
    public String getLive() {
        return getState().live() == null ? null : getState().live().label();
    }

    /** {@code GREEN (1.4.2)}, or "none" before the first switch. */
    public String getLiveLabel() {
        Environment live = getState().liveEnvironment();
        return live == null ? Messages.ServiceRecord_NothingLive() : live.describe();
    }

    @Exported
    public String getDrift() {
        return drift;
    }

    /** The whole recorded state (environments, versions, statuses, events) as plain JSON values for the REST API. */
    @Exported(name = "state")
    @SuppressWarnings("unchecked")
    public Map<String, Object> getStateForApi() {
        return StateJson.mapper().convertValue(getState(), Map.class);
    }

    public List<Environment> getEnvironments() {
        return List.of(getState().blue(), getState().green());
    }

    /** Newest first. */
    public List<Event> getEvents() {
        List<Event> events = new ArrayList<>(getState().events());
        Collections.reverse(events);
        return events;
    }

    /** The standby a rollback returns to, or {@code null} when there is none. */
    public Environment getStandby() {
        ServiceState current = getState();
        if (current.live() == null) {
            return null;
        }
        Environment other = current.environment(current.live().other());
        return other.status() == EnvironmentStatus.STANDBY ? other : null;
    }
}
