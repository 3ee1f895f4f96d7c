package io.jenkins.plugins.bluegreen.jenkins.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import io.jenkins.plugins.bluegreen.store.StateStoreException;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Reading a service's state never writes to the build that holds it. */
@WithJenkins
class BuildActionStateStoreITest {

    @Test
    void aHolderWithoutTheRecordIsReportedAndNotGivenAnEmptyOne(JenkinsRule r) throws Exception {
        FreeStyleProject job = r.createFreeStyleProject("holder");
        FreeStyleBuild holder = r.buildAndAssertSuccess(job);
        BlueGreenAction.of(holder);
        StateIndex.get().put("ghost", new StateIndex.Pointer(holder, 3));
        FreeStyleBuild reader = r.buildAndAssertSuccess(job);

        assertThatThrownBy(() -> new BuildActionStateStore(reader).load("ghost"))
                .isInstanceOf(StateStoreException.class).hasMessageContaining(holder.getParent().getFullName() + " #1");
        assertThat(holder.getAction(BlueGreenAction.class).getServices()).isEmpty();
    }
}
