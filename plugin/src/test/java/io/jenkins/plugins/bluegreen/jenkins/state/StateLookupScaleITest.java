package io.jenkins.plugins.bluegreen.jenkins.state;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.bluegreen.jenkins.Backends;
import io.jenkins.plugins.bluegreen.jenkins.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.jenkins.targets.NoopTarget;
import io.jenkins.plugins.bluegreen.jenkins.ui.JobServicesAction;
import io.jenkins.plugins.bluegreen.model.Color;
import java.util.List;
import java.util.function.Supplier;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The live colour of a service is found through the state index, never by walking build history: the lookups take as
 * long with 1,000 builds of another job as with 10.
 */
@WithJenkins
class StateLookupScaleITest {

    /** Below this average a difference is noise, whatever the ratio. */
    private static final long FLOOR_NANOS = 2_000_000;
    private static final int WARM_UP = 200;
    private static final int ROUNDS = 1_000;

    @RegisterExtension
    private final Backends backends = new Backends("1.0", "2.0");

    @Test
    void theLiveColourLookupStaysFlatAsHistoryGrows(JenkinsRule r) throws Exception {
        BlueGreenConfiguration.get().setServices(List.of(backends.service("flat", new NoopTarget())));
        WorkflowJob release = r.createProject(WorkflowJob.class, "release");
        release.setDefinition(new CpsFlowDefinition("blueGreenDeploy(service: 'flat', version: '1') { echo 'deployed' }\n"
                + "blueGreenSwitch(service: 'flat', force: true, watch: '0s')\n", true));
        WorkflowRun holder = r.buildAndAssertSuccess(release);
        FreeStyleProject other = r.createFreeStyleProject("other");

        build(other, 10);
        long[] at10 = measure(release, holder, other);
        long started = System.nanoTime();
        build(other, 990);
        System.out.printf("990 more builds of 'other' took %d ms%n", (System.nanoTime() - started) / 1_000_000);
        long[] at1000 = measure(release, holder, other);

        String[] names = {"sidebar label", "job box", "step start's state load"};
        for (int i = 0; i < names.length; i++) {
            System.out.printf("%-24s average with 10 builds: %7d ns, with 1,000: %7d ns (ratio %.2f)%n", names[i], at10[i],
                    at1000[i], (double) at1000[i] / at10[i]);
        }
        for (int i = 0; i < names.length; i++) {
            assertThat(at1000[i]).as(names[i] + ": average with 1,000 builds vs 1.5 x with 10 (floor " + FLOOR_NANOS + " ns)")
                    .isLessThanOrEqualTo(Math.max((long) (1.5 * at10[i]), FLOOR_NANOS));
        }
    }

    private static void build(FreeStyleProject job, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            FreeStyleBuild build = job.scheduleBuild2(0).get();
            assertThat(build.getResult()).isEqualTo(Result.SUCCESS);
        }
    }

    /** Average nanoseconds of the sidebar label, the job box and a step's state load in the other job's newest build. */
    private static long[] measure(WorkflowJob release, WorkflowRun holder, FreeStyleProject other) {
        FreeStyleBuild asking = other.getLastBuild();
        assertThat(holder.getAction(BlueGreenAction.class).getDisplayName()).isEqualTo("flat: Live BLUE (1)");
        assertThat(release.getAction(JobServicesAction.class).getServices()).singleElement()
                .satisfies(view -> assertThat(view.liveLabel()).isEqualTo("Live: BLUE (1)"));
        assertThat(new BuildActionStateStore(asking).load("flat").live()).isEqualTo(Color.BLUE);
        return new long[] {
            average(() -> holder.getAction(BlueGreenAction.class).getDisplayName()),
            average(() -> release.getAction(JobServicesAction.class).getServices()),
            average(() -> new BuildActionStateStore(asking).load("flat")),
        };
    }

    private static long average(Supplier<?> lookup) {
        for (int i = 0; i < WARM_UP; i++) {
            lookup.get();
        }
        long start = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            lookup.get();
        }
        return (System.nanoTime() - start) / ROUNDS;
    }
}
