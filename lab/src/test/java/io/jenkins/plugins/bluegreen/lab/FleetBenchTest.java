package io.jenkins.plugins.bluegreen.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.model.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetBenchTest {

    private static FleetBench.Row row(String routers, double toAllNew) {
        return new FleetBench.Row(routers, 1000, 0, List.of(toAllNew, toAllNew + 1, toAllNew + 2), List.of(5.0, 6.0, 7.0));
    }

    @Test
    void theGoalComparesEightRoutersWithOneRouterWithoutAFleet() {
        FleetBench.Settings settings = FleetBench.Settings.defaults();
        String met = FleetBench.section(List.of(row(FleetBench.SINGLE, 10), row("1", 10), row("8", 19)), settings, "bluegreen bench --fleet", "2026-12-01");
        String missed = FleetBench.section(List.of(row(FleetBench.SINGLE, 10), row("1", 10), row("8", 25)), settings, "bluegreen bench --fleet", "2026-12-01");

        assertThat(met).startsWith(FleetBench.HEADING).contains("| 8 | 1000 | 0 | 20.0 (21.0) | 6.0 (7.0) |")
                .contains("| 8 routers reach 100% new within 2.0 x one router (median) | 20.0 ms vs 11.0 ms | yes |");
        assertThat(missed).contains("| 26.0 ms vs 11.0 ms | **no** |");
    }

    @Test
    void itsSectionReplacesOnlyItself() {
        String document = "# Benchmarks\n\n## Switching under load\n\nrows\n\n" + FleetBench.HEADING + "\n\nold\n\n## Goals\n\ngoals\n";

        assertThat(BenchSections.withSection(document, FleetBench.HEADING, FleetBench.HEADING + "\n\nnew\n"))
                .isEqualTo("# Benchmarks\n\n## Switching under load\n\nrows\n\n" + FleetBench.HEADING + "\n\nnew\n\n## Goals\n\ngoals\n");
        assertThat(BenchSections.withSection("# Benchmarks\n", FleetBench.HEADING, "section\n")).isEqualTo("# Benchmarks\n\nsection\n");
    }

    @Test
    void settingsAreBounded() {
        assertThatThrownBy(() -> new FleetBench.Settings(List.of(0, 2), 3, 2)).isInstanceOf(BadInputException.class).hasMessageStartingWith("sizes:");
        assertThatThrownBy(() -> new FleetBench.Settings(List.of(1), 0, 2)).isInstanceOf(BadInputException.class).hasMessageStartingWith("runs:");
        assertThatThrownBy(() -> new FleetBench.Settings(List.of(1), 3, 17)).isInstanceOf(BadInputException.class).hasMessageStartingWith("connections:");
    }
}
