package io.maskstudio.ui;

import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.edit.MaskEdit;
import io.maskstudio.ui.editor.Document;
import javafx.scene.control.Hyperlink;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsAndLayersTest extends UiTest {

    private Document doc() {
        return window.document();
    }

    private NetworkDesign design() {
        return doc().design();
    }

    @Test
    void reachabilityWarningNamesTheMissingHalfAndSelectsItOnClick() throws Exception {
        // Cut every connection from the left half of the 8x8 pixel grid to the hidden layer.
        fx(() -> {
            Mask m = design().mask(0).copy();
            for (int o = 0; o < m.rows(); o++) for (int r = 0; r < 8; r++) for (int c = 0; c < 4; c++) m.set(o, r * 8 + c, false);
            doc().history().perform(MaskEdit.replace(design(), 0, m, "cut left half"));
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> window.stats().warningTexts().stream().anyMatch(t -> t.contains("cannot see input pixels in the left half")));
        String text = window.stats().warningTexts().stream().filter(t -> t.contains("left half")).findFirst().orElseThrow();
        assertTrue(text.startsWith("output neurons 0-9") || text.contains("reach no output"), text);
        clickOn(lookup((Hyperlink h) -> h.getText().contains("left half")).queryAs(Hyperlink.class));
        awaitIdle();
        BitSet expected = new BitSet();
        for (int r = 0; r < 8; r++) for (int c = 0; c < 4; c++) expected.set(r * 8 + c);
        assertEquals(expected, doc().selection().sources());
    }

    @Test
    void clickingAPairChipShowsThatPair() throws Exception {
        clickOn("#pair1");
        awaitIdle();
        assertEquals(1, doc().pair());
        assertEquals(10, window.editor().matrix().viewport().rows());
    }

    @Test
    void addRemoveAndEditLayersAreUndoneStepByStepWithCtrlZ() throws Exception {
        clickOn("#layer1");
        clickOn("#addLayer");
        awaitIdle();
        assertEquals(List.of("pixels", "hidden", "hidden1", "output"), names());
        int addedSize = design().layer(2).size();
        fx(() -> window.layers().change(2, LayerSpec.grid("hidden1", 4, 4, Activation.TANH)));
        assertEquals(16, design().layer(2).size());
        assertEquals(16, design().mask(1).rows());
        assertTrue(addedSize != 16, "the edit changes the size");
        clickOn("#layer2");
        clickOn("#removeLayer");
        awaitIdle();
        assertEquals(List.of("pixels", "hidden", "output"), names());

        // Each Ctrl+Z takes back exactly one step, newest first.
        push(KeyCode.CONTROL, KeyCode.Z);
        awaitIdle();
        assertEquals(List.of("pixels", "hidden", "hidden1", "output"), names(), "the removal is undone");
        assertEquals(16, design().layer(2).size());
        push(KeyCode.CONTROL, KeyCode.Z);
        awaitIdle();
        assertEquals(addedSize, design().layer(2).size(), "the resize is undone");
        assertEquals(addedSize, design().mask(1).rows());
        push(KeyCode.CONTROL, KeyCode.Z);
        awaitIdle();
        assertEquals(List.of("pixels", "hidden", "output"), names(), "the addition is undone");
        assertEquals(324, design().mask(0).nnz(), "back to the sample exactly");
        assertFalse(stage.getTitle().startsWith("*"), stage.getTitle());
    }

    private List<String> names() {
        return design().layers().stream().map(LayerSpec::name).toList();
    }

    @Test
    void movingAHiddenLayerSwapsItWithItsNeighbour() throws Exception {
        fx(() -> window.layers().addAfter(1));
        assertEquals(4, design().layerCount());
        fx(() -> window.layers().move(1, 1));
        assertEquals("hidden1", design().layer(1).name());
        assertEquals("hidden", design().layer(2).name());
        push(KeyCode.CONTROL, KeyCode.Z);
        awaitIdle();
        assertEquals("hidden", design().layer(1).name());
        assertEquals(324, design().mask(0).nnz());
    }
}
