package io.maskstudio.ui;

import org.junit.jupiter.api.Test;

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
        javafx.scene.Node panel = lookup("#trainingPanel").query();
        assertTrue(panel.isVisible());
        // The panel's own tests click its buttons; here we check the wiring to the window's design.
        interact(() -> lookup("#step").queryButton().fire());
        org.testfx.util.WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS,
                () -> lookup("#trainingStatus").queryLabeled().getText().contains("step 1/"));
        assertTrue(lookup("#trainingStatus").queryLabeled().getText().startsWith("epoch 0/30"), lookup("#trainingStatus").queryLabeled().getText());
        interact(() -> lookup("#stop").queryButton().fire());
    }
}
