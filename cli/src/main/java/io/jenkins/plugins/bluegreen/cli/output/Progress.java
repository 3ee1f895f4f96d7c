package io.jenkins.plugins.bluegreen.cli.output;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;

/**
 * A progress line rewritten in place on a terminal while a long operation runs: elapsed time, probes seen and
 * the current traffic share. Off the terminal it prints nothing; the engine's log lines say enough.
 */
public final class Progress implements AutoCloseable {

    private static final long REFRESH_MILLIS = 250;

    private final PrintWriter err;
    private final ProbeTally tally;
    private final String what;
    private final long started = System.nanoTime();
    private final Thread thread;
    private volatile boolean running = true;
    /** Set while a question waits for an answer on the same terminal: the line would overwrite it. */
    private boolean paused;

    private Progress(PrintWriter err, ProbeTally tally, String what) {
        this.err = err;
        this.tally = tally;
        this.what = what;
        this.thread = new Thread(this::loop, "bluegreen-progress");
        this.thread.setDaemon(true);
    }

    /** Starts a progress line when {@code interactive}; otherwise one that shows nothing. */
    public static Progress start(boolean interactive, PrintWriter err, ProbeTally tally, String what) {
        Progress progress = new Progress(err, tally, what);
        if (interactive) {
            progress.thread.start();
        }
        return progress;
    }

    private void loop() {
        while (running) {
            double seconds = (System.nanoTime() - started) / 1e9;
            synchronized (err) {
                if (!paused) {
                    err.printf("\r\033[K%s: %.1f s, %s", what, seconds, tally.describe());
                    err.flush();
                }
            }
            try {
                TimeUnit.MILLISECONDS.sleep(REFRESH_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Clears the line and stops drawing it until {@link #resume()}, so a question asked now stays on screen. */
    public void pause() {
        synchronized (err) {
            paused = true;
            if (thread.isAlive()) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }

    public void resume() {
        synchronized (err) {
            paused = false;
        }
    }

    @Override
    public void close() {
        if (!thread.isAlive()) {
            return;
        }
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (err) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
