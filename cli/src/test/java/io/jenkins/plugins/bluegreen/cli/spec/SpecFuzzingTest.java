package io.jenkins.plugins.bluegreen.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.bluegreen.cli.BlueGreenCommand;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import okhttp3.OkHttpClient;

/**
 * Any spec text, however mangled, gives a spec or a {@link BadInputException} naming a field: never another
 * exception. The inputs are a full, valid spec with one line cut, doubled or given a random value, and plain noise.
 */
class SpecFuzzingTest {

    private static final List<String> FULL_SPEC = List.of(
            "service: shop",
            "urls: {blue: http://127.0.0.1:9001, green: [http://127.0.0.1:9002]}",
            "publicUrl: http://127.0.0.1:8080",
            "marker: {header: X-Color}",
            "driver: {type: haproxy, socket: 127.0.0.1:9999, backend: be_app, blueServer: blue, greenServer: green}",
            "checks:",
            "  - {type: http, path: /health, consecutiveSuccesses: 3, interval: 200ms, timeout: 20s}",
            "  - {type: warmUp, path: /, requests: 100, p95: 250ms}",
            "watch: {window: 45s, probesPerSecond: 20, maxFailures: 2, autoRollback: false}",
            "approval: {timeout: 5m, onTimeout: proceed, message: \"Ship it?\"}",
            "timeouts: {driver: 3s, confirm: 2s, lease: 1m}",
            "keepOld: 2h");

    private final SpecReader reader = new SpecReader(BlueGreenCommand.driverTypes(), new SpecSecrets(Map.of()), new OkHttpClient());

    @Provide
    Arbitrary<String> specs() {
        Arbitrary<Integer> line = Arbitraries.integers().between(0, FULL_SPEC.size() - 1);
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20),
                Arbitraries.of("", "-1", "0", "99999999999", "1.5", "true", "null", "[]", "{}", "~", "5 minutes", "purple", "<b>", "'"));
        Arbitrary<String> changedValue = Combinators.combine(line, value).as((index, replacement) -> {
            String original = FULL_SPEC.get(index);
            int colon = original.lastIndexOf(": ");
            String changed = colon < 0 ? original + replacement : original.substring(0, colon + 2) + replacement;
            return joinWith(index, changed);
        });
        Arbitrary<String> cutLine = line.map(index -> joinWith(index, ""));
        Arbitrary<String> doubledLine = line.map(index -> joinWith(index, FULL_SPEC.get(index) + "\n" + FULL_SPEC.get(index)));
        Arbitrary<String> truncated = Arbitraries.integers().between(0, String.join("\n", FULL_SPEC).length())
                .map(cut -> String.join("\n", FULL_SPEC).substring(0, cut));
        return Arbitraries.oneOf(changedValue, cutLine, doubledLine, truncated, Arbitraries.strings().ofMaxLength(80));
    }

    private static String joinWith(int index, String replacement) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < FULL_SPEC.size(); i++) {
            text.append(i == index ? replacement : FULL_SPEC.get(i)).append('\n');
        }
        return text.toString();
    }

    @Property(tries = 3000)
    void everySpecIsValidOrBadInputNamingAField(@ForAll("specs") String text) {
        Throwable thrown = catchThrowable(() -> reader.parse(text, false, "bluegreen.yaml"));
        if (thrown != null) {
            assertThat(thrown).as(text).isInstanceOf(BadInputException.class);
            assertThat(((BadInputException) thrown).field()).as(text).isNotBlank();
        }
    }

    @Property(tries = 1000)
    void everyJsonSpecIsValidOrBadInput(@ForAll("specs") String text) {
        Throwable thrown = catchThrowable(() -> reader.parse(text, true, "bluegreen.json"));
        assertThat(thrown == null || thrown instanceof BadInputException).as(String.valueOf(thrown)).isTrue();
    }
}
