package io.jenkins.plugins.bluegreen.lab;

import io.jenkins.plugins.bluegreen.demo.DemoBackend;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Outcome;
import io.jenkins.plugins.bluegreen.verify.CheckTarget;
import io.jenkins.plugins.bluegreen.verify.drift.DriftCheck;
import io.jenkins.plugins.bluegreen.verify.drift.FingerprintException;
import io.jenkins.plugins.bluegreen.verify.drift.FingerprintSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * Measures the configuration drift comparison on a large configuration: two colours of {@link #KEYS} keys each
 * (nested JSON, some secret-looking keys, a few differences). It times the comparison alone (pattern matching,
 * secret hashing already done) and the whole check over loopback: both colours' {@code /config} read from real
 * backends, flattened, secret values hashed, and compared.
 */
public final class DriftBench {

    public static final int KEYS = 10_000;
    /** The goal from the drift issue: the comparison of a 10,000-key configuration stays under this. */
    public static final double GOAL_MILLIS = 100;
    public static final String HEADING = "## Configuration drift comparison";
    private static final int DIFFERENCES = 10;
    private static final int WARM_UP = 5;
    /** Measured runs: enough for a stable median and a meaningful maximum, still a few seconds in all. */
    public static final int RUNS = 20;

    /**
     * @param compareMillis the comparison alone, one value per run
     * @param checkMillis the whole check over loopback (two reads and the comparison), one value per run
     */
    public record Result(int keys, int differences, List<Double> compareMillis, List<Double> checkMillis) {}

    private DriftBench() {}

    public static Result run(int runs) {
        FingerprintSettings settings = new FingerprintSettings("/config", null, null, null, null, null);
        try (DemoBackend blue = DemoBackend.start(Color.BLUE, "1.0", 0); DemoBackend green = DemoBackend.start(Color.GREEN, "2.0", 0)) {
            blue.configuration(configuration(false));
            green.configuration(configuration(true));
            OkHttpClient http = new OkHttpClient();
            CheckTarget live = new CheckTarget("bench", Color.BLUE, "1.0", blue.url());
            CheckTarget idle = new CheckTarget("bench", Color.GREEN, "2.0", green.url());
            Map<String, String> liveValues = settings.read(live, http);
            Map<String, String> idleValues = settings.read(idle, http);
            List<Double> compare = new ArrayList<>();
            List<Double> check = new ArrayList<>();
            int differences = 0;
            for (int i = 0; i < WARM_UP + runs; i++) {
                long start = System.nanoTime();
                differences = settings.compare(Color.BLUE, liveValues, Color.GREEN, idleValues).differences().size();
                double compared = (System.nanoTime() - start) / 1e6;
                start = System.nanoTime();
                DriftCheck.Result whole = DriftCheck.run(settings, live, idle, http);
                double checked = (System.nanoTime() - start) / 1e6;
                if (whole.check().outcome() != Outcome.INCONCLUSIVE) {
                    throw new IllegalStateException("the bench configurations should drift: " + whole.check().detail());
                }
                if (i >= WARM_UP) {
                    compare.add(compared);
                    check.add(checked);
                }
            }
            http.dispatcher().executorService().shutdown();
            return new Result(liveValues.size(), differences, compare, check);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the bench's loopback backends", e);
        } catch (FingerprintException e) {
            throw new IllegalStateException("the bench's backends did not answer their configuration: " + e.getMessage(), e);
        }
    }

    /** {@link #KEYS} keys as nested JSON: 100 sections of 100 settings, every 50th a password; the idle side differs in a few. */
    static String configuration(boolean idle) {
        StringBuilder json = new StringBuilder("{");
        for (int section = 0; section < KEYS / 100; section++) {
            json.append(section == 0 ? "" : ",").append("\"section").append(section).append("\":{");
            for (int key = 0; key < 100; key++) {
                int n = section * 100 + key;
                boolean differs = idle && n % (KEYS / DIFFERENCES) == 1;
                String name = n % 50 == 0 ? "password" + key : "setting" + key;
                json.append(key == 0 ? "" : ",").append('"').append(name).append("\":\"value-").append(n)
                        .append(differs ? "-changed" : "").append('"');
            }
            json.append('}');
        }
        return json.append('}').toString();
    }

    /** The document's section: what was measured, how, and the goal. */
    public static String section(Result result, String command, String date) {
        double compareMedian = Bench.median(result.compareMillis());
        double compareMax = max(result.compareMillis());
        return HEADING + "\n\n"
                + "Written by `" + command + "` on " + date + ", " + result.compareMillis().size() + " runs after " + WARM_UP
                + " warm-up runs. Two colours of " + result.keys() + " keys each (nested JSON, every 50th key a password,"
                + " compared by hash), " + result.differences() + " of them different.\n\n"
                + "| what | ms median (max) |\n|---|---:|\n"
                + "| comparison of " + result.keys() + " keys | " + Bench.fmt(compareMedian) + " (" + Bench.fmt(compareMax) + ") |\n"
                + "| whole check over loopback: both `/config` read, flattened, hashed and compared | "
                + Bench.fmt(Bench.median(result.checkMillis())) + " (" + Bench.fmt(max(result.checkMillis())) + ") |\n\n"
                + "| goal | measured | met |\n|---|---|---|\n"
                + "| a " + result.keys() + "-key comparison under " + Bench.fmt(GOAL_MILLIS) + " ms (max) | " + Bench.fmt(compareMax) + " ms | "
                + (compareMax < GOAL_MILLIS ? "yes" : "**no**") + " |\n";
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
