package io.maskstudio;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The dependency arrows of DESIGN.md §2, enforced on the compiled main classes. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.maskstudio");
    }

    @Test
    void javafxOnlyInUi() {
        noClasses().that().resideOutsideOfPackages("io.maskstudio.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .because("engine, model, file and CLI code must run headless and be testable without a display")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void nd4jOnlyInEngine() {
        noClasses().that().resideOutsideOfPackages("io.maskstudio.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "org.bytedeco..")
                .because("ND4J arrays are owned by the trainer thread; everything else sees plain Java arrays")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void modelDependsOnNothingOfTheProject() {
        noClasses().that().resideInAPackage("io.maskstudio.model..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.maskstudio.io..", "io.maskstudio.data..", "io.maskstudio.engine..",
                        "io.maskstudio.render..", "io.maskstudio.cli..", "io.maskstudio.ui..",
                        "com.fasterxml..", "org.nd4j..", "javafx..")
                .because("the model is the plain-Java core every other part builds on")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void lowerLayersDoNotReachUp() {
        noClasses().that().resideInAnyPackage("io.maskstudio.io..", "io.maskstudio.data..", "io.maskstudio.render..")
                .should().dependOnClassesThat().resideInAnyPackage("io.maskstudio.engine..", "io.maskstudio.cli..", "io.maskstudio.ui..")
                .because("files, data and rendering are used by the engine, CLI and UI, never the other way round")
                .allowEmptyShould(true)
                .check(classes);
        noClasses().that().resideInAPackage("io.maskstudio.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.maskstudio.cli..", "io.maskstudio.ui..", "io.maskstudio.io..", "io.maskstudio.render..")
                .because("the engine depends only on model and data")
                .allowEmptyShould(true)
                .check(classes);
    }
}
