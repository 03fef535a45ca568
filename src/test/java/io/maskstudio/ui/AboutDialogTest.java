package io.maskstudio.ui;

import io.maskstudio.engine.BlasInfo;
import io.maskstudio.engine.VectorModule;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Help ▸ About MaskStudio, opened from the menu: it says which OpenBLAS core and which sparse loops this process runs. */
class AboutDialogTest extends UiTest {
    @Test
    void theAboutBoxSaysWhichOpenBlasCoreAndLoopsRun() throws Exception {
        clickOn("Help");
        clickOn("About MaskStudio");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> lookup("#about-openblas-core").tryQuery()
                .map(n -> !((Label) n).getText().equals("…")).orElse(false));
        awaitIdle();
        String core = lookup("#about-openblas-core").queryLabeled().getText();
        assertTrue(core.startsWith(BlasInfo.openblasCore() + " ("), core);
        if (BlasInfo.coreTypeOverride() != null) assertTrue(core.contains("OPENBLAS_CORETYPE set by the " + BlasInfo.coreTypeSource()), core);
        String loops = lookup("#about-sparse-kernels-loops").queryLabeled().getText();
        assertTrue(loops.startsWith(VectorModule.loops()), loops);
        assertTrue(lookup("#about-nd-j-backend").queryLabeled().getText().startsWith(BlasInfo.backend()));
        assertTrue(lookup("#about-threads").queryLabeled().getText().contains("cores"));
        assertFalse(lookup("#about-app-folder").queryLabeled().getText().isBlank());

        clickOn("#aboutCopy");
        awaitIdle();
        String[] copied = new String[1];
        fx(() -> copied[0] = Clipboard.getSystemClipboard().getString());
        assertTrue(copied[0] != null && copied[0].contains("OpenBLAS core: " + core), String.valueOf(copied[0]));

        clickDialogButton("aboutDialog", "OK");
        awaitIdle();
        assertFalse(lookup("#aboutDialog").tryQuery().map(n -> n.getScene().getWindow().isShowing()).orElse(false), "closed with OK");
    }
}
