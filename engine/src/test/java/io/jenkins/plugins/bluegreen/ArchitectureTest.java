package io.jenkins.plugins.bluegreen;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine must run without Jenkins, and its packages keep to the layering in docs/architecture.md. */
class ArchitectureTest {

    private static final String ROOT = "io.jenkins.plugins.bluegreen.";

    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.bluegreen");
    }

    @Test
    void engineNeverUsesJenkins() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke.stapler..", "com.cloudbees..")
                .because("the engine is built and tested where Jenkins cannot run; Jenkins glue belongs in plugin/")
                .check(engine);
    }

    @Test
    void modelHasNoIo() {
        noClasses().that().resideInAPackage(ROOT + "model..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "java.io..", "java.nio..", "java.net..", "okhttp3..", "com.fasterxml..", ROOT + "store..",
                        ROOT + "driver..", ROOT + "release..")
                .because("the model and state machine are pure values and rules")
                .check(engine);
    }

    @Test
    void spisDoNotKnowImplementations() {
        noClasses().that().resideInAnyPackage(ROOT + "driver..", ROOT + "store..", ROOT + "approval..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + "drivers..", ROOT + "release..", ROOT + "lab..")
                .because("SPIs sit below the orchestration and the concrete drivers")
                .check(engine);
    }

    @Test
    void driversDoNotDependOnEachOther() {
        // One composition is allowed: Caddy's dynamic mode switches the DNS record Caddy resolves with the dns driver.
        slices().matching(ROOT + "drivers.(*)..").should().notDependOnEachOther()
                .ignoreDependency(resideInAPackage(ROOT + "drivers.caddy.."), resideInAPackage(ROOT + "drivers.dns.."))
                .check(engine);
    }

    @Test
    void driversUseOnlyTheSpiAndTheModel() {
        noClasses().that().resideInAPackage(ROOT + "drivers.*..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + "release..", ROOT + "store..", ROOT + "watch..",
                        ROOT + "verify..", ROOT + "approval..", ROOT + "lab..", ROOT + "demo..", ROOT + "view..")
                .because("a driver only routes traffic; orchestration, state and reporting are the engine's")
                .check(engine);
    }
}
