package io.jenkins.plugins.bluegreen.drivers.fleet;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.OutcomeUnknownException;
import io.jenkins.plugins.bluegreen.driver.ServerAnswers;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Several routers that serve one service, switched as one, all or nothing. It serves a colour only when every router
 * does; it is healthy only when every router is. A switch calls every router in parallel and reads every one back;
 * when any of them fails or does not confirm, every router is put back on the colour it served before and read back,
 * and the exception says, router by router, what happened. The engine records the switch only when this returns, so
 * the record never claims a colour one of the routers does not serve.
 */
public final class FleetDriver implements TrafficDriver, ServerAnswers {

    private static final long READ_BACK_POLL_MILLIS = 5;
    private static final ExecutorService CALLS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "bluegreen-fleet-call");
        thread.setDaemon(true);
        return thread;
    });

    /** One router of the fleet and its driver. */
    public record Member(String name, TrafficDriver driver) {}

    /** What one call on one router gave: a value, or the error it ended with. */
    private record Answer<T>(T value, RuntimeException error) {
        boolean ok() {
            return error == null;
        }
    }

    private final List<Member> members;
    private final Duration confirmTimeout;

    /** @param members at least one, each with its own name */
    public FleetDriver(List<Member> members, Duration confirmTimeout) {
        if (members.isEmpty() || members.stream().map(Member::name).distinct().count() != members.size()) {
            throw new IllegalArgumentException("a fleet needs at least one router, each with its own name: " + members);
        }
        this.members = List.copyOf(members);
        this.confirmTimeout = confirmTimeout;
    }

    public List<Member> members() {
        return members;
    }

    @Override
    public String type() {
        return FleetDriverConfig.TYPE;
    }

    /**
     * The colour every router serves; empty when they disagree or one serves no single colour. A router that cannot be
     * read makes the fleet unreadable: the exception names it and says what the others serve.
     */
    @Override
    public Optional<Color> observeLive() {
        List<Answer<Optional<Color>>> answers = onEvery(member -> member.driver().observeLive());
        if (answers.stream().anyMatch(answer -> !answer.ok())) {
            throw new DriverException("fleet of " + members.size() + " routers: " + IntStream.range(0, members.size())
                    .filter(i -> !answers.get(i).ok()).mapToObj(i -> members.get(i).name()).collect(Collectors.joining(", "))
                    + " cannot be read (" + IntStream.range(0, members.size())
                    .mapToObj(i -> members.get(i).name() + " " + readBack(answers.get(i))).collect(Collectors.joining("; ")) + ")");
        }
        List<Optional<Color>> served = answers.stream().map(Answer::value).distinct().toList();
        return served.size() == 1 ? served.get(0) : Optional.empty();
    }

    @Override
    public boolean routesNoColour() {
        return members.stream().allMatch(member -> member.driver().routesNoColour());
    }

    @Override
    public Health health() {
        List<Answer<Health>> answers = onEvery(member -> member.driver().health());
        List<String> down = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Answer<Health> answer = answers.get(i);
            if (!answer.ok() || !answer.value().healthy()) {
                down.add(members.get(i).name() + " is not healthy (" + (answer.ok() ? answer.value().detail() : answer.error().getMessage()) + ")");
            }
        }
        String tally = (members.size() - down.size()) + " of " + members.size() + " routers healthy";
        return down.isEmpty() ? Health.ok(tally) : Health.down(String.join("; ", down) + "; " + tally);
    }

    @Override
    public List<ServerAnswer> serverAnswers() {
        List<Answer<Optional<Color>>> answers = onEvery(member -> member.driver().observeLive());
        return IntStream.range(0, members.size()).mapToObj(i -> {
            Member member = members.get(i);
            Answer<Optional<Color>> answer = answers.get(i);
            Color color = answer.ok() ? answer.value().orElse(null) : null;
            String text = "(" + member.driver().type() + ")" + (color != null ? "" : " " + readBack(answer));
            return new ServerAnswer(member.name(), color, text);
        }).toList();
    }

    /**
     * Switches every router to {@code to} in parallel and reads each back. Returns only when every router confirms.
     * Otherwise puts every router back on what it served before, reads them back, and throws: a
     * {@link DriverException} when every router is confirmed back, an {@link OutcomeUnknownException} when one is not.
     */
    @Override
    public void switchTo(Color to) {
        List<Answer<Optional<Color>>> before = onEvery(member -> member.driver().observeLive());
        List<Answer<Void>> calls = onEvery(member -> {
            member.driver().switchTo(to);
            return null;
        });
        boolean allAccepted = calls.stream().allMatch(Answer::ok);
        // A router that refused will not confirm: waiting out the confirm timeout would only delay putting the others back.
        List<Answer<Optional<Color>>> after = allAccepted ? awaitEvery(member -> to) : onEvery(member -> member.driver().observeLive());
        if (after.stream().allMatch(answer -> serves(answer, to))) {
            return;
        }
        List<Color> previous = before.stream().map(answer -> answer.ok() ? answer.value().orElse(null) : null).toList();
        List<Answer<Void>> restores = onEvery(member -> {
            Color back = previous.get(members.indexOf(member));
            if (back != null) {
                member.driver().switchTo(back);
            }
            return null;
        });
        List<Answer<Optional<Color>>> restored = awaitEvery(member -> previous.get(members.indexOf(member)));
        List<String> failed = new ArrayList<>();
        List<String> unsettled = new ArrayList<>();
        List<String> report = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            String name = members.get(i).name();
            if (!serves(after.get(i), to)) {
                failed.add(name);
            }
            boolean back = previous.get(i) != null && serves(restored.get(i), previous.get(i));
            if (!back) {
                unsettled.add(name);
            }
            report.add(name + ": " + switchOutcome(calls.get(i), after.get(i), to) + "; "
                    + restoreOutcome(previous.get(i), restores.get(i), restored.get(i), back));
        }
        String message = "fleet of " + members.size() + " routers: the switch to " + to.name() + " did not take on "
                + String.join(", ", failed) + ", so every router was put back on the colour it served: " + String.join("; ", report);
        if (unsettled.isEmpty()) {
            throw new DriverException(message + ". Every router is confirmed back, so the record keeps the colour it had; fix "
                    + String.join(", ", failed) + " and switch again", calls.stream().map(Answer::error).filter(e -> e != null).findFirst().orElse(null));
        }
        throw new OutcomeUnknownException(message + ". What " + String.join(", ", unsettled) + " serve" + (unsettled.size() == 1 ? "s" : "")
                + " is unknown until read back; run 'status' to see each router, and put " + (unsettled.size() == 1 ? "it" : "them")
                + " back by hand if needed");
    }

    private static String switchOutcome(Answer<Void> call, Answer<Optional<Color>> after, Color to) {
        if (!call.ok()) {
            return "the switch to " + to.name() + " failed (" + call.error().getMessage() + ")";
        }
        return serves(after, to) ? "switched to " + to.name() : "accepted the switch to " + to.name() + " but " + readBack(after);
    }

    private String restoreOutcome(Color previous, Answer<Void> restore, Answer<Optional<Color>> restored, boolean back) {
        if (previous == null) {
            return "served no single colour before, so there is nothing to put back; it " + readBack(restored);
        }
        String call = restore.ok() ? "" : " (the call failed: " + restore.error().getMessage() + ")";
        return back ? "back on " + previous.name() + ", confirmed" + call
                : "NOT confirmed back on " + previous.name() + " within " + Durations.format(confirmTimeout) + ": it "
                        + readBack(restored) + call;
    }

    private static boolean serves(Answer<Optional<Color>> answer, Color color) {
        return answer.ok() && answer.value().equals(Optional.of(color));
    }

    /** What a read-back gave, as a sentence's predicate: {@code reads back BLUE}, {@code cannot be read (...)}. */
    private static String readBack(Answer<Optional<Color>> answer) {
        if (!answer.ok()) {
            return "cannot be read (" + answer.error().getMessage() + ")";
        }
        return "reads back " + answer.value().map(Color::name).orElse("no single colour");
    }

    /** Reads every router back in parallel until it serves the colour expected of it (none: one read) or the confirm timeout. */
    private List<Answer<Optional<Color>>> awaitEvery(Function<Member, Color> expected) {
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        return onEvery(member -> {
            Color want = expected.apply(member);
            while (true) {
                Optional<Color> served;
                try {
                    served = member.driver().observeLive();
                } catch (RuntimeException e) {
                    if (want == null || System.nanoTime() > deadline) {
                        throw e;
                    }
                    served = Optional.empty();
                }
                if (want == null || served.equals(Optional.of(want)) || System.nanoTime() > deadline) {
                    return served;
                }
                sleep();
            }
        });
    }

    /** Runs {@code call} on every router at once; the answers are in the routers' order. */
    private <T> List<Answer<T>> onEvery(Function<Member, T> call) {
        List<Future<T>> futures = members.stream().map(member -> CALLS.submit(() -> call.apply(member))).toList();
        List<Answer<T>> answers = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                answers.add(new Answer<>(futures.get(i).get(), null));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                answers.add(new Answer<>(null, cause instanceof RuntimeException runtime ? runtime
                        : new DriverException(members.get(i).name() + ": " + cause, cause)));
            } catch (InterruptedException e) {
                futures.forEach(future -> future.cancel(true));
                Thread.currentThread().interrupt();
                throw new OutcomeUnknownException("fleet of " + members.size() + " routers: interrupted while calling "
                        + members.stream().map(Member::name).collect(Collectors.joining(", ")) + "; what they serve is unknown"
                        + " until read back; run 'status'", e);
            }
        }
        return answers;
    }

    private static void sleep() {
        try {
            Thread.sleep(READ_BACK_POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutcomeUnknownException("interrupted while reading a router back", e);
        }
    }
}
