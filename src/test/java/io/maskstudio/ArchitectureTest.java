package io.maskstudio;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The dependency arrows of docs/architecture.md, enforced on the compiled main classes. No rule allows an empty
 * selection: a renamed or moved package makes its rule fail instead of pass vacuously.
 */
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
                .check(classes);
    }

    @Test
    void nd4jOnlyInEngine() {
        noClasses().that().resideOutsideOfPackages("io.maskstudio.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "org.bytedeco..")
                .because("ND4J arrays are owned by the trainer thread; everything else sees plain Java arrays")
                .check(classes);
    }

    @Test
    void modelDependsOnNothingOfTheProject() {
        noClasses().that().resideInAPackage("io.maskstudio.model..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.maskstudio.io..", "io.maskstudio.data..", "io.maskstudio.engine..",
                        "io.maskstudio.render..", "io.maskstudio.runs..", "io.maskstudio.cli..", "io.maskstudio.ui..",
                        "com.fasterxml..", "org.nd4j..", "javafx..")
                .because("the model is the plain-Java core every other part builds on")
                .check(classes);
    }

    @Test
    void lowerLayersDoNotReachUp() {
        noClasses().that().resideInAnyPackage("io.maskstudio.io..", "io.maskstudio.data..", "io.maskstudio.render..")
                .should().dependOnClassesThat().resideInAnyPackage("io.maskstudio.engine..", "io.maskstudio.runs..", "io.maskstudio.cli..",
                        "io.maskstudio.ui..")
                .because("files, data and rendering are used by the engine, CLI and UI, never the other way round")
                .check(classes);
        noClasses().that().resideInAPackage("io.maskstudio.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.maskstudio.runs..", "io.maskstudio.cli..", "io.maskstudio.ui..",
                        "io.maskstudio.io..", "io.maskstudio.render..")
                .because("the engine depends only on model and data")
                .check(classes);
    }

    @Test
    void noStandardStreamsOutsideCli() {
        // ACCESS_STANDARD_STREAMS: reading System.out or System.err, or calling Throwable.printStackTrace()
        noClasses().that().resideOutsideOfPackages("io.maskstudio.cli..")
                .should(ACCESS_STANDARD_STREAMS)
                .because("the GUI has no console: problems go to the log file (SLF4J) and to the user as a message; only the CLI prints")
                .check(classes);
    }

    /** The table in docs/architecture.md: who may use each layer. */
    @Test
    void layersAsInTheArchitectureDocument() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Launcher").definedBy("io.maskstudio")
                .layer("Model").definedBy("io.maskstudio.model..")
                .layer("Data").definedBy("io.maskstudio.data..")
                .layer("Io").definedBy("io.maskstudio.io..")
                .layer("Render").definedBy("io.maskstudio.render..")
                .layer("Engine").definedBy("io.maskstudio.engine..")
                .layer("Runs").definedBy("io.maskstudio.runs..")
                .layer("Cli").definedBy("io.maskstudio.cli..")
                .layer("Ui").definedBy("io.maskstudio.ui..")
                .whereLayer("Ui").mayOnlyBeAccessedByLayers("Launcher")
                .whereLayer("Cli").mayOnlyBeAccessedByLayers("Launcher")
                .whereLayer("Runs").mayOnlyBeAccessedByLayers("Cli", "Ui")
                .whereLayer("Engine").mayOnlyBeAccessedByLayers("Runs", "Cli", "Ui", "Launcher")
                .whereLayer("Render").mayOnlyBeAccessedByLayers("Runs", "Cli", "Ui")
                .whereLayer("Io").mayOnlyBeAccessedByLayers("Render", "Runs", "Cli", "Ui")
                .whereLayer("Data").mayOnlyBeAccessedByLayers("Engine", "Runs", "Cli", "Ui")
                .whereLayer("Model").mayOnlyBeAccessedByLayers("Data", "Io", "Render", "Engine", "Runs", "Cli", "Ui", "Launcher")
                .because("dependencies point one way, from the app and the CLI down to the plain-Java model")
                .check(classes);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("io.maskstudio.(*)..").should().beFreeOfCycles()
                .because("a cycle makes two packages one: neither can be understood or tested alone")
                .check(classes);
    }

    @Test
    void picocliOnlyInCli() {
        noClasses().that().resideOutsideOfPackages("io.maskstudio.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..")
                .because("command-line parsing is the CLI's business; the engine and files are called with plain values")
                .check(classes);
    }

    @Test
    void jacksonOnlyInIoAndCli() {
        noClasses().that().resideOutsideOfPackages("io.maskstudio.io..", "io.maskstudio.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson..", "org.nd4j.shade.jackson..")
                .because("JSON files are read and written in one place (io), and the CLI's --json output in the other")
                .check(classes);
    }
}
