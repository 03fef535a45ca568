package io.maskstudio.ui;

import javafx.scene.Node;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppStartTest extends UiTest {

    @Test
    void opensTheBundledSampleWithItsNameInTheTitle() throws Exception {
        awaitLoaded();
        assertEquals(3, window.document().design().layerCount());
        assertTrue(stage.getTitle().contains("digits-local.graph.json"), stage.getTitle());
        assertTrue(!stage.getTitle().startsWith("*"), "a freshly opened design is not modified: " + stage.getTitle());
    }

    @Test
    void theTrainingTabTrainsTheOpenDesign() throws Exception {
        clickOn("Training");
        Node panel = lookup("#trainingPanel").query();
        assertTrue(panel.isVisible());
        // The panel's own tests click its buttons; here we check the wiring to the window's design.
        interact(() -> lookup("#step").queryButton().fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> lookup("#trainingStatus").queryLabeled().getText().contains("step 1/"));
        assertTrue(lookup("#trainingStatus").queryLabeled().getText().startsWith("epoch 0/30"), lookup("#trainingStatus").queryLabeled().getText());
        interact(() -> lookup("#stop").queryButton().fire());
    }
}
