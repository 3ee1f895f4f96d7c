package io.jenkins.plugins.bluegreen.cli.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.jenkins.plugins.bluegreen.approval.ApprovalPolicy;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.driver.SessionPolicy;
import io.jenkins.plugins.bluegreen.drivers.fleet.FleetDriverConfig;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.IdleCost;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.store.etcd.EtcdSettings;
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
import java.util.ArrayList;
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
            "approval", "timeouts", "keepOld", "fingerprint", "idleCostPerHour", "store", "sessions");
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
                    + String.join(", ", driverTypes.keySet()) + ", and fleet for several routers switched as one");
        }
        DriverConfig driverConfig = FleetDriverConfig.TYPE.equals(driverNode.text("type")) ? fleet(driverNode)
                : TypedRecords.read(driverNode, driverTypes);
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
            return new Spec(definition, driverConfig, checks(root), approval(root.object("approval")), store(root));
        } catch (BadInputException e) {
            throw specPath(e);
        }
    }

    /**
     * Several routers switched as one: {@code routers} lists each router's driver block, with an optional {@code name};
     * {@code shared} holds the settings every router has in common (often all but the address), so one driver type
     * with a list of endpoints is {@code shared: {type: haproxy, backend: be_app}} and {@code routers: [{socket: ...}, ...]}.
     */
    private FleetDriverConfig fleet(SpecNode fleet) {
        fleet.allowOnly(Set.of("type", "routers", "shared", "confirmTimeout"));
        SpecNode shared = fleet.object("shared");
        if (shared != null && shared.has("name")) {
            throw new BadInputException(shared.field("name"), "each router has its own name; give it in its entry of routers");
        }
        List<FleetDriverConfig.Router> routers = new ArrayList<>();
        for (SpecNode entry : fleet.list("routers")) {
            ObjectNode settings = shared == null ? JsonNodeFactory.instance.objectNode() : ((ObjectNode) shared.raw()).deepCopy();
            settings.setAll((ObjectNode) entry.raw());
            SpecNode router = new SpecNode(settings, entry.path());
            String name = router.text("name");
            settings.remove("name");
            if (FleetDriverConfig.TYPE.equals(router.text("type"))) {
                throw new BadInputException(router.field("type"), "a fleet cannot hold a fleet; list its routers directly");
            }
            routers.add(new FleetDriverConfig.Router(name, TypedRecords.read(router, driverTypes)));
        }
        try {
            return new FleetDriverConfig(routers, fleet.text("confirmTimeout"));
        } catch (BadInputException e) {
            String field = e.field().startsWith(FleetDriverConfig.TYPE + ".") ? fleet.field(e.field().substring(FleetDriverConfig.TYPE.length() + 1))
                    : e.field();
            throw new BadInputException(field, e.getMessage().substring(e.field().length() + 2));
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

    /** {@code store: file} (the default), or {@code store: {type: etcd, endpoints: [...], ...}}. */
    private static StoreSpec store(SpecNode root) {
        if (!root.has("store") || (root.raw().get("store").isValueNode() && "file".equals(root.text("store")))) {
            return StoreSpec.FILES;
        }
        if (root.raw().get("store").isValueNode()) {
            throw new BadInputException("store", "'" + root.text("store") + "' is not a store; give 'file' (the default) or"
                    + " '{type: etcd, endpoints: [https://etcd-1:2379, ...]}'");
        }
        SpecNode store = root.object("store").allowOnly(Set.of("type", "endpoints", "prefix", "leaseTtl", "tls", "username", "password"));
        String type = store.requiredText("type", "'type: etcd'");
        if (type.equals("file")) {
            return StoreSpec.FILES;
        }
        if (!type.equals("etcd")) {
            throw new BadInputException(store.field("type"), "'" + type + "' is not a store type; give 'file' or 'etcd'");
        }
        SpecNode tls = store.object("tls");
        if (tls != null) {
            tls.allowOnly(Set.of("ca", "cert", "key"));
        }
        EtcdSettings etcd = new EtcdSettings(store.texts("endpoints"), store.text("prefix"), store.duration("leaseTtl", null),
                store.text("username"), store.text("password"));
        if (tls != null && !etcd.tls()) {
            throw new BadInputException(tls.path(), "applies to https endpoints only; give store.endpoints as https:// URLs");
        }
        return tls == null ? new StoreSpec(etcd, null, null, null) : new StoreSpec(etcd, tls.text("ca"), tls.text("cert"), tls.text("key"));
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
