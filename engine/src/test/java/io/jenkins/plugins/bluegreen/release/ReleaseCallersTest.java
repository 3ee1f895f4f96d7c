package io.jenkins.plugins.bluegreen.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.RefusedException;
import org.junit.jupiter.api.Test;

class ReleaseCallersTest {

    private final ReleaseCallers callers = ReleaseCallers.parse("allowedJobs", "release\nteam-a/*, team-b/**");

    @Test
    void exactNamesTheJobsOfAFolderOrEverythingBelowIt() {
        assertThat(callers.allows("release")).isTrue();
        assertThat(callers.allows("release-2")).isFalse();
        assertThat(callers.allows("team-a/shop")).isTrue();
        assertThat(callers.allows("team-a/nested/shop")).as("'*' is one level").isFalse();
        assertThat(callers.allows("team-ab/shop")).isFalse();
        assertThat(callers.allows("team-b/nested/shop")).isTrue();
        assertThat(callers.allows("team-b")).isFalse();
    }

    @Test
    void anEmptyListAllowsAnyCallerUnlessTheRouterTouchesTheLocalHost() {
        ReleaseCallers none = ReleaseCallers.parse("allowedJobs", "  ");

        none.require("shop", "anything", false, "Jobs allowed to release");
        assertThatThrownBy(() -> none.require("shop", "anything", true, "Jobs allowed to release"))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("an administrator must list the jobs allowed to release it (Jobs allowed to release)");
    }

    @Test
    void aRefusalNamesTheSettingAndItsPatterns() {
        callers.require("shop", "team-a/shop", true, "setting");
        assertThatThrownBy(() -> callers.require("shop", "sneaky", false, "'Jobs allowed to release' of shop"))
                .isInstanceOf(RefusedException.class)
                .hasMessage("sneaky may not release shop: it is not among the jobs allowed to release it"
                        + " ('Jobs allowed to release' of shop: release, team-a/*, team-b/**)");
    }

    @Test
    void badPatternsNameTheField() {
        assertThatThrownBy(() -> ReleaseCallers.parse("allowedJobs", "team-*/shop"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("allowedJobs: 'team-*/shop' is not a job pattern");
        assertThatThrownBy(() -> ReleaseCallers.parse("allowedJobs", "/abs")).isInstanceOf(BadInputException.class);
    }
}
