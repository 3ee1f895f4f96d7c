package io.jenkins.plugins.bluegreen.lab;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class TestPrerequisitesTest {

    @Test
    void aMissingPrerequisiteSkipsWithItsNameAndTheProperty() {
        assertThatThrownBy(() -> TestPrerequisites.check(false, "haproxy is not installed", "install it (apt-get install haproxy)", false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessage("SKIPPED: haproxy is not installed; install it (apt-get install haproxy) to run this test (with "
                        + "-Dbluegreen.requireTestPrerequisites=true, as .ci/run sets, this is a failure).");
    }

    @Test
    void aMissingPrerequisiteFailsWhenThePropertyRequiresIt() {
        assertThatThrownBy(() -> TestPrerequisites.check(false, "haproxy is not installed", "install it (apt-get install haproxy)", true))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("haproxy is not installed, and -Dbluegreen.requireTestPrerequisites=true requires every test to "
                        + "run: install it (apt-get install haproxy).");
    }

    @Test
    void aMetPrerequisiteNeitherSkipsNorFails() {
        assertThatCode(() -> TestPrerequisites.check(true, "unused", "unused", true)).doesNotThrowAnyException();
    }
}
