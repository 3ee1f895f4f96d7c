package io.jenkins.plugins.bluegreen.drivers;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Drivers depend on the driver SPI (and the model), never on each other or on the engine's orchestration. */
class RouterDriverIsolationTest {

    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.jenkins.plugins.bluegreen");

    @Test
    void driversDoNotDependOnEachOther() {
        slices().matching("io.jenkins.plugins.bluegreen.drivers.(*)..").should().notDependOnEachOther().check(MAIN);
    }

    @Test
    void driversUseOnlyTheSpiAndTheModel() {
        noClasses().that().resideInAnyPackage("io.jenkins.plugins.bluegreen.drivers.haproxy..",
                        "io.jenkins.plugins.bluegreen.drivers.nginx..", "io.jenkins.plugins.bluegreen.drivers.caddy..")
                .should().dependOnClassesThat().resideInAnyPackage("io.jenkins.plugins.bluegreen.release..",
                        "io.jenkins.plugins.bluegreen.store..", "io.jenkins.plugins.bluegreen.watch..",
                        "io.jenkins.plugins.bluegreen.lab..", "io.jenkins.plugins.bluegreen.demo..")
                .check(MAIN);
    }
}
