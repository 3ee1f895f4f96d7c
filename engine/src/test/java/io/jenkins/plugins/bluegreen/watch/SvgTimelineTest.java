package io.jenkins.plugins.bluegreen.watch;

import static io.jenkins.plugins.bluegreen.watch.MarkupAssertions.elements;
import static io.jenkins.plugins.bluegreen.watch.MarkupAssertions.parseInert;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.model.Color;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SvgTimelineTest {

    private static final String SCRIPT = "<script>alert(1)</script>";

    private static ProbeSample answered(long atMillis, Color color) {
        return new ProbeSample(atMillis, color, 200, 2_000, null);
    }

    private static ProbeSample failed(long atMillis, String error) {
        return new ProbeSample(atMillis, null, 0, 0, error);
    }

    private static SwitchReport report(String service, long switchAtMillis, List<ProbeSample> samples) {
        return new SwitchReport(service, Color.BLUE, Color.GREEN, Instant.parse("2026-11-22T05:00:00Z"), switchAtMillis, samples);
    }

    /**
     * Blue every 10 ms until 20 ms after the switch at 500 ms, two refused connections, then green but for one
     * straggler still on blue at +60 ms.
     */
    private static SwitchReport typicalSwitch() {
        List<ProbeSample> samples = new ArrayList<>();
        for (long at = 0; at <= 1000; at += 10) {
            if (at == 520 || at == 530) {
                samples.add(failed(at, "connection refused"));
            } else {
                samples.add(answered(at, at < 520 || at == 560 ? Color.BLUE : Color.GREEN));
            }
        }
        return report("shop", 500, samples);
    }

    private static String text(Document svg, String localName) {
        return elements(svg, localName).stream().map(Element::getTextContent).reduce("", (a, b) -> a + "\n" + b);
    }

    @Test
    void typicalSwitchIsWellFormedInertSvgWithTitleFiguresAndSwitchLine() throws Exception {
        String svg = SvgTimeline.render(typicalSwitch(), "BLUE (1.4.1)", "GREEN (1.4.2)");

        Document document = parseInert(svg);

        assertThat(document.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(document.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        String texts = text(document, "text");
        assertThat(texts).contains("shop: BLUE (1.4.1) \u2192 GREEN (1.4.2)")
                .contains("probes: 101, failed: 2, first on GREEN: +40 ms, 100% on GREEN: +70 ms, p99 latency: 2.0 ms")
                .contains("switch")
                .contains("milliseconds relative to the switch call");
        assertThat(svg).isEqualTo(svg.codePoints().filter(c -> c < 0x80)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
    }

    @Test
    void failedProbesAreRedTicksWithTheirErrorAsTooltip() throws Exception {
        Document document = parseInert(SvgTimeline.render(typicalSwitch()));

        List<Element> ticks = elements(document, "line").stream()
                .filter(line -> ((Element) line.getParentNode()).getAttribute("stroke").equals(SvgTimeline.FAILED_FILL))
                .toList();
        assertThat(ticks).hasSize(2);
        assertThat(ticks).extracting(Element::getTextContent)
                .containsExactly("+20 ms: connection refused", "+30 ms: connection refused");
    }

    @Test
    void bucketsSplitAtTheSwitchAndCountWhoAnswered() {
        SwitchReport report = report("shop", 1000, List.of(
                answered(900, Color.BLUE), answered(950, Color.BLUE),
                answered(1000, Color.BLUE), answered(1050, Color.GREEN),
                answered(1100, Color.GREEN), new ProbeSample(1150, Color.GREEN, 503, 1_000, null),
                answered(1190, null)));

        List<TrafficBucket> buckets = report.buckets(3);

        assertThat(buckets).containsExactly(
                new TrafficBucket(-100, 0, 2, 0, 0, 0),
                new TrafficBucket(0, 100, 1, 1, 0, 0),
                new TrafficBucket(100, 200, 0, 1, 1, 1));
        assertThat(buckets.get(0).share(Color.BLUE)).isEqualTo(1.0);
        assertThat(buckets.get(1).share(Color.BLUE)).isEqualTo(0.5);
        assertThat(buckets.get(1).share(Color.GREEN)).isEqualTo(0.5);
        assertThat(buckets.get(2).share(Color.GREEN)).isEqualTo(1 / 3.0);
        assertThat(buckets.get(2).unknownShare()).isEqualTo(1 / 3.0);
        assertThat(buckets.get(2).failedShare()).isEqualTo(1 / 3.0);
    }

    @Test
    void bucketsAreAtMostTheAskedNumberOfRoundWidth() {
        List<TrafficBucket> buckets = typicalSwitch().buckets(60);

        assertThat(buckets).hasSizeLessThanOrEqualTo(60);
        assertThat(buckets.get(0).toMillis() - buckets.get(0).fromMillis()).isEqualTo(20);
        assertThat(buckets).anySatisfy(b -> assertThat(b.fromMillis()).isZero());
        assertThat(buckets.stream().mapToInt(TrafficBucket::total).sum()).isEqualTo(101);
    }

    @Test
    void barHeightsAreTheSharesOfTheirBucket() throws Exception {
        SwitchReport report = report("shop", 1000, List.of(
                answered(900, Color.BLUE), answered(950, Color.BLUE), answered(1000, Color.BLUE),
                answered(1010, Color.GREEN), answered(1020, Color.GREEN), answered(1030, Color.GREEN),
                failed(1040, "timeout"), answered(4900, Color.GREEN)));
        Document document = parseInert(SvgTimeline.render(report));

        Element cutover = elements(document, "g").stream()
                .filter(g -> g.getFirstChild().getTextContent().startsWith("0 to +100 ms"))
                .findFirst().orElseThrow();

        assertThat(cutover.getFirstChild().getTextContent())
                .isEqualTo("0 to +100 ms: 5 probes, blue 20%, green 60%, unknown 0%, failed 1");
        List<Element> bars = elements(document, "rect").stream().filter(r -> r.getParentNode() == cutover).toList();
        assertThat(bars).extracting(r -> r.getAttribute("fill"))
                .containsExactly(SvgTimeline.BLUE_FILL, SvgTimeline.GREEN_FILL, SvgTimeline.FAILED_FILL);
        // the plot is 240 units high
        assertThat(bars).extracting(r -> Double.parseDouble(r.getAttribute("height"))).containsExactly(48.0, 144.0, 48.0);
    }

    @Test
    void markupInServiceLabelsAndErrorsComesOutAsText() throws Exception {
        SwitchReport report = new SwitchReport(SCRIPT, null, Color.GREEN, Instant.EPOCH, 10, List.of(
                answered(0, Color.BLUE), failed(20, SCRIPT + "\"><svg onload=alert(2)>"), answered(30, Color.GREEN)));

        String svg = SvgTimeline.render(report, "nothing live", "GREEN (" + SCRIPT + ")");
        Document document = parseInert(svg);

        assertThat(svg).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(text(document, "text")).contains(SCRIPT + ": nothing live \u2192 GREEN (" + SCRIPT + ")");
        assertThat(text(document, "title")).contains(SCRIPT + "\"><svg onload=alert(2)>");
    }

    @Test
    void noSamplesSaysSo() throws Exception {
        Document document = parseInert(SvgTimeline.render(report("shop", 0, List.of())));

        assertThat(text(document, "text")).contains("No probes were recorded in this window.")
                .contains("probes: 0, failed: 0, first on GREEN: never, 100% on GREEN: never, p99 latency: none answered");
        assertThat(elements(document, "g")).isEmpty();
    }

    @Test
    void allFailuresAreAllRed() throws Exception {
        List<ProbeSample> samples = new ArrayList<>();
        for (long at = 0; at < 2000; at += 100) {
            samples.add(failed(at, "HTTP 502 \u0000\u001b[31m from the proxy"));
        }
        Document document = parseInert(SvgTimeline.render(report("shop", 1000, samples)));

        List<Element> bars = elements(document, "rect").stream()
                .filter(r -> r.getParentNode().getNodeName().equals("g")).toList();
        assertThat(bars).isNotEmpty().allSatisfy(r -> assertThat(r.getAttribute("fill")).isEqualTo(SvgTimeline.FAILED_FILL));
        assertThat(text(document, "title")).contains("HTTP 502 \uFFFD\uFFFD[31m from the proxy");
        assertThat(text(document, "text")).contains("failed: 20, first on GREEN: never, 100% on GREEN: never, p99 latency: none answered");
    }

    @Test
    void withoutASwitchMarkTimesCountFromTheWindowStartAndNoSwitchLineIsDrawn() throws Exception {
        Document document = parseInert(SvgTimeline.render(report("shop", -1, List.of(
                answered(0, Color.BLUE), answered(100, Color.BLUE)))));

        assertThat(text(document, "text")).contains("milliseconds since the watch started (no switch call was recorded)")
                .doesNotContain("\nswitch\n");
        assertThat(elements(document, "line")).noneMatch(l -> l.getAttribute("stroke-dasharray").length() > 0);
    }

    @Test
    void probesBeforeTheSwitchAreDrawnLeftOfTheSwitchLineInTheOldColour() throws Exception {
        Document document = parseInert(SvgTimeline.render(typicalSwitch()));

        double switchX = elements(document, "line").stream().filter(l -> !l.getAttribute("stroke-dasharray").isEmpty())
                .mapToDouble(l -> Double.parseDouble(l.getAttribute("x1"))).findFirst().orElseThrow();
        List<Element> before = elements(document, "rect").stream()
                .filter(r -> r.getParentNode().getNodeName().equals("g"))
                .filter(r -> Double.parseDouble(r.getAttribute("x")) + Double.parseDouble(r.getAttribute("width")) <= switchX)
                .toList();
        assertThat(before).hasSizeGreaterThan(10)
                .allSatisfy(r -> assertThat(r.getAttribute("fill")).isEqualTo(SvgTimeline.BLUE_FILL));
    }

    /** Every text's box, estimated from its font size and length, is clear of every other's. */
    @Test
    void noTwoLabelsOverlapWhereverTheSwitchFalls() throws Exception {
        List<SwitchReport> reports = List.of(
                typicalSwitch(),
                report("shop", 0, List.of(answered(0, Color.GREEN), answered(40, Color.GREEN))),
                report("shop", 60_000, List.of(answered(0, Color.BLUE), answered(60_000, Color.GREEN))),
                report("a-service-with-a-long-name", 100, List.of(answered(0, Color.BLUE), failed(120, "timeout"),
                        answered(60_100, Color.GREEN))));
        for (SwitchReport report : reports) {
            List<Element> texts = elements(parseInert(SvgTimeline.render(report, "BLUE (1.4.1-rc.1)", "GREEN (1.4.2-rc.1)")), "text");
            for (int i = 0; i < texts.size(); i++) {
                for (int j = i + 1; j < texts.size(); j++) {
                    assertThat(overlaps(box(texts.get(i)), box(texts.get(j))))
                            .as("'%s' and '%s' overlap", texts.get(i).getTextContent(), texts.get(j).getTextContent())
                            .isFalse();
                }
            }
        }
    }

    /** {left, top, right, bottom}: ascent 0.8 and descent 0.2 of the font size, 0.62 of it per character (0.68 bold). */
    private static double[] box(Element text) {
        Element styled = text;
        while (styled.getAttribute("font-size").isEmpty()) {
            styled = (Element) styled.getParentNode();
        }
        double size = Double.parseDouble(styled.getAttribute("font-size"));
        double width = text.getTextContent().length() * size * (text.getAttribute("font-weight").equals("bold") ? 0.68 : 0.62);
        double x = Double.parseDouble(text.getAttribute("x"));
        double y = Double.parseDouble(text.getAttribute("y"));
        double left = switch (text.getAttribute("text-anchor")) {
            case "middle" -> x - width / 2;
            case "end" -> x - width;
            default -> x;
        };
        return new double[] {left, y - 0.8 * size, left + width, y + 0.2 * size};
    }

    private static boolean overlaps(double[] a, double[] b) {
        return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    }

    @Test
    void escapeHandlesMarkupQuotesNonAsciiAndForbiddenCharacters() {
        assertThat(Markup.escape("a<b>&\"'")).isEqualTo("a&lt;b&gt;&amp;&quot;&#39;");
        assertThat(Markup.escape("caf\u00e9 \ud83d\ude80")).isEqualTo("caf&#233; &#128640;");
        assertThat(Markup.escape("x\u0000y\ud800z")).isEqualTo("x&#65533;y&#65533;z");
        assertThat(Markup.escape(null)).isEmpty();
    }
}
