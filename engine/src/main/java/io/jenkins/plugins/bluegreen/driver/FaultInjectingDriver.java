package io.jenkins.plugins.bluegreen.driver;

import io.jenkins.plugins.bluegreen.model.Color;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory router that misbehaves on demand: refuses calls, hangs, or accepts a switch without applying it.
 * For tests of the engine's safety rules.
 */
public class FaultInjectingDriver implements TrafficDriver {

    /** What the next switch calls do. */
    public enum Fault {
        NONE,
        /** the router is down: every call throws */
        DOWN,
        /** switch calls block for {@link #hang} */
        HANG,
        /** switch calls return but the router keeps serving the old colour */
        IGNORE_SWITCH
    }

    private volatile Color live;
    private volatile Fault fault = Fault.NONE;
    private volatile Duration hang = Duration.ofSeconds(30);
    private final AtomicInteger switchCalls = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    public FaultInjectingDriver(Color initiallyLive) {
        this.live = initiallyLive;
    }

    public FaultInjectingDriver fault(Fault newFault) {
        this.fault = newFault;
        return this;
    }

    public FaultInjectingDriver hangFor(Duration duration) {
        this.hang = duration;
        return this;
    }

    /** Moves the router behind the engine's back, as an operator or another tool would. */
    public void forceLive(Color color) {
        live = color;
    }

    /** What it serves, whatever fault is injected: the truth a test compares the engine's record with. */
    public Color served() {
        return live;
    }

    public int switchCalls() {
        return switchCalls.get();
    }

    /** Every driver call of any kind, to prove a dry run makes none. */
    public int calls() {
        return calls.get();
    }

    @Override
    public String type() {
        return "fault-injecting";
    }

    @Override
    public void switchTo(Color color) {
        calls.incrementAndGet();
        switchCalls.incrementAndGet();
        switch (fault) {
            case DOWN -> throw new DriverException("fault-injecting router: switch to " + color.label() + " refused: connection refused");
            case HANG -> sleep(hang);
            case IGNORE_SWITCH -> { }
            case NONE -> live = color;
        }
    }

    @Override
    public Optional<Color> observeLive() {
        calls.incrementAndGet();
        if (fault == Fault.DOWN) {
            throw new DriverException("fault-injecting router: read-back refused: connection refused");
        }
        return Optional.ofNullable(live);
    }

    /** It holds the one colour it was told, so no colour means it routes nothing. */
    @Override
    public boolean routesNoColour() {
        return live == null;
    }

    @Override
    public Health health() {
        calls.incrementAndGet();
        return fault == Fault.DOWN ? Health.down("fault-injecting router: connection refused") : Health.ok("up");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
