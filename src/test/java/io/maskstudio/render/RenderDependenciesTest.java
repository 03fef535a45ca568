package io.maskstudio.render;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.maskstudio.io.AtomicFiles;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The render package is shared by UI and CLI, so it may use only the model and the JDK, plus the application's
 * one atomic file writer (io.AtomicFiles), so figures are saved as safely as every other file.
 */
class RenderDependenciesTest {

    @Test
    void renderUsesOnlyTheModelAndTheJdk() {
        classes().that().resideInAPackage("io.maskstudio.render..")
                .should().onlyDependOnClassesThat(resideInAnyPackage(
                        "io.maskstudio.render..", "io.maskstudio.model..", "java..", "javax.imageio..",
                        "org.w3c.dom..").or(belongToAnyOf(AtomicFiles.class)))
                .because("rasters are built off the FX thread for the UI and headless for CLI figures; "
                        + "no JavaFX, ND4J, engine, file-format or dataset code belongs here")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.maskstudio.render"));
    }
}
