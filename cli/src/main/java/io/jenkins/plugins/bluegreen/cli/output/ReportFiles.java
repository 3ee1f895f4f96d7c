package io.jenkins.plugins.bluegreen.cli.output;

import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.view.SwitchReportPage;
import io.jenkins.plugins.bluegreen.watch.SessionDrainReport;
import io.jenkins.plugins.bluegreen.watch.SvgTimeline;
import io.jenkins.plugins.bluegreen.watch.SwitchReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes a switch report as an SVG timeline and an HTML page into {@code <state-dir>/reports/}. After a switch with
 * {@code sessions: drain} it is written once the drain has ended, so the page shows the drain too.
 */
public final class ReportFiles {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    /** Where the report was written, as absolute file paths. */
    public record Written(String svg, String html) {}

    private ReportFiles() {}

    /**
     * @param kind what moved traffic: {@code switch}, {@code rollback}, {@code drill-back} ...
     * @param drain the session drain after a switch, or {@code null}
     * @return where it was written, or {@code null} (with a warning on {@code err}) when it could not be: the
     *     traffic change itself is done and recorded, so a full disk must not turn it into a failure
     */
    public static Written write(Path stateDirectory, SwitchReport report, ServiceState state, String kind, SessionDrainReport drain,
            PrintWriter err) {
        Path directory = stateDirectory.toAbsolutePath().normalize().resolve("reports");
        String base = report.service() + "-" + STAMP.format(report.startedAt()) + "-" + kind + "-to-" + report.to().label();
        Path svg = directory.resolve(base + ".svg");
        Path html = directory.resolve(base + ".html");
        try {
            Files.createDirectories(directory);
            Files.writeString(svg, SvgTimeline.render(report), StandardCharsets.UTF_8);
            Files.writeString(html, SwitchReportPage.render(report, state, drain), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("warning: cannot write the switch report into " + directory + " (" + e.getMessage()
                    + "); the traffic change itself is done and recorded");
            return null;
        }
        return new Written(svg.toString(), html.toString());
    }
}
