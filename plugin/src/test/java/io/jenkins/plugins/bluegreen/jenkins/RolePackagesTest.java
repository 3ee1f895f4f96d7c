package io.jenkins.plugins.bluegreen.jenkins;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The plugin's packages by role never depend on each other in a circle. Today they line up as support, targets,
 * config, approval, state, steps, ui (each uses only those before it); where a lower one needs a higher one, it
 * declares an interface the higher one implements (AwaitingApproval, RecordedLiveColor, InlineTargetRules).
 */
class RolePackagesTest {

    @Test
    void rolePackagesAreFreeOfCycles() {
        JavaClasses plugin = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.bluegreen.jenkins");
        slices().matching("io.jenkins.plugins.bluegreen.jenkins.(*)..").should().beFreeOfCycles().check(plugin);
    }
}
