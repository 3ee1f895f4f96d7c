package io.jenkins.plugins.bluegreen.jenkins.ui;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.CauseAction;
import hudson.model.FreeStyleProject;
import jenkins.model.TransientActionFactory;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The job page's box. */
@WithJenkins
class JobServicesActionITest {

    @Test
    void theFactoryIsAskedOnlyForItsOwnAction(JenkinsRule r) {
        assertThat(TransientActionFactory.factoriesFor(FreeStyleProject.class, CauseAction.class))
                .noneMatch(JobServicesAction.Factory.class::isInstance);
        assertThat(TransientActionFactory.factoriesFor(FreeStyleProject.class, JobServicesAction.class))
                .anyMatch(JobServicesAction.Factory.class::isInstance);
    }
}
