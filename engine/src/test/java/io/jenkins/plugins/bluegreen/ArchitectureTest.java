package io.jenkins.plugins.bluegreen;

import static com.tngtech.archunit.core.domain.AccessTarget.Predicates.declaredIn;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine must run without Jenkins, ships only production code (the lab module holds benches, router labs and the
 * demo backend), and its packages keep to the layering in docs/architecture.md.
 */
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
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + "drivers..", ROOT + "release..")
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
                        ROOT + "verify..", ROOT + "approval..", ROOT + "view..")
                .because("a driver only routes traffic; orchestration, state and reporting are the engine's")
                .check(engine);
    }

    @Test
    void onlyTheCommandAndNginxDriversStartProcesses() {
        noClasses().that().resideOutsideOfPackages(ROOT + "drivers.command..", ROOT + "drivers.nginx..")
                .should().dependOnClassesThat().belongToAnyOf(ProcessBuilder.class)
                .orShould().callMethodWhere(target(declaredIn(Runtime.class)).and(target(name("exec"))))
                .because("a process the engine starts is a user's command (the command driver's ShellRun, also used"
                        + " by the drift check's fingerprint command) or nginx's reload; routers, servers and backends"
                        + " for tests and benches are started by the lab module")
                .check(engine);
    }

    @Test
    void theEngineHoldsNoBenchLabOrDemoClass() {
        classes().should().resideOutsideOfPackages(ROOT + "lab..", ROOT + "demo..")
                .andShould().haveNameNotMatching(".*\\.[^.]*(Bench|Lab(?![a-z])|LoadGenerator|DemoBackend)[^.]*")
                .because("the engine jar ships in the hpi; benches, labs and the demo live in the lab module")
                .check(engine);
    }
}
