package io.maskstudio.ui;

import io.maskstudio.io.MaskFiles;
import io.maskstudio.model.Generator;
import io.maskstudio.model.Mask;
import io.maskstudio.model.MaskGenerators;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.ui.editor.GeneratorsDialog;
import io.maskstudio.ui.editor.Selection;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratorsAndImportTest extends UiTest {
    @TempDir
    Path tmp;

    private NetworkDesign design() {
        return window.document().design();
    }

    private GeneratorsDialog openGenerators() throws Exception {
        GeneratorsDialog[] d = new GeneratorsDialog[1];
        fx(() -> d[0] = window.showGenerators());
        awaitIdle();
        return d[0];
    }

    @Test
    void generatorPreviewsAndAppliesAsOneUndoStep() throws Exception {
        Mask before = design().mask(0).copy();
        GeneratorsDialog d = openGenerators();
        fx(() -> {
            d.set(Generator.RANDOM, Generator.Param.DENSITY, 0.5);
            d.set(Generator.RANDOM, Generator.Param.SEED, 7);
            d.set(Generator.RANDOM, Generator.Param.MIN_FAN_IN, 3);
        });
        awaitIdle();
        Mask expected = MaskGenerators.randomDensity(36, 64, 0.5, 7, 3);
        assertEquals(expected, d.result(), "the preview computed the generator's mask");
        String statsText = lookup("#generatorStats").queryAs(Label.class).getText();
        assertTrue(statsText.contains("1,152 connections") && statsText.contains("50.00%"), statsText);
        assertEquals(before, design().mask(0), "nothing is applied before Apply");

        clickDialogButton("generatorsDialog", "Apply");
        awaitIdle();
        assertEquals(expected, design().mask(0));
        fx(() -> window.undo());
        assertEquals(before, design().mask(0));
    }

    @Test
    void generatorOnTheSelectionLeavesTheRestAlone() throws Exception {
        BitSet targets = new BitSet();
        targets.set(0, 3);
        fx(() -> window.document().select(Selection.of(new BitSet(), targets)));
        Mask before = design().mask(0).copy();
        GeneratorsDialog d = openGenerators();
        fx(() -> d.set(Generator.FULL, Generator.Param.DENSITY, 0.1));
        awaitIdle();
        clickDialogButton("generatorsDialog", "Apply");
        awaitIdle();
        Mask after = design().mask(0);
        for (int o = 0; o < 36; o++) {
            if (o < 3) assertEquals(64, after.fanIn(o));
            else assertEquals(before.fanIn(o), after.fanIn(o), "row " + o);
        }
    }

    @Test
    void generatorWithParametersThatDoNotFitSaysWhyAndCannotApply() throws Exception {
        GeneratorsDialog d = openGenerators();
        fx(() -> d.set(Generator.LOCAL_2D, Generator.Param.KERNEL, 5));
        awaitIdle();
        String problem = lookup("#generatorProblem").queryAs(Label.class).getText();
        assertTrue(problem.contains("must be a 4x4 grid"), problem);
        assertTrue(d.getDialogPane().lookupButton(GeneratorsDialog.APPLY).isDisabled());
        fx(d::close);
    }

    @Test
    void importOfABadFileShowsTheReasonAndLeavesTheGraphAsIs() throws Exception {
        Path bad = tmp.resolve("bad.npy");
        Files.write(bad, "\u0093NUMPY this is not a header".getBytes(StandardCharsets.ISO_8859_1));
        NetworkDesign before = design().copy();
        fx(() -> window.maskImport().importMask(bad));
        awaitIdle();
        assertTrue(design().sameContent(before), "a failed import changes nothing");
        assertFalse(window.document().history().canUndo(), "and adds no undo step");
        DialogPane error = lookup("#errorDialog").queryAs(DialogPane.class);
        assertNotNull(error);
        assertTrue(error.getContentText().contains("bad.npy"), error.getContentText());
        assertFalse(stage.getTitle().startsWith("*"));
    }

    @Test
    void importOfANonBinaryMaskShowsTheFormatMessage() throws Exception {
        Path file = tmp.resolve("weights.npy");
        Files.copy(Path.of("src/test/resources/npy/f4_nonbinary_3x4.npy"), file);
        NetworkDesign before = design().copy();
        fx(() -> window.maskImport().importMask(file));
        awaitIdle();
        assertTrue(design().sameContent(before));
        String text = lookup("#errorDialog").queryAs(DialogPane.class).getContentText();
        assertTrue(text.contains("expected 0 or 1"), text);
    }

    @Test
    void importOfAFittingMaskIsOneUndoStep() throws Exception {
        Mask m = MaskGenerators.band(36, 64, 1);
        Path file = tmp.resolve("band.npy");
        MaskFiles.writeNpy(file, m);
        Mask before = design().mask(0).copy();
        fx(() -> window.maskImport().importMask(file));
        awaitIdle();
        assertEquals(m, design().mask(0));
        fx(() -> window.undo());
        assertEquals(before, design().mask(0));
    }

    @Test
    void importWithAnotherShapeOffersToResizeTheLayers() throws Exception {
        Mask m = MaskGenerators.full(20, 64);
        Path file = tmp.resolve("wide.npy");
        MaskFiles.writeNpy(file, m);
        fx(() -> window.maskImport().importMask(file));
        clickDialogButton("shapeMismatchDialog", "Resize layers");
        awaitIdle();
        assertEquals(20, design().layer(1).size());
        assertEquals(m, design().mask(0));
        assertEquals(List.of(20, 10), List.of(design().mask(1).cols(), design().mask(1).rows()));
        fx(() -> window.undo());
        assertEquals(36, design().layer(1).size(), "resize and import were one step");
    }

    @Test
    void importWithAnotherShapeCanBeCancelled() throws Exception {
        Path file = tmp.resolve("wide.npy");
        MaskFiles.writeNpy(file, MaskGenerators.full(20, 64));
        NetworkDesign before = design().copy();
        fx(() -> window.maskImport().importMask(file));
        clickDialogButton("shapeMismatchDialog", "Cancel");
        awaitIdle();
        assertTrue(design().sameContent(before));
        assertFalse(window.document().history().canUndo());
    }
}
