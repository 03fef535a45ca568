package io.maskstudio.ui;

import io.maskstudio.model.PruneSchedule;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Training tab's "Prune schedule" field: a bad schedule is refused with the reason and the form; a good one reaches the design. */
class PruneScheduleFieldTest extends UiTest {

    @Test
    void aTypedScheduleIsCheckedAndBecomesTheDesignsSetting() throws Exception {
        clickOn("#trainingTab");
        TextField field = lookup("#pruneSchedule").queryAs(TextField.class);
        assertEquals("", field.getText(), "the sample has no schedule");
        clickOn(field);
        write("0.5@3,x");
        push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        String error = lookup("#settingsError").queryAs(Label.class).getText();
        assertEquals("Prune schedule: the epoch 'x' is not a whole number; expected " + PruneSchedule.FORM, error);
        assertTrue(field.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("invalid")), "outlined as invalid");
        assertTrue(window.document().design().settings().pruneSchedule().isEmpty(), "a refused value changes nothing");

        push(KeyCode.CONTROL, KeyCode.A);
        write("0.5@3,6,0.25@9");
        push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", lookup("#settingsError").queryAs(Label.class).getText());
        assertEquals(PruneSchedule.parse("0.5@3,0.5@6,0.25@9"), window.document().design().settings().pruneSchedule());
        assertEquals("0.5@3,0.5@6,0.25@9", field.getText(), "shown as the graph file writes it");
    }
}
