package io.jenkins.plugins.bluegreen.jenkins;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin's packages by role line up as support, targets, config, approval, state, steps, ui: each uses only those
 * before it, so no arrow runs back up. Where a lower one needs a higher one, it declares an interface the higher one
 * implements (AwaitingApproval, RecordedLiveColor, InlineTargetRules). The parent package's two classes stand apart:
 * their names are data (permission IDs, legacy class names).
 */
class RolePackagesTest {

    private static final String ROOT = "io.jenkins.plugins.bluegreen.jenkins.";

    private static JavaClasses plugin;

    @BeforeAll
    static void importPlugin() {
        plugin = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.bluegreen.jenkins");
    }

    @Test
    void rolePackagesAreFreeOfCycles() {
        slices().matching(ROOT + "(*)..").should().beFreeOfCycles().check(plugin);
    }

    @Test
    void eachRoleUsesOnlyTheRolesBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("ui").definedBy(ROOT + "ui..")
                .layer("steps").definedBy(ROOT + "steps..")
                .layer("state").definedBy(ROOT + "state..")
                .layer("approval").definedBy(ROOT + "approval..")
                .layer("config").definedBy(ROOT + "config..")
                .layer("targets").definedBy(ROOT + "targets..")
                .layer("support").definedBy(ROOT + "support..")
                .whereLayer("ui").mayNotBeAccessedByAnyLayer()
                .whereLayer("steps").mayOnlyBeAccessedByLayers("ui")
                .whereLayer("state").mayOnlyBeAccessedByLayers("ui", "steps")
                .whereLayer("approval").mayOnlyBeAccessedByLayers("ui", "steps", "state")
                .whereLayer("config").mayOnlyBeAccessedByLayers("ui", "steps", "state", "approval")
                .whereLayer("targets").mayOnlyBeAccessedByLayers("ui", "steps", "state", "approval", "config")
                .whereLayer("support").mayOnlyBeAccessedByLayers("ui", "steps", "state", "approval", "config", "targets")
                .check(plugin);
    }
}
