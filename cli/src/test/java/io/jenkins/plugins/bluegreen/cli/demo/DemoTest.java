package io.jenkins.plugins.bluegreen.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.cli.BlueGreenCommand;
import io.jenkins.plugins.bluegreen.cli.Terminal;
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

    @Test
    void theDemoReleasesWithoutAFailedRequestAndWritesTheTimeline(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = BlueGreenCommand.run(new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), false, () -> null, Map.of()),
                "demo", "--dir", dir.toString());
        assertThat(exit).as(out + "\n" + err).isZero();
        Matcher requests = Pattern.compile("requests\\s+(\\d+) through the router: (\\d+) failed").matcher(out.toString());
        assertThat(requests.find()).as(out.toString()).isTrue();
        assertThat(Long.parseLong(requests.group(1))).isPositive();
        assertThat(requests.group(2)).isEqualTo("0");
        assertThat(out.toString()).contains("rollback   drill RTO").contains("HTTP 200 from blue");
        try (var reports = Files.list(dir.resolve("reports"))) {
            assertThat(reports.filter(p -> p.toString().endsWith(".svg")).findFirst()).hasValueSatisfying(svg ->
                    assertThat(svg).content().startsWith("<svg"));
        }
        assertThat(dir.resolve("demo-shop.json")).exists();
    }
}
