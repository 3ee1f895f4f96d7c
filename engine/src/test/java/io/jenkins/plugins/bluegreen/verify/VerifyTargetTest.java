package io.jenkins.plugins.bluegreen.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.model.BadInputException;
import org.junit.jupiter.api.Test;

class VerifyTargetTest {

    @Test
    void blankMeansIdleAndCaseDoesNotMatter() {
        assertThat(VerifyTarget.parse("target", null)).isEqualTo(VerifyTarget.IDLE);
        assertThat(VerifyTarget.parse("target", " Both ")).isEqualTo(VerifyTarget.BOTH);
    }

    @Test
    void anUnknownTargetNamesTheFieldAndTheChoices() {
        assertThatThrownBy(() -> VerifyTarget.parse("target", "green"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("target")
                .hasMessageContaining("use 'idle', 'live' or 'both'");
    }
}
