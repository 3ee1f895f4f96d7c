package io.jenkins.plugins.bluegreen.drivers.fleet;

import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.driver.DriverTimeouts;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;

/**
 * Settings of the {@link FleetDriver}: several routers (an HAProxy pair behind a VIP, an nginx on every node) that
 * serve one service and are switched as one, all or nothing.
 *
 * @param routers the routers, each with a name shown in reports and {@code status}; 1 to {@value #MAX_ROUTERS}
 * @param confirmTimeout how long each router may take to read back the new colour (and, after a failure, the old one);
 *        default {@code 2s}
 */
public record FleetDriverConfig(List<Router> routers, String confirmTimeout) implements DriverConfig {

    public static final String TYPE = "fleet";
    public static final int MAX_ROUTERS = 32;
    /** Router names appear in messages and reports: plain words only. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:@-]{1,64}");

    /**
     * One router of the fleet.
     *
     * @param name shown in reports; {@code null} for {@code <type>-<position>}, e.g. {@code haproxy-2}
     * @param driver the router's own driver settings (any driver but a fleet)
     */
    public record Router(String name, DriverConfig driver) {}

    public FleetDriverConfig {
        if (routers == null || routers.isEmpty()) {
            throw new BadInputException("fleet.routers", "give at least one router, e.g. routers: [{type: haproxy, socket:"
                    + " '10.0.0.1:9999', backend: be_app}, {type: haproxy, socket: '10.0.0.2:9999', backend: be_app}]");
        }
        if (routers.size() > MAX_ROUTERS) {
            throw new BadInputException("fleet.routers", routers.size() + " routers; a fleet has at most " + MAX_ROUTERS);
        }
        List<Router> named = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < routers.size(); i++) {
            Router router = routers.get(i);
            String field = "fleet.routers[" + i + "]";
            if (router == null || router.driver() == null) {
                throw new BadInputException(field, "has no driver settings; give its type and settings, e.g. {type: haproxy, ...}");
            }
            if (router.driver() instanceof FleetDriverConfig) {
                throw new BadInputException(field + ".type", "a fleet cannot hold a fleet; list its routers directly");
            }
            String name = router.name() == null || router.name().isBlank() ? router.driver().type() + "-" + (i + 1) : router.name().trim();
            if (!NAME.matcher(name).matches()) {
                throw new BadInputException(field + ".name", "'" + name + "' is not a router name; use letters, digits and"
                        + " '-', '_', '.', ':', '@' (at most 64), e.g. 'lb1'");
            }
            if (!names.add(name)) {
                throw new BadInputException(field + ".name", "'" + name + "' names two routers; give each router its own name");
            }
            named.add(new Router(name, router.driver()));
        }
        routers = List.copyOf(named);
        confirmTimeout = DriverTimeouts.checked("fleet.confirmTimeout", confirmTimeout, "2s");
    }

    /** The routers with default names and the default confirm timeout. */
    public static FleetDriverConfig of(List<? extends DriverConfig> drivers) {
        return new FleetDriverConfig(drivers.stream().map(driver -> new Router(null, driver)).toList(), null);
    }

    public Duration confirmDuration() {
        return DriverTimeouts.parse("fleet.confirmTimeout", confirmTimeout);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public boolean touchesLocalHost() {
        return routers.stream().anyMatch(router -> router.driver().touchesLocalHost());
    }

    @Override
    public List<String> controlHosts() {
        return routers.stream().flatMap(router -> router.driver().controlHosts().stream()).distinct().toList();
    }

    @Override
    public boolean customisesRequests() {
        return routers.stream().anyMatch(router -> router.driver().customisesRequests());
    }

    @Override
    public TrafficDriver create(OkHttpClient http, SecretSource secrets) {
        return new FleetDriver(routers.stream().map(router -> new FleetDriver.Member(router.name(), router.driver().create(http, secrets)))
                .toList(), confirmDuration());
    }
}
