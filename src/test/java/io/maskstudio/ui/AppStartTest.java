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
}
