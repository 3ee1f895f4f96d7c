package io.jenkins.plugins.bluegreen.jenkins;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The plugin's packages by role depend on each other in one direction only: support, targets, config, approval,
 * state, steps, ui (each may use those before it). A class that needs one of a later package goes through an interface
 * of its own package that the later one implements (AwaitingApproval, RecordedLiveColor, InlineTargetRules).
 */
class RolePackagesTest {

    @Test
    void rolePackagesAreFreeOfCycles() {
        JavaClasses plugin = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.bluegreen.jenkins");
        slices().matching("io.jenkins.plugins.bluegreen.jenkins.(*)..").should().beFreeOfCycles().check(plugin);
    }
}
