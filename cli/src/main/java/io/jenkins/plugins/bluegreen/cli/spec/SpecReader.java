package io.jenkins.plugins.bluegreen.cli.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.jenkins.plugins.bluegreen.approval.ApprovalPolicy;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.driver.SessionPolicy;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.IdleCost;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.verify.Check;
import io.jenkins.plugins.bluegreen.verify.HttpCheck;
import io.jenkins.plugins.bluegreen.verify.WarmUpCheck;
import io.jenkins.plugins.bluegreen.verify.drift.DriftPolicy;
import io.jenkins.plugins.bluegreen.verify.drift.FingerprintSettings;
import io.jenkins.plugins.bluegreen.watch.ColorMarker;
import io.jenkins.plugins.bluegreen.watch.WatchPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;

/** Reads a spec file (YAML, or JSON when the name ends in {@code .json}) into a {@link Spec}. See docs/spec.md. */
public final class SpecReader {

    public static final Map<String, Class<? extends Check>> CHECK_TYPES = Map.of("http", HttpCheck.class, "warmUp", WarmUpCheck.class);

    private static final Set<String> TOP_LEVEL = Set.of("service", "urls", "publicUrl", "marker", "driver", "checks", "watch",
            "approval", "timeouts", "keepOld", "fingerprint", "idleCostPerHour", "sessions");
    private static final Duration DEFAULT_WATCH_WINDOW = Duration.ofSeconds(30);
    private static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofMinutes(15);

    private final Map<String, Class<? extends DriverConfig>> driverTypes;
    private final SecretSource secrets;
    private final OkHttpClient http;

    /** @param driverTypes type name to configuration record, e.g. {@code DriverTypes.all()} */
    public SpecReader(Map<String, Class<? extends DriverConfig>> driverTypes, SecretSource secrets, OkHttpClient http) {
        this.driverTypes = driverTypes;
        this.secrets = secrets;
        this.http = http;
    }

    public Spec read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException("--spec", "the spec file " + file + " does not exist; write one (see docs/spec.md)"
                    + " or point --spec at it");
        } catch (IOException e) {
            throw new BadInputException("--spec", "cannot read " + file + " (" + e.getMessage() + "); check its permissions");
        }
        return parse(text, file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"), file.toString());
    }

    /** @param origin the file name, named in syntax errors */
    public Spec parse(String text, boolean json, String origin) {
        ObjectMapper mapper = json ? new JsonMapper() : new YAMLMapper();
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new BadInputException("spec", origin + " is not valid " + (json ? "JSON" : "YAML") + where + ": " + e.getOriginalMessage());
        }
        return build(SpecNode.root(tree).allowOnly(TOP_LEVEL));
    }

    private Spec build(SpecNode root) {
        String name = root.requiredText("service", "'service: shop'");
        SpecNode driverNode = root.object("driver");
        if (driverNode == null) {
            throw new BadInputException("driver", "is required, e.g. 'driver: {type: haproxy, ...}'; types are "
                    + String.join(", ", driverTypes.keySet()));
        }
        DriverConfig driverConfig = TypedRecords.read(driverNode, driverTypes);
        String publicUrl = root.text("publicUrl");
        SpecNode timeouts = root.object("timeouts");
        if (timeouts != null) {
            timeouts.allowOnly(Set.of("driver", "confirm", "lease"));
        }
        try {
            ServiceDefinition definition = new ServiceDefinition(name, urls(root.object("urls")), publicUrl,
                    marker(root.object("marker")), driverConfig.create(http, secrets), watch(root.object("watch"), publicUrl),
                    timeouts == null ? null : timeouts.duration("driver", null),
                    timeouts == null ? null : timeouts.duration("confirm", null),
                    timeouts == null ? null : timeouts.duration("lease", null),
                    root.duration("keepOld", null))
                    .withFingerprint(fingerprint(root.object("fingerprint")))
                    .withIdleCost(IdleCost.parse("idleCostPerHour", root.text("idleCostPerHour")))
                    .withSessions(sessions(root.object("sessions")));
            return new Spec(definition, driverConfig, checks(root), approval(root.object("approval")));
        } catch (BadInputException e) {
            throw specPath(e);
        }
    }

    /** The engine names its own parameters; the spec calls some of them differently. */
    private static BadInputException specPath(BadInputException e) {
        String renamed = switch (e.field()) {
            case "driverTimeout" -> "timeouts.driver";
            case "confirmTimeout" -> "timeouts.confirm";
            default -> null;
        };
        if (renamed == null) {
            return e;
        }
        return new BadInputException(renamed, e.getMessage().substring(e.field().length() + 2));
    }

    private static Map<Color, List<String>> urls(SpecNode urls) {
        Map<Color, List<String>> byColor = new EnumMap<>(Color.class);
        if (urls == null) {
            return byColor;
        }
        urls.allowOnly(Set.of("blue", "green"));
        for (Color color : Color.values()) {
            byColor.put(color, urls.texts(color.label()));
        }
        return byColor;
    }

    private static ColorMarker marker(SpecNode marker) {
        if (marker == null) {
            return null;
        }
        marker.allowOnly(Set.of("header", "jsonPointer", "bodyRegex"));
        if (marker.raw().size() != 1) {
            throw new BadInputException(marker.path(), "give exactly one of header, jsonPointer or bodyRegex");
        }
        if (marker.has("header")) {
            return new ColorMarker.Header(marker.text("header"));
        }
        if (marker.has("jsonPointer")) {
            return new ColorMarker.JsonPointerMarker(marker.text("jsonPointer"));
        }
        return new ColorMarker.BodyRegex(marker.text("bodyRegex"));
    }

    private static WatchPolicy watch(SpecNode watch, String publicUrl) {
        if (watch == null) {
            return publicUrl == null ? null : WatchPolicy.of(DEFAULT_WATCH_WINDOW);
        }
        watch.allowOnly(Set.of("window", "probesPerSecond", "maxFailures", "autoRollback"));
        WatchPolicy defaults = WatchPolicy.of(DEFAULT_WATCH_WINDOW);
        return new WatchPolicy(watch.duration("window", defaults.window()), watch.integer("probesPerSecond", defaults.probesPerSecond()),
                watch.integer("maxFailures", defaults.maxFailures()), watch.bool("autoRollback", defaults.autoRollback()));
    }

    private static SessionPolicy sessions(SpecNode sessions) {
        if (sessions == null) {
            return null;
        }
        sessions.allowOnly(Set.of("mode", "cookie", "period", "idle"));
        if (!sessions.has("mode")) {
            throw new BadInputException("sessions.mode", "missing; write 'mode: drain' to keep sessions on the old colour through a"
                    + " switch, or remove 'sessions' for a plain switch");
        }
        return SessionPolicy.parse(sessions.text("mode"), sessions.text("cookie"), sessions.text("period"), sessions.text("idle"));
    }

    private static FingerprintSettings fingerprint(SpecNode fingerprint) {
        if (fingerprint == null) {
            return null;
        }
        fingerprint.allowOnly(Set.of("endpoint", "command", "expectedToDiffer", "secretKeys", "drift", "timeout"));
        return new FingerprintSettings(fingerprint.text("endpoint"), fingerprint.text("command"),
                fingerprint.has("expectedToDiffer") ? fingerprint.texts("expectedToDiffer") : null,
                fingerprint.has("secretKeys") ? fingerprint.texts("secretKeys") : null,
                DriftPolicy.parse(fingerprint.field("drift"), fingerprint.text("drift")), fingerprint.duration("timeout", null));
    }

    private static List<Check> checks(SpecNode root) {
        return root.list("checks").stream().<Check>map(item -> TypedRecords.read(item, CHECK_TYPES)).toList();
    }

    private static ApprovalPolicy approval(SpecNode approval) {
        if (approval == null) {
            return new ApprovalPolicy(DEFAULT_APPROVAL_TIMEOUT, ApprovalPolicy.OnTimeout.ABORT, null);
        }
        approval.allowOnly(Set.of("timeout", "onTimeout", "message"));
        ApprovalPolicy.OnTimeout whenNoAnswer = ApprovalPolicy.OnTimeout.parse(approval.field("onTimeout"), approval.text("onTimeout"));
        return new ApprovalPolicy(approval.duration("timeout", DEFAULT_APPROVAL_TIMEOUT), whenNoAnswer, approval.text("message"));
    }
}
