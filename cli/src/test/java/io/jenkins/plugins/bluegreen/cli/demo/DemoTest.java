package io.jenkins.plugins.bluegreen.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.cli.BlueGreenCommand;
import io.jenkins.plugins.bluegreen.cli.ExitCodes;
import io.jenkins.plugins.bluegreen.cli.Terminal;
import io.jenkins.plugins.bluegreen.lab.TestPrerequisites;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int demo(String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "demo";
        args[1] = "--dir";
        args[2] = dir.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        return BlueGreenCommand.run(new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), false, () -> null, Map.of()), args);
    }

    private void assertNoRequestFailedThrough(String router) throws Exception {
        Matcher requests = Pattern.compile("requests\\s+(\\d+) through the " + router + " router: (\\d+) failed").matcher(out.toString());
        assertThat(requests.find()).as(out.toString()).isTrue();
        assertThat(Long.parseLong(requests.group(1))).isPositive();
        assertThat(requests.group(2)).isEqualTo("0");
        assertThat(out.toString()).contains("rollback   drill RTO").contains("HTTP 200 from blue");
        assertThat(out.toString()).contains("configuration drift: GREEN differs from live BLUE in 1 of 4 keys")
                .contains("drift      features.newCheckout differed from blue (features.newCheckout: BLUE 'off', GREEN 'on');"
                        + " accepted at the approval")
                .contains("verification of GREEN (2.0): INCONCLUSIVE, accepted by demo (--yes) at the approval")
                .containsPattern("standby    BLUE \\(1\\.0\\) standby for \\d+s; kept until \\S+ \\(keep-old window\\); retire is not"
                        + " due yet; idle cost 0\\.00 EUR \\(0\\.40 EUR/h\\)")
                .doesNotContain(Demo.DEMO_PASSWORD);
        try (var reports = Files.list(dir.resolve("reports"))) {
            assertThat(reports.filter(p -> p.toString().endsWith(".svg")).findFirst()).hasValueSatisfying(svg ->
                    assertThat(svg).content().startsWith("<svg"));
        }
        assertThat(dir.resolve("demo-shop.json")).exists();
    }

    @Test
    void theDemoReleasesThroughTheEmbeddedRouterWithoutAFailedRequest() throws Exception {
        assertThat(demo()).as(out + "\n" + err).isZero();
        assertNoRequestFailedThrough("embedded");
    }

    @Test
    void theDemoReleasesThroughARealHaproxy() throws Exception {
        TestPrerequisites.requireProgram("haproxy");
        assertThat(demo("--router", "haproxy")).as(out + "\n" + err).isZero();
        assertNoRequestFailedThrough("haproxy");
    }

    @Test
    void anUnknownRouterIsBadInput() {
        assertThat(demo("--router", "envoy")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("--router: 'envoy' is not a demo router; use one of embedded, haproxy, nginx, nginx-lua, caddy");
    }
}
