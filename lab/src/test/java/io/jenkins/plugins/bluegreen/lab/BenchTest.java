package io.jenkins.plugins.bluegreen.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchTest {

    @Test
    void countsWrkSocketErrorsAndServerErrorsAsFailures() {
        String output = """
                Running 4s test @ http://127.0.0.1:40000/
                  2 threads and 50 connections
                  37324 requests in 4.00s, 6.01MB read
                  Socket errors: connect 0, read 31, write 2, timeout 1
                  Non-2xx or 3xx responses: 5
                Requests/sec:   9331.00
                """;

        assertThat(Bench.wrkTotals(output)).isEqualTo(new Bench.Totals(37324, 39));
        assertThat(Bench.wrkTotals("  10 requests in 1.00s, 1KB read\n")).isEqualTo(new Bench.Totals(10, 0));
    }

    @Test
    void rendersOneRowPerRouterAndMethod() {
        Bench.Settings settings = new Bench.Settings(Duration.ofSeconds(4), 50, 3, List.of("haproxy"), false);
        String table = Bench.markdown(List.of(new Bench.Row("haproxy", Bench.BARE, "built-in, 50 connections", 1000, 0,
                List.of(3L, 9L, 4L), List.of(0.8, 3.0, 0.9), List.of(2L, 2L, 5L))), settings);

        assertThat(table).contains("| haproxy | bare mechanism | built-in, 50 connections | 1000 | 0 | 4.0 (9.0) | 0.9 (3.0) | 2.0 (5.0) |");
    }

    @Test
    void theHaproxySwitchCallIsJudgedAgainstTheBareCommandByMarginAndByRatio() {
        Bench.Row bare = new Bench.Row("haproxy", Bench.BARE, "wrk -t2 -c50", 200_000, 0, List.of(5L), List.of(10.0), List.of(5L));
        Bench.Row ours = new Bench.Row("haproxy", Bench.DRIVER, "wrk -t2 -c50", 200_000, 0, List.of(6L), List.of(25.0), List.of(6L));

        String goals = Bench.goals(List.of(bare, ours), List.of());

        assertThat(goals).contains("| HAProxy: our switch call at most the bare command + 5 ms (median) | 25.0 ms vs 10.0 ms | **no** |")
                .contains("| HAProxy: our switch call at most 3 x the bare command (median), however busy the machine | 2.5 x | yes |");
    }

    @Test
    void settingsAreBounded() {
        assertThatThrownBy(() -> new Bench.Settings(Duration.ofMillis(4500), 50, 3, List.of(), false)).hasMessageStartingWith("duration:");
        assertThatThrownBy(() -> new Bench.Settings(Duration.ofSeconds(4), 0, 3, List.of(), false)).hasMessageStartingWith("connections:");
        assertThatThrownBy(() -> new Bench.Settings(Duration.ofSeconds(4), 50, 3, List.of("envoy"), false)).hasMessageStartingWith("routers:");
    }
}
