package io.jenkins.plugins.bluegreen.jenkins.config;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.bluegreen.driver.NoopDriver;
import io.jenkins.plugins.bluegreen.driver.SessionPolicy;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.jenkins.support.FormChecks;
import io.jenkins.plugins.bluegreen.jenkins.targets.TargetDriver;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Durations;
import io.jenkins.plugins.bluegreen.model.IdleCost;
import io.jenkins.plugins.bluegreen.model.IdleStandby;
import io.jenkins.plugins.bluegreen.model.ServiceName;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.release.ReleaseCallers;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.verify.drift.DriftPolicy;
import io.jenkins.plugins.bluegreen.verify.drift.FingerprintSettings;
import io.jenkins.plugins.bluegreen.watch.ColorMarker;
import io.jenkins.plugins.bluegreen.watch.WatchPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** One service as configured globally: its colours' URLs, public URL, watch defaults and router. */
public class ServiceConfig implements Describable<ServiceConfig> {

    private static final int PROBES_PER_SECOND = 20;

    private final String name;
    private String blueUrl;
    private String greenUrl;
    private String publicUrl;
    private String markerHeader;
    private String watch;
    private int maxFailures;
    private boolean autoRollback = true;
    private String leaseWait;
    private String keepOld;
    private String idleCostPerHour;
    /** How to read each colour's configuration for the drift comparison: a path answering JSON, or a command. */
    private String fingerprintEndpoint;
    private String fingerprintCommand;
    /** Key patterns, one per line or comma-separated; empty means the engine's defaults. */
    private String expectedToDiffer;
    private String secretKeys;
    private String drift;
    /** {@code drain} keeps sessions pinned to the old colour there through a switch; empty or {@code none}: a plain switch. */
    private String sessions;
    private String sessionCookie;
    private String sessionPeriod;
    private String sessionIdle;
    private TargetDriver driver;
    /** Full-name patterns of the jobs that may release this service ({@link ReleaseCallers}). */
    private String allowedJobs;

    @DataBoundConstructor
    public ServiceConfig(String name) {
        this.name = Util.fixEmptyAndTrim(name);
    }

    /**
     * The engine's definition of this service.
     *
     * @param router the driver to use (the configured one, or one given inline in the step)
     * @param watchOverride a step's {@code watch} window, or {@code null} for the configured one
     */
    public ServiceDefinition toDefinition(TrafficDriver router, String watchOverride) {
        String window = watchOverride != null ? watchOverride : watch;
        WatchPolicy policy = window == null ? null
                : new WatchPolicy(Durations.parse("watch", window), PROBES_PER_SECOND, maxFailures, autoRollback);
        return new ServiceDefinition(name, Map.of(Color.BLUE, urls(blueUrl), Color.GREEN, urls(greenUrl)), publicUrl,
                markerHeader == null ? null : new ColorMarker.Header(markerHeader), router, policy, null, null,
                duration("leaseWait", leaseWait), duration("keepOld", keepOld))
                .withFingerprint(fingerprint())
                .withIdleCost(IdleCost.parse("idleCostPerHour", idleCostPerHour))
                .withSessions(sessionPolicy());
    }

    /** The session drain, or {@code null} for a plain switch; errors name the form's fields. */
    private SessionPolicy sessionPolicy() {
        try {
            return SessionPolicy.parse(sessions, sessionCookie, sessionPeriod, sessionIdle);
        } catch (BadInputException e) {
            throw new BadInputException(sessionFormField(e.field()), e.getMessage().substring(e.field().length() + 2));
        }
    }

    /** The engine names the spec's fields ({@code sessions.cookie}); the form calls them {@code sessionCookie}. */
    static String sessionFormField(String engineField) {
        return switch (engineField) {
            case "sessions.cookie" -> "sessionCookie";
            case "sessions.period" -> "sessionPeriod";
            case "sessions.idle" -> "sessionIdle";
            default -> "sessions";
        };
    }

    /** The configuration fingerprint, or {@code null} when neither an endpoint nor a command is configured. */
    private FingerprintSettings fingerprint() {
        if (fingerprintEndpoint == null && fingerprintCommand == null) {
            return null;
        }
        try {
            return new FingerprintSettings(fingerprintEndpoint, fingerprintCommand, patterns(expectedToDiffer), patterns(secretKeys),
                    DriftPolicy.parse("drift", drift), null);
        } catch (BadInputException e) {
            throw new BadInputException(formField(e.field()), FormChecks.problem(e));
        }
    }

    /** The engine names the spec's fields ({@code fingerprint.endpoint}); the form calls them differently. */
    private static String formField(String engineField) {
        return switch (engineField) {
            case "fingerprint", "fingerprint.endpoint" -> "fingerprintEndpoint";
            default -> engineField.replaceFirst("^fingerprint\\.", "").replaceFirst("\\[\\d+]$", "");
        };
    }

    private static List<String> patterns(String text) {
        return text == null ? null : Arrays.stream(text.split("[,\\n]")).map(String::trim).filter(p -> !p.isEmpty()).toList();
    }

    /**
     * The standby colour of {@code state} now, with this service's keep-old window and idle cost, for the pages; empty
     * when there is none, or when the settings cannot be read (the steps report those).
     */
    public Optional<IdleStandby> standby(ServiceState state) {
        try {
            Duration window = duration("keepOld", keepOld);
            return IdleStandby.of(state, window == null ? Duration.ZERO : window, IdleCost.parse("idleCostPerHour", idleCostPerHour),
                    Instant.now());
        } catch (BadInputException e) {
            return Optional.empty();
        }
    }

    /**
     * Refuses a job that may not release this service, naming the setting; a router that touches the controller
     * needs the list.
     */
    public void requireCaller(String jobFullName) {
        ReleaseCallers.parse("allowedJobs", allowedJobs).require(name, jobFullName,
                driver != null && driver.toConfig().touchesLocalHost(),
                "'Jobs allowed to release' of " + name + " under " + BlueGreenConfiguration.WHERE);
    }

    private static List<String> urls(String url) {
        return url == null ? List.of() : List.of(url);
    }

    private static Duration duration(String field, String text) {
        return text == null ? null : Durations.parse(field, text);
    }

    public String getName() {
        return name;
    }

    public String getBlueUrl() {
        return blueUrl;
    }

    @DataBoundSetter
    public void setBlueUrl(String blueUrl) {
        this.blueUrl = Util.fixEmptyAndTrim(blueUrl);
    }

    public String getGreenUrl() {
        return greenUrl;
    }

    @DataBoundSetter
    public void setGreenUrl(String greenUrl) {
        this.greenUrl = Util.fixEmptyAndTrim(greenUrl);
    }

    public String getPublicUrl() {
        return publicUrl;
    }

    @DataBoundSetter
    public void setPublicUrl(String publicUrl) {
        this.publicUrl = Util.fixEmptyAndTrim(publicUrl);
    }

    public String getMarkerHeader() {
        return markerHeader;
    }

    @DataBoundSetter
    public void setMarkerHeader(String markerHeader) {
        this.markerHeader = Util.fixEmptyAndTrim(markerHeader);
    }

    public String getWatch() {
        return watch;
    }

    @DataBoundSetter
    public void setWatch(String watch) {
        this.watch = Util.fixEmptyAndTrim(watch);
    }

    public int getMaxFailures() {
        return maxFailures;
    }

    @DataBoundSetter
    public void setMaxFailures(int maxFailures) {
        this.maxFailures = maxFailures;
    }

    public boolean isAutoRollback() {
        return autoRollback;
    }

    @DataBoundSetter
    public void setAutoRollback(boolean autoRollback) {
        this.autoRollback = autoRollback;
    }

    public String getLeaseWait() {
        return leaseWait;
    }

    @DataBoundSetter
    public void setLeaseWait(String leaseWait) {
        this.leaseWait = Util.fixEmptyAndTrim(leaseWait);
    }

    public String getKeepOld() {
        return keepOld;
    }

    @DataBoundSetter
    public void setKeepOld(String keepOld) {
        this.keepOld = Util.fixEmptyAndTrim(keepOld);
    }

    public String getIdleCostPerHour() {
        return idleCostPerHour;
    }

    @DataBoundSetter
    public void setIdleCostPerHour(String idleCostPerHour) {
        this.idleCostPerHour = Util.fixEmptyAndTrim(idleCostPerHour);
    }

    public String getFingerprintEndpoint() {
        return fingerprintEndpoint;
    }

    @DataBoundSetter
    public void setFingerprintEndpoint(String fingerprintEndpoint) {
        this.fingerprintEndpoint = Util.fixEmptyAndTrim(fingerprintEndpoint);
    }

    public String getFingerprintCommand() {
        return fingerprintCommand;
    }

    @DataBoundSetter
    public void setFingerprintCommand(String fingerprintCommand) {
        this.fingerprintCommand = Util.fixEmptyAndTrim(fingerprintCommand);
    }

    public String getExpectedToDiffer() {
        return expectedToDiffer;
    }

    @DataBoundSetter
    public void setExpectedToDiffer(String expectedToDiffer) {
        this.expectedToDiffer = Util.fixEmptyAndTrim(expectedToDiffer);
    }

    public String getSecretKeys() {
        return secretKeys;
    }

    @DataBoundSetter
    public void setSecretKeys(String secretKeys) {
        this.secretKeys = Util.fixEmptyAndTrim(secretKeys);
    }

    public String getDrift() {
        return drift;
    }

    /** {@code warn} (default), {@code fail} or {@code ignore}. */
    @DataBoundSetter
    public void setDrift(String drift) {
        this.drift = Util.fixEmptyAndTrim(drift);
    }

    public String getSessions() {
        return sessions;
    }

    /** {@code drain}: sessions pinned to the old colour by {@link #setSessionCookie} keep it through a switch. */
    @DataBoundSetter
    public void setSessions(String sessions) {
        this.sessions = Util.fixEmptyAndTrim(sessions);
    }

    public String getSessionCookie() {
        return sessionCookie;
    }

    @DataBoundSetter
    public void setSessionCookie(String sessionCookie) {
        this.sessionCookie = Util.fixEmptyAndTrim(sessionCookie);
    }

    public String getSessionPeriod() {
        return sessionPeriod;
    }

    @DataBoundSetter
    public void setSessionPeriod(String sessionPeriod) {
        this.sessionPeriod = Util.fixEmptyAndTrim(sessionPeriod);
    }

    public String getSessionIdle() {
        return sessionIdle;
    }

    @DataBoundSetter
    public void setSessionIdle(String sessionIdle) {
        this.sessionIdle = Util.fixEmptyAndTrim(sessionIdle);
    }

    public TargetDriver getDriver() {
        return driver;
    }

    @DataBoundSetter
    public void setDriver(TargetDriver driver) {
        this.driver = driver;
    }

    public String getAllowedJobs() {
        return allowedJobs;
    }

    /** Job full names, {@code folder/*} or {@code folder/**}, one a line; empty: any job (see {@link #requireCaller}). */
    @DataBoundSetter
    public void setAllowedJobs(String allowedJobs) {
        this.allowedJobs = Util.fixEmptyAndTrim(allowedJobs);
    }

    @Extension
    public static class DescriptorImpl extends Descriptor<ServiceConfig> {

        private static final Set<String> FORM_FIELDS = Set.of("name", "blueUrl", "greenUrl", "publicUrl", "markerHeader", "watch",
                "maxFailures", "autoRollback", "leaseWait", "keepOld", "idleCostPerHour", "fingerprintEndpoint", "fingerprintCommand",
                "expectedToDiffer", "secretKeys", "drift", "driver", "allowedJobs");
        /** The engine's names of the fields this form calls differently (fingerprint fields are renamed by {@link #formField}). */
        private static final Map<String, String> ENGINE_FIELDS = Map.of("urls.blue", "blueUrl", "urls.green", "greenUrl",
                "marker.header", "markerHeader", "watch.maxFailures", "maxFailures");

        @Override
        public String getDisplayName() {
            return Messages.ServiceConfig_DisplayName();
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormChecks.validate(v -> ServiceName.requireValid("name", v), value);
        }

        @POST
        public FormValidation doCheckBlueUrl(@QueryParameter String value) {
            return checkDefinition("blueUrl", value, s -> s.setBlueUrl(value));
        }

        @POST
        public FormValidation doCheckGreenUrl(@QueryParameter String value) {
            return checkDefinition("greenUrl", value, s -> s.setGreenUrl(value));
        }

        @POST
        public FormValidation doCheckPublicUrl(@QueryParameter String value) {
            return checkDefinition("publicUrl", value, s -> s.setPublicUrl(value));
        }

        @POST
        public FormValidation doCheckMarkerHeader(@QueryParameter String value) {
            return checkDefinition("markerHeader", value, s -> s.setMarkerHeader(value));
        }

        @POST
        public FormValidation doCheckAllowedJobs(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormChecks.validate(v -> ReleaseCallers.parse("allowedJobs", v), value);
        }

        @POST
        public FormValidation doCheckWatch(@QueryParameter String value) {
            return checkDefinition("watch", value, s -> s.setWatch(value));
        }

        @POST
        public FormValidation doCheckMaxFailures(@QueryParameter int value) {
            return checkDefinition("maxFailures", value, s -> {
                s.setWatch("60s");
                s.setMaxFailures(value);
            });
        }

        @POST
        public FormValidation doCheckLeaseWait(@QueryParameter String value) {
            return checkDefinition("leaseWait", value, s -> s.setLeaseWait(value));
        }

        @POST
        public FormValidation doCheckKeepOld(@QueryParameter String value) {
            return checkDefinition("keepOld", value, s -> s.setKeepOld(value));
        }

        @POST
        public FormValidation doCheckIdleCostPerHour(@QueryParameter String value) {
            return checkDefinition("idleCostPerHour", value, s -> s.setIdleCostPerHour(value));
        }

        @POST
        public FormValidation doCheckFingerprintEndpoint(@QueryParameter String value, @QueryParameter String fingerprintCommand) {
            return checkDefinition("fingerprintEndpoint", value, s -> {
                s.setFingerprintEndpoint(value);
                s.setFingerprintCommand(fingerprintCommand);
            });
        }

        @POST
        public FormValidation doCheckFingerprintCommand(@QueryParameter String value, @QueryParameter String fingerprintEndpoint) {
            return checkDefinition("fingerprintCommand", value, s -> {
                s.setFingerprintCommand(value);
                s.setFingerprintEndpoint(fingerprintEndpoint);
            });
        }

        @POST
        public FormValidation doCheckExpectedToDiffer(@QueryParameter String value) {
            return checkDefinition("expectedToDiffer", value, s -> {
                s.setFingerprintEndpoint("/config");
                s.setExpectedToDiffer(value);
            });
        }

        @POST
        public FormValidation doCheckSecretKeys(@QueryParameter String value) {
            return checkDefinition("secretKeys", value, s -> {
                s.setFingerprintEndpoint("/config");
                s.setSecretKeys(value);
            });
        }

        @POST
        public FormValidation doCheckDrift(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormChecks.validate(v -> DriftPolicy.parse("drift", v), value);
        }

        /**
         * Checks one field, for administrators only, by letting the engine define a service that has it as typed (and
         * the fields it depends on), and nothing else but a name and a router.
         */
        private static FormValidation checkDefinition(String field, Object value, Consumer<ServiceConfig> typed) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            ServiceConfig example = new ServiceConfig("shop");
            typed.accept(example);
            return FormChecks.check(field, value, FORM_FIELDS, ENGINE_FIELDS, () -> example.toDefinition(new NoopDriver(), null));
        }

        /** The session drain settings together, as the engine checks them; the message names the field to fix. */
        @POST
        public FormValidation doCheckSessions(@QueryParameter String value, @QueryParameter String sessionCookie,
                @QueryParameter String sessionPeriod, @QueryParameter String sessionIdle) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            try {
                SessionPolicy.parse(value, sessionCookie, sessionPeriod, sessionIdle);
                return FormValidation.ok();
            } catch (BadInputException e) {
                return FormValidation.error(sessionFormField(e.field()) + ": " + e.getMessage().substring(e.field().length() + 2));
            }
        }

        public ListBoxModel doFillSessionsItems() {
            return new ListBoxModel(new ListBoxModel.Option(SessionPolicy.NONE), new ListBoxModel.Option(SessionPolicy.DRAIN));
        }

        public ListBoxModel doFillDriftItems() {
            return new ListBoxModel(new ListBoxModel.Option("warn"), new ListBoxModel.Option("fail"), new ListBoxModel.Option("ignore"));
        }
    }
}
