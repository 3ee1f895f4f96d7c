package io.jenkins.plugins.bluegreen.verify;

import io.jenkins.plugins.bluegreen.model.CheckResult;
import io.jenkins.plugins.bluegreen.model.Outcome;
import io.jenkins.plugins.bluegreen.model.VerificationReport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;

/** Runs every check against every target in parallel and gathers one report per target. */
public final class Verifier {

    private final OkHttpClient http;
    private final Clock clock;

    public Verifier(OkHttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    public List<VerificationReport> run(List<Check> checks, List<CheckTarget> targets) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(16, checks.size() * targets.size())), runnable -> {
            Thread thread = new Thread(runnable, "bluegreen-verify");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<List<CompletableFuture<CheckResult>>> perTarget = new ArrayList<>();
            for (CheckTarget target : targets) {
                List<CompletableFuture<CheckResult>> futures = new ArrayList<>();
                for (Check check : checks) {
                    futures.add(CompletableFuture.supplyAsync(() -> runSafely(check, target), pool));
                }
                perTarget.add(futures);
            }
            List<VerificationReport> reports = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                CheckTarget target = targets.get(i);
                List<CheckResult> results = perTarget.get(i).stream().map(CompletableFuture::join).toList();
                reports.add(VerificationReport.of(target.color(), target.version(), target.baseUrl(), results, clock.instant()));
            }
            return reports;
        } finally {
            pool.shutdownNow();
        }
    }

    private CheckResult runSafely(Check check, CheckTarget target) {
        try {
            return check.run(target, http);
        } catch (RuntimeException e) {
            return new CheckResult(check.name(), Outcome.ERROR, "the check itself failed: " + e, 0, 0);
        }
    }
}
