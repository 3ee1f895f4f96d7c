package io.jenkins.plugins.bluegreen.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.FaultInjectingDriver;
import io.jenkins.plugins.bluegreen.driver.FaultInjectingDriver.Fault;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.CheckResult;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Environment;
import io.jenkins.plugins.bluegreen.model.Outcome;
import io.jenkins.plugins.bluegreen.model.RefusedException;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine.SwitchOptions;
import io.jenkins.plugins.bluegreen.release.DeployFailedException;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.store.InMemoryStateStore;
import io.jenkins.plugins.bluegreen.verify.Check;
import io.jenkins.plugins.bluegreen.verify.CheckTarget;
import io.jenkins.plugins.bluegreen.verify.VerifyTarget;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import okhttp3.OkHttpClient;

/**
 * Random sequences of every release operation, interleaved with router faults, against the in-memory
 * {@link FaultInjectingDriver}. The router may already serve a colour, running a version nobody recorded, when the
 * record is empty: a service that predates the tool. After every action two invariants hold:
 * <ol>
 *   <li>only switch, rollback or drill changed what users get (the colour the router serves, and the version that
 *       colour runs);
 *   <li>the record never claims a colour, or a version, that the router does not serve.
 * </ol>
 * Verification uses a scripted check with a chosen outcome instead of HTTP, so that thousands of sequences run in
 * seconds; the checks themselves are tested against real backends elsewhere.
 */
class ReleaseInvariantsWithFaultInjectingRouterTest {

    private static final OkHttpClient HTTP = new OkHttpClient();
    /**
     * Long enough that a call of the in-memory router never runs out of it on a loaded machine: a call that did, and
     * then landed after the engine had read back and given up, would move traffic behind everybody's back (a limit of
     * any router call that outlives its timeout, which the engine reports as an unknown outcome). Only the HANG fault
     * runs out of it.
     */
    private static final Duration DRIVER_TIMEOUT = Duration.ofMillis(250);
    private static final Duration HANG = Duration.ofMillis(400);

    /** What the world looks like: the router, the versions each colour's backend runs, and the engine's record. */
    static final class World {
        final FaultInjectingDriver router;
        final Map<Color, String> running = new EnumMap<>(Color.class);
        final InMemoryStateStore store = new InMemoryStateStore();
        final BlueGreenEngine engine = new BlueGreenEngine(store, HTTP, Clock.systemUTC(), line -> { });
        final ServiceDefinition service;
        final List<String> story = new ArrayList<>();
        private int releases;

        World(Color servedAtStart) {
            router = new FaultInjectingDriver(servedAtStart).hangFor(HANG);
            if (servedAtStart != null) {
                running.put(servedAtStart, "0.9-before-adoption");
            }
            service = ServiceDefinition.of("shop", router)
                    .withUrls("http://127.0.0.1:9/blue", "http://127.0.0.1:9/green")
                    .withTimeouts(DRIVER_TIMEOUT, Duration.ofMillis(15), Duration.ZERO);
            story.add("router serves " + servedAtStart + " running " + running);
        }

        /** The colour users get and the version it runs. */
        String servedToUsers() {
            Color served = router.served();
            return served == null ? "nothing" : served + " " + running.get(served);
        }

        ServiceState record() {
            return store.load("shop");
        }

        String nextVersion() {
            return "v" + ++releases;
        }
    }

    @Property(tries = 2000)
    void onlyTrafficOperationsMoveTrafficAndTheRecordNeverClaimsWhatTheRouterDoesNotServe(
            @ForAll("releaseSequences") ActionChain<World> chain) {
        chain.withInvariant("the record claims only what the router serves", world -> {
            ServiceState record = world.record();
            if (record.live() == null) {
                return;
            }
            assertThat(world.router.served()).as("record says %s live; story %s", record.live(), world.story).isEqualTo(record.live());
            Environment live = record.liveEnvironment();
            if (live.version() != null) {
                assertThat(world.running.get(live.color())).as("version on live %s; story %s", live.color(), world.story)
                        .isEqualTo(live.version());
            }
        }).run();
    }

    @Provide
    Arbitrary<ActionChain<World>> releaseSequences() {
        return Arbitraries.of(Color.BLUE, Color.GREEN).injectNull(0.34)
                .flatMap(servedAtStart -> ActionChain.startWith(() -> new World(servedAtStart))
                        .withAction(4, deploy())
                        .withAction(4, verify())
                        .withAction(3, trafficMove("switch", world -> world.engine.switchTraffic(world.service,
                                SwitchOptions.unattended("prop"))))
                        .withAction(1, trafficMove("forced switch", world -> world.engine.switchTraffic(world.service,
                                new SwitchOptions("prop", null, null, true))))
                        .withAction(2, trafficMove("rollback", world -> world.engine.rollback(world.service, "prop", "test")))
                        .withAction(1, trafficMove("drill", world -> world.engine.drill(world.service, "prop")))
                        .withAction(1, stillTraffic("retire", world -> world.engine.retire(world.service, "prop", true)))
                        .withAction(1, stillTraffic("reconcile", world -> world.engine.reconcile(world.service, "prop")))
                        .withAction(1, stillTraffic("status", world -> world.engine.status(world.service)))
                        .withAction(2, routerFault())
                        .withMaxTransformations(16));
    }

    /**
     * Deploys the next version; the body changes what the target colour's backend runs, and sometimes fails after
     * that (a failed smoke step of the deploy script), which leaves the colour FAILED, though it runs the version.
     */
    private static Action<World> deploy() {
        return Action.just(Transformer.<World>mutate("deploy", world -> {
            String version = world.nextVersion();
            boolean bodyFails = version.hashCode() % 5 == 0;
            stillTraffic(world, "deploy " + version + (bodyFails ? " (body fails)" : ""), () -> world.engine.deploy(world.service,
                    version, "prop", target -> {
                        world.running.put(target.color(), version);
                        if (bodyFails) {
                            throw new IllegalStateException("deploy script failed");
                        }
                    }));
        }));
    }

    private static Action<World> verify() {
        return (Action.Independent<World>) () -> Arbitraries.of(VerifyTarget.values()).flatMap(which ->
                Arbitraries.of(Outcome.values()).map(outcome -> Transformer.<World>mutate("verify " + which + " " + outcome,
                        world -> stillTraffic(world, "verify " + which + " " + outcome, () -> world.engine.verify(world.service,
                                List.of(new ScriptedCheck(outcome)), which, "prop")))));
    }

    private static Action<World> routerFault() {
        return (Action.Independent<World>) () -> Arbitraries.of(Fault.values()).map(fault ->
                Transformer.<World>mutate("router " + fault, world -> {
                    world.router.fault(fault);
                    world.story.add("router fault " + fault);
                }));
    }

    private static Action<World> trafficMove(String name, java.util.function.Consumer<World> operation) {
        return Action.just(Transformer.<World>mutate(name, world -> attempt(world, name, () -> operation.accept(world))));
    }

    private static Action<World> stillTraffic(String name, java.util.function.Consumer<World> operation) {
        return Action.just(Transformer.<World>mutate(name, world -> stillTraffic(world, name, () -> operation.accept(world))));
    }

    /** Runs an operation that must not change what users get, and checks that it did not. */
    private static void stillTraffic(World world, String name, Runnable operation) {
        String before = world.servedToUsers();
        attempt(world, name, operation);
        assertThat(world.servedToUsers()).as("%s changed what users get; story %s", name, world.story).isEqualTo(before);
    }

    /** Runs an operation; a refusal, a bad input or a router failure is an answer, anything else a bug. */
    private static void attempt(World world, String name, Runnable operation) {
        try {
            operation.run();
            world.story.add(name + ": done, record " + describe(world.record()) + ", users get " + world.servedToUsers());
        } catch (RefusedException | BadInputException | DriverException | DeployFailedException answer) {
            world.story.add(name + ": " + answer.getClass().getSimpleName() + ", users get " + world.servedToUsers());
        }
    }

    private static String describe(ServiceState state) {
        return "live=" + state.live() + " blue=" + state.blue().status() + "/" + state.blue().version()
                + " green=" + state.green().status() + "/" + state.green().version();
    }

    /** A check whose outcome the sequence chose. */
    private record ScriptedCheck(Outcome outcome) implements Check {
        @Override
        public String name() {
            return "scripted " + outcome;
        }

        @Override
        public CheckResult run(CheckTarget target, OkHttpClient http) {
            return new CheckResult(name(), Objects.requireNonNull(outcome), "scripted", 1, 0);
        }
    }
}
