package io.jenkins.plugins.bluegreen.jenkins.state;

import io.jenkins.plugins.bluegreen.jenkins.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.jenkins.config.ServiceConfig;
import io.jenkins.plugins.bluegreen.jenkins.targets.TargetDriver;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.IdleStandby;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.model.VerificationReport;
import io.jenkins.plugins.bluegreen.release.Results.Status;
import io.jenkins.plugins.bluegreen.store.StateJson;
import io.jenkins.plugins.bluegreen.view.ServiceView;
import io.jenkins.plugins.bluegreen.watch.SessionDrainReport;
import io.jenkins.plugins.bluegreen.watch.SwitchReport;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * What one build recorded about one service. Engine values are kept as their JSON text, so build.xml holds only
 * this small plugin class and strings, never engine classes.
 */
@ExportedBean(defaultVisibility = 2)
public class ServiceRecord {

    private final String service;
    /** When the build started: events from then on are the ones it added. */
    private final long sinceMillis;
    private String stateJson;
    /** What the router served when this build last looked (a colour label), and the drift sentence if any. */
    private String observed;
    private String drift;
    private String lastSwitchJson;
    /** The session drain after the last switch ({@code sessions: drain}), recorded once it ended; null without one. */
    private String lastDrainJson;
    /** The driver given inline in the Pipeline, so the page's rollback button can reach the same router. */
    private TargetDriver inlineTarget;
    private transient ServiceState state;

    ServiceRecord(String service, long sinceMillis) {
        this.service = service;
        this.sinceMillis = sinceMillis;
    }

    synchronized void update(ServiceState newState) {
        stateJson = StateJson.write(newState);
        state = newState;
    }

    void setStatus(Status status) {
        observed = status.observed().map(Color::label).orElse(null);
        drift = status.drift();
    }

    void setInlineTarget(TargetDriver inlineTarget) {
        this.inlineTarget = inlineTarget;
    }

    TargetDriver getInlineTarget() {
        return inlineTarget;
    }

    /** @param drain the session drain after the switch, recorded once it has ended, or {@code null} */
    public void setLastSwitch(SwitchReport report, SessionDrainReport drain) {
        lastSwitchJson = StateJson.toJson(report);
        lastDrainJson = drain == null ? null : StateJson.toJson(drain);
    }

    /** The last switch window, or {@code null} when this build watched none. */
    public SwitchReport getLastSwitch() {
        return lastSwitchJson == null ? null
                : StateJson.fromJson(lastSwitchJson, SwitchReport.class, "the switch report of " + service + " in build.xml");
    }

    /** The session drain after the last switch window, or {@code null} when there was none. */
    public SessionDrainReport getLastDrain() {
        return lastDrainJson == null ? null
                : StateJson.fromJson(lastDrainJson, SessionDrainReport.class, "the session drain of " + service + " in build.xml");
    }

    public synchronized ServiceState getState() {
        if (state == null) {
            state = stateJson == null ? ServiceState.initial(service)
                    : StateJson.read(stateJson, "the state of " + service + " recorded in build.xml");
        }
        return state;
    }

    /** The page's view of the state as this build left it. */
    public ServiceView getView() {
        return viewOf(getState());
    }

    /** The view of another state (the current one) with what this build saw of the router. */
    ServiceView viewOf(ServiceState someState) {
        return ServiceView.of(someState, Optional.ofNullable(observed).map(label -> Color.parse("observed", label)), drift,
                standby(someState));
    }

    /** The standby's idle time now, with the service's configured keep-old window and idle cost. */
    private Optional<IdleStandby> standby(ServiceState someState) {
        ServiceConfig config = BlueGreenConfiguration.get().service(service).orElseGet(() -> new ServiceConfig(service));
        return config.standby(someState);
    }

    @Exported
    public String getService() {
        return service;
    }

    @Exported
    public String getLive() {
        return getState().live() == null ? null : getState().live().label();
    }

    @Exported
    public String getObserved() {
        return observed;
    }

    @Exported
    public String getDrift() {
        return drift;
    }

    /**
     * The configuration drift the newest verification found between the colours (live and idle colour, keys compared,
     * one entry per differing key with both values; secret-looking keys without values), or {@code null}.
     */
    @Exported
    @SuppressWarnings("unchecked")
    public Map<String, Object> getConfigDrift() {
        var found = VerificationReport.newestConfigDrift(Stream.of(getState().blue(), getState().green())
                .map(environment -> environment.lastReport()).filter(Objects::nonNull).toList());
        return found == null ? null : StateJson.mapper().convertValue(found, Map.class);
    }

    /** The standby colour now: idle since, for how long, the keep-old deadline, whether retire is due, its cost. */
    @Exported
    public String getStandby() {
        return standby(getState()).map(IdleStandby::describe).orElse(null);
    }

    /** Whether the standby's keep-old window has passed, so {@code retire} is due. */
    @Exported
    public boolean isRetireDue() {
        return standby(getState()).map(IdleStandby::retireDue).orElse(false);
    }

    /** The events this build added (approvals, switches, rollbacks, ...), oldest first, for the REST API. */
    @Exported
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> getEventsAdded() {
        return getState().events().stream().filter(event -> event.at().toEpochMilli() >= sinceMillis)
                .map(event -> (Map<String, Object>) StateJson.mapper().convertValue(event, Map.class)).toList();
    }

    /** The whole recorded state (environments, versions, statuses, events) as plain JSON values for the REST API. */
    @Exported(name = "state")
    @SuppressWarnings("unchecked")
    public Map<String, Object> getStateForApi() {
        return StateJson.mapper().convertValue(getState(), Map.class);
    }
}
