package io.jenkins.plugins.bluegreen.release;

import java.util.ArrayList;
import java.util.List;

/** The steps a dry run would take, in order. */
public final class Plan {

    private final List<String> steps = new ArrayList<>();

    synchronized void add(String step) {
        steps.add(step);
    }

    public synchronized List<String> steps() {
        return List.copyOf(steps);
    }
}
