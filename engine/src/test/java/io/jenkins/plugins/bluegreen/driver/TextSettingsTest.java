package io.jenkins.plugins.bluegreen.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.model.BadInputException;
import org.junit.jupiter.api.Test;

class TextSettingsTest {

    @Test
    void keyValueLinesKeepTheirOrderAndSkipBlankLines() {
        assertThat(TextSettings.keyValueLines("command.environment", "B=2\n\n A = x=y \r\nC=")).containsExactly(
                org.assertj.core.api.Assertions.entry("B", "2"),
                org.assertj.core.api.Assertions.entry("A", "x=y"),
                org.assertj.core.api.Assertions.entry("C", ""));
        assertThat(TextSettings.keyValueLines("command.environment", null)).isNull();
    }

    @Test
    void aLineWithoutAKeyNamesTheFieldAndTheLine() {
        assertThatThrownBy(() -> TextSettings.keyValueLines("http.switchHeaders", "X-Color=${color}\n=oops"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("http.switchHeaders")
                .hasMessageContaining("'=oops' is not KEY=value");
    }

    @Test
    void listsSplitOnCommasAndBlanks() {
        assertThat(TextSettings.list(" 192.0.2.10, 2001:db8::10\n192.0.2.11,")).containsExactly("192.0.2.10", "2001:db8::10", "192.0.2.11");
        assertThat(TextSettings.list(" , ")).isNull();
        assertThat(TextSettings.list(null)).isNull();
    }

    @Test
    void wordsSplitOnBlanks() {
        assertThat(TextSettings.words("  nginx   -s reload ")).containsExactly("nginx", "-s", "reload");
        assertThat(TextSettings.words(" ")).isNull();
        assertThat(TextSettings.words(null)).isNull();
    }
}
