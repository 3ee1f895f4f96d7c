package io.jenkins.plugins.bluegreen.lab;

import io.jenkins.plugins.bluegreen.demo.DemoBackend;
import io.jenkins.plugins.bluegreen.driver.PublicNameResolver;
import io.jenkins.plugins.bluegreen.drivers.dns.DnsDriverConfig;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine;
import io.jenkins.plugins.bluegreen.release.ReleaseLog;
import io.jenkins.plugins.bluegreen.release.Results.Prepared;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.store.InMemoryStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/**
 * How fast a DNS switch reaches clients, measured through a real caching resolver: BIND (primary) and Knot
 * (secondary) serve the name, unbound caches it, and a sampler resolves the name through unbound every
 * {@value #SAMPLE_MILLIS} ms, as fresh clients would. The record starts with a long TTL (300 s by default).
 *
 * <ul>
 *   <li><b>prepared</b>: {@code prepare} lowers the TTL to the switch TTL and waits the old TTL out; then the switch
 *       itself is measured: from the switch call to the last resolution of the old colour, and the same for a rollback.
 *   <li><b>unprepared</b>: the switch is forced at the old TTL; the run is bounded, and the share of resolutions still
 *       on the old colour at its end is reported.
 * </ul>
 */
public final class DnsBench {

    public static final String PREPARED = "prepared: TTL lowered, old TTL waited out";
    public static final String UNPREPARED = "unprepared: switch forced at the old TTL";
    static final int SAMPLE_MILLIS = 10;
    private static final List<String> BLUE = List.of("192.0.2.10");
    private static final List<String> GREEN = List.of("192.0.2.20");
    /** The last stretch of the unprepared run whose share of old answers is reported. */
    private static final Duration END_OF_RUN = Duration.ofSeconds(1);

    /**
     * @param initialTtl the record's TTL before the release, whole seconds
     * @param switchTtl the TTL prepare lowers it to, whole seconds, less than {@code initialTtl}
     * @param unpreparedBound how long the unprepared run watches after its switch
     */
    public record Settings(Duration initialTtl, Duration switchTtl, Duration unpreparedBound) {
        public Settings {
            wholeSeconds("initialTtl", initialTtl, Duration.ofHours(1));
            wholeSeconds("switchTtl", switchTtl, Duration.ofMinutes(5));
            wholeSeconds("unpreparedBound", unpreparedBound, Duration.ofMinutes(5));
            if (switchTtl.compareTo(initialTtl) >= 0) {
                throw new BadInputException("switchTtl", "must be shorter than the initial TTL of " + initialTtl.toSeconds()
                        + " s, or there is nothing to lower");
            }
        }

        private static void wholeSeconds(String field, Duration value, Duration longest) {
            if (value == null || value.toMillis() % 1000 != 0 || value.isZero() || value.compareTo(longest) > 0) {
                throw new BadInputException(field, "use whole seconds from 1s to " + longest.toSeconds() + "s");
            }
        }

        /** The figures: a record at TTL 300 s, switched at 5 s, the unprepared run bounded to 30 s. */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(300), Duration.ofSeconds(5), Duration.ofSeconds(30));
        }
    }

    /**
     * One measured run.
     *
     * @param waitedMillis how long prepare waited for the old TTL to expire (0 unprepared)
     * @param toAllNewMillis switch call to the last resolution of the old colour; -1 when the old colour was still
     *        resolved in the last second of the bound
     * @param oldShareAtEnd the share of resolutions on the old colour in the last second of the run
     * @param rollbackMillis rollback call to the last resolution of the new colour; -1 when not measured
     */
    public record Row(String method, long initialTtlSeconds, long switchTtlSeconds, long waitedMillis, double switchCallMillis,
            long resolutions, long failed, long toAllNewMillis, double oldShareAtEnd, long rollbackMillis) {}

    private DnsBench() {}

    /** Whether the servers the bench needs are installed here. */
    public static boolean installed() {
        return RouterBinaries.find("named").isPresent() && RouterBinaries.find("knotd").isPresent()
                && RouterBinaries.find("unbound").isPresent();
    }

    public static List<Row> run(Settings settings, Consumer<String> progress) {
        return List.of(prepared(settings, progress), unprepared(settings, progress));
    }

    private static Row prepared(Settings settings, Consumer<String> progress) {
        try (Release release = Release.start(settings)) {
            progress.accept("dns / " + PREPARED + ": waiting " + settings.initialTtl().toSeconds() + " s for the old TTL to expire");
            Prepared prepared = release.engine.prepare(release.def, "bench", true);
            long switchedAt = System.nanoTime();
            release.engine.switchTraffic(release.def, BlueGreenEngine.SwitchOptions.unattended("bench"));
            double switchCall = (System.nanoTime() - switchedAt) / 1e6;
            sleep(settings.switchTtl().plusSeconds(2));
            long toAllNew = release.sampler.lastSeenAfter(Color.BLUE, switchedAt);
            double oldShare = release.sampler.share(Color.BLUE, END_OF_RUN);
            long rolledBackAt = System.nanoTime();
            release.engine.rollback(release.def, "bench", "bench rollback");
            sleep(settings.switchTtl().plusSeconds(2));
            long rollback = release.sampler.lastSeenAfter(Color.GREEN, rolledBackAt);
            Sampler.Tally tally = release.sampler.stop();
            return new Row(PREPARED, settings.initialTtl().toSeconds(), settings.switchTtl().toSeconds(), prepared.waitedMillis(),
                    switchCall, tally.resolutions(), tally.failed(), toAllNew, oldShare, rollback);
        }
    }

    private static Row unprepared(Settings settings, Consumer<String> progress) {
        try (Release release = Release.start(settings)) {
            progress.accept("dns / " + UNPREPARED + ": watching " + settings.unpreparedBound().toSeconds() + " s");
            long switchedAt = System.nanoTime();
            release.engine.switchTraffic(release.def, new BlueGreenEngine.SwitchOptions("bench", null, null, true));
            double switchCall = (System.nanoTime() - switchedAt) / 1e6;
            sleep(settings.unpreparedBound().minusNanos(System.nanoTime() - switchedAt));
            Sampler.Tally tally = release.sampler.stop();
            double oldShare = release.sampler.share(Color.BLUE, END_OF_RUN);
            long toAllNew = oldShare > 0 ? -1 : release.sampler.lastSeenAfter(Color.BLUE, switchedAt);
            return new Row(UNPREPARED, settings.initialTtl().toSeconds(), settings.switchTtl().toSeconds(), 0, switchCall,
                    tally.resolutions(), tally.failed(), toAllNew, oldShare, -1);
        }
    }

    /** The servers, an engine with green staged, and the sampler running (so unbound holds blue at the initial TTL). */
    private static final class Release implements AutoCloseable {
        private final DemoBackend blue;
        private final DemoBackend green;
        private final DnsLab lab;
        private final BlueGreenEngine engine;
        private final ServiceDefinition def;
        private final Sampler sampler;

        private Release(DemoBackend blue, DemoBackend green, DnsLab lab, BlueGreenEngine engine, ServiceDefinition def, Sampler sampler) {
            this.blue = blue;
            this.green = green;
            this.lab = lab;
            this.engine = engine;
            this.def = def;
            this.sampler = sampler;
        }

        static Release start(Settings settings) {
            DemoBackend blue = null;
            DemoBackend green = null;
            DnsLab lab = null;
            try {
                blue = DemoBackend.start(Color.BLUE, "1.0", 0);
                green = DemoBackend.start(Color.GREEN, "2.0", 0);
                lab = DnsLab.start(BLUE, settings.initialTtl(), new DnsLab.Servers(true, true));
                OkHttpClient http = new OkHttpClient();
                DnsDriverConfig config = lab.driverConfig(BLUE, GREEN, DnsLab.UPDATE_KEY, settings.switchTtl().toSeconds() + "s");
                ServiceDefinition def = ServiceDefinition.of("bench", config.create(http, DnsLab.secrets()))
                        .withUrls(blue.url(), green.url())
                        .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ZERO);
                BlueGreenEngine engine = new BlueGreenEngine(new InMemoryStateStore(), http, Clock.systemUTC(), ReleaseLog.silent());
                LabRelease.liveOnBlueWithGreenStaged(engine, def, "bench");
                Sampler sampler = Sampler.start(((PublicNameResolver) def.driver()).watchDns(), DnsLab.RECORD);
                sleep(Duration.ofMillis(500));
                return new Release(blue, green, lab, engine, def, sampler);
            } catch (IOException e) {
                closeAll(blue, green, lab);
                throw new UncheckedIOException("could not start the DNS bench", e);
            } catch (RuntimeException e) {
                closeAll(blue, green, lab);
                throw e;
            }
        }

        @Override
        public void close() {
            sampler.stop();
            closeAll(blue, green, lab);
        }

        private static void closeAll(AutoCloseable... resources) {
            for (AutoCloseable resource : resources) {
                try {
                    if (resource != null) {
                        resource.close();
                    }
                } catch (Exception ignored) {
                    // closing the rest matters more
                }
            }
        }
    }

    /** Resolves the name through the resolver every {@value #SAMPLE_MILLIS} ms and remembers which colour answered when. */
    static final class Sampler {
        record Tally(long resolutions, long failed) {}

        private record Sample(long atNanos, Color color) {}

        private final Dns resolver;
        private final String name;
        private final List<Sample> samples = new ArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        private Sampler(Dns resolver, String name) {
            this.resolver = resolver;
            this.name = name;
            this.thread = new Thread(this::loop, "dns-bench-sampler");
            this.thread.setDaemon(true);
        }

        static Sampler start(Dns resolver, String name) {
            Sampler sampler = new Sampler(resolver, name);
            sampler.thread.start();
            return sampler;
        }

        private void loop() {
            while (running) {
                Color color;
                try {
                    List<InetAddress> addresses = resolver.lookup(name);
                    color = addresses.stream().map(InetAddress::getHostAddress).toList().equals(GREEN) ? Color.GREEN
                            : addresses.stream().map(InetAddress::getHostAddress).toList().equals(BLUE) ? Color.BLUE : null;
                } catch (IOException e) {
                    color = null;
                }
                synchronized (samples) {
                    samples.add(new Sample(System.nanoTime(), color));
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** Milliseconds from {@code sinceNanos} to the last resolution of {@code color} (0 when none came after). */
        long lastSeenAfter(Color color, long sinceNanos) {
            synchronized (samples) {
                long last = sinceNanos;
                for (Sample sample : samples) {
                    if (sample.color() == color && sample.atNanos() > last) {
                        last = sample.atNanos();
                    }
                }
                return (last - sinceNanos) / 1_000_000;
            }
        }

        /** The share of the resolutions of the last {@code window} that gave {@code color}. */
        double share(Color color, Duration window) {
            synchronized (samples) {
                if (samples.isEmpty()) {
                    return 0;
                }
                long from = samples.get(samples.size() - 1).atNanos() - window.toNanos();
                List<Sample> recent = samples.stream().filter(s -> s.atNanos() >= from).toList();
                return recent.stream().filter(s -> s.color() == color).count() / (double) recent.size();
            }
        }

        /** Lets the resolution under way finish (an interrupted one would count as failed), then stops. */
        Tally stop() {
            running = false;
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (samples) {
                return new Tally(samples.size(), samples.stream().filter(s -> s.color() == null).count());
            }
        }
    }

    // ------------------------------------------------------------------ report

    static final String NOTES = "Without the prepare step, resolvers that cached the answer at the old TTL keep it until that TTL"
            + " runs out: the switch (and a rollback) reaches them only then, however fast the update was applied. The prepare"
            + " step lowers the TTL and waits the old one out before the switch, so the switch itself reaches every client within"
            + " the switch TTL. The wait is the price, paid before the switch (run `prepare` at deploy time to overlap it).\n";

    public static String markdown(List<Row> rows) {
        StringBuilder table = new StringBuilder("One run per row. A sampler resolves the name through unbound every " + SAMPLE_MILLIS
                + " ms (each resolution asks for A and AAAA); unbound asks BIND (primary) and Knot (secondary).\n\n"
                + "| method | TTL before | switch TTL | waited for the old TTL, s | switch call, ms | resolutions | failed"
                + " | to 100% new, ms | old share in the last second | rollback to 100% old, ms |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            table.append(String.format(Locale.ROOT, "| %s | %d s | %d s | %.1f | %.1f | %d | %d | %s | %.0f%% | %s |%n", row.method(),
                    row.initialTtlSeconds(), row.switchTtlSeconds(), row.waitedMillis() / 1000.0, row.switchCallMillis(),
                    row.resolutions(), row.failed(), row.toAllNewMillis() < 0 ? "not within the bound" : String.valueOf(row.toAllNewMillis()),
                    row.oldShareAtEnd() * 100, row.rollbackMillis() < 0 ? "-" : String.valueOf(row.rollbackMillis())));
        }
        table.append("\nTimes to 100% run from the switch (or rollback) call to the last resolution that still gave the old colour.\n");
        return table.toString();
    }

    /** Adds each DNS goal, checked against the rows, to the goals table. */
    static void goals(StringBuilder table, List<Row> rows) {
        for (Row row : rows) {
            if (row.method().equals(PREPARED)) {
                long goal = row.switchTtlSeconds() * 1000 + 1000;
                Bench.goal(table, "dns, prepared: 100% of fresh resolutions on the new colour within switchTtl + 1 s",
                        row.toAllNewMillis() + " ms (goal " + goal + " ms)", row.toAllNewMillis() >= 0 && row.toAllNewMillis() <= goal);
                Bench.goal(table, "dns, prepared: rollback to 100% old within switchTtl + 1 s", row.rollbackMillis() + " ms (goal "
                        + goal + " ms)", row.rollbackMillis() >= 0 && row.rollbackMillis() <= goal);
            }
        }
    }

    private static void sleep(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
