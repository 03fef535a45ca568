package io.maskstudio.ui;

import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code maskstudio FILE.graph.json --train}: the graph opens and trains with no click. */
class TrainFlagTest extends UiTest {
    @Override
    protected Path fileToOpen() {
        return Path.of("sample-graphs/xor.graph.json");
    }

    @Override
    protected void shown(MainWindow w) {
        w.startTrainingOnceOpen();
    }

    @Test
    void theTrainingTabIsShownAndTrainingStartsOnItsOwn() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.training() != null && window.training().trainer() != null
                && window.training().trainer().progress().epoch() >= 1);
        assertEquals(1, window.modes().getSelectionModel().getSelectedIndex(), "the Training tab is in front");
        Label status = lookup("#trainingStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().contains("poch"));
        assertTrue(lookup("#trainingStatus").query().isVisible());
        clickOn(lookup("#stop").queryButton());
    }
}
