package io.jenkins.plugins.bluegreen.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Durations;
import io.jenkins.plugins.bluegreen.model.ServiceName;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.driver.NoopDriver;
import io.jenkins.plugins.bluegreen.store.StateJson;
import io.jenkins.plugins.bluegreen.store.StateStoreException;
import io.jenkins.plugins.bluegreen.verify.HttpCheck;
import io.jenkins.plugins.bluegreen.verify.WarmUpCheck;
import io.jenkins.plugins.bluegreen.watch.ColorMarker;
import io.jenkins.plugins.bluegreen.watch.WatchPolicy;
import java.time.Duration;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Any input to a parser or a validating constructor yields either a valid value or a {@link BadInputException}
 * naming the field: never another exception.
 */
class InputFuzzingTest {

    /** Strings that look almost right as often as they look wrong. */
    @Provide
    Arbitrary<String> nearMisses() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("0123456789 msdh.-+").ofMaxLength(12),
                Arbitraries.strings().withChars("bluegreBLUEGR <>&\"'\\/\u0000\n").ofMaxLength(10),
                Arbitraries.of("", " ", "null", "30s", "500ms", "blue", "GREEN", "shop", "/health", "<script>alert(1)</script>"));
    }

    private static <T> void validOrBadInput(String field, Supplier<T> parse) {
        Throwable thrown = catchThrowable(parse::get);
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(BadInputException.class);
            assertThat(((BadInputException) thrown).field()).startsWith(field);
            assertThat(thrown.getMessage()).startsWith(field);
        }
    }

    @Property(tries = 2000)
    void durations(@ForAll("nearMisses") String text) {
        validOrBadInput("watch", () -> Durations.parse("watch", text));
    }

    @Property(tries = 1000)
    void colours(@ForAll("nearMisses") String text) {
        validOrBadInput("color", () -> Color.parse("color", text));
    }

    @Property(tries = 1000)
    void serviceNames(@ForAll("nearMisses") String text) {
        validOrBadInput("service", () -> ServiceName.requireValid("service", text));
    }

    @Property(tries = 1000)
    void serviceDefinitions(@ForAll("nearMisses") String name, @ForAll("nearMisses") String url,
            @ForAll @IntRange(min = -5, max = 100) int timeoutMillis) {
        Throwable thrown = catchThrowable(() -> ServiceDefinition.of(name, new NoopDriver())
                .withPublicUrl(url, WatchPolicy.none())
                .withTimeouts(Duration.ofMillis(timeoutMillis), null, null));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(BadInputException.class);
            assertThat(((BadInputException) thrown).field()).isIn("service", "publicUrl", "driverTimeout");
        }
    }

    @Property(tries = 1000)
    void httpChecks(@ForAll("nearMisses") String path, @ForAll @IntRange(min = -10, max = 1000) int status,
            @ForAll("nearMisses") String regex, @ForAll("nearMisses") String pointer, @ForAll @IntRange(min = -2, max = 20000) int streak) {
        validOrBadInput("httpCheck", () -> new HttpCheck(path, status, null, regex, pointer, "x", null, streak, null, Duration.ofSeconds(1)));
    }

    @Property(tries = 500)
    void warmUps(@ForAll("nearMisses") String path, @ForAll @IntRange(min = -10, max = 200000) int requests,
            @ForAll @IntRange(min = -10, max = 1000) int p95Millis) {
        validOrBadInput("warmUp", () -> new WarmUpCheck(path, requests, Duration.ofMillis(p95Millis), null));
    }

    @Property(tries = 500)
    void markers(@ForAll("nearMisses") String text) {
        validOrBadInput("marker", () -> new ColorMarker.Header(text));
        validOrBadInput("marker", () -> new ColorMarker.JsonPointerMarker(text));
        validOrBadInput("marker", () -> new ColorMarker.BodyRegex(text));
    }

    @Property(tries = 500)
    void watchPolicies(@ForAll @IntRange(min = -100, max = 100_000) int windowMillis, @ForAll @IntRange(min = -5, max = 5000) int rate,
            @ForAll @IntRange(min = -5, max = 50) int maxFailures) {
        validOrBadInput("watch", () -> new WatchPolicy(Duration.ofMillis(windowMillis), rate, maxFailures, true));
    }

    /** A state file of any content is read, or refused with a message naming the file; nothing else escapes. */
    @Property(tries = 2000)
    void stateFiles(@ForAll("stateTexts") String text) {
        Throwable thrown = catchThrowable(() -> StateJson.read(text, "/state/shop.json"));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(StateStoreException.class).hasMessageStartingWith("/state/shop.json");
        }
    }

    @Provide
    Arbitrary<String> stateTexts() {
        String valid = StateJson.write(io.jenkins.plugins.bluegreen.model.ServiceState.initial("shop"));
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.integers().between(0, valid.length()).map(cut -> valid.substring(0, cut)),
                Arbitraries.integers().between(0, valid.length() - 1).flatMap(at -> Arbitraries.chars().ascii()
                        .map(c -> valid.substring(0, at) + c + valid.substring(at + 1))),
                Arbitraries.of("{}", "[]", "null", "{\"schemaVersion\":\"x\"}", "{\"schemaVersion\":3}", "{\"live\":\"PURPLE\"}"));
    }
}
