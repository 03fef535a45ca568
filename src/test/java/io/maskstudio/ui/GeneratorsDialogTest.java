package io.maskstudio.ui;

import io.maskstudio.model.Mask;
import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.input.KeyCode;
import javafx.stage.Screen;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generators dialog as a user meets it on the MNIST sample (28x28 pixels -> 14x14 hidden). */
class GeneratorsDialogTest extends GeneratorsDialogUi {
    private static int[] pixels(ImageView v) {
        Image img = v.getImage();
        int w = (int) img.getWidth(), h = (int) img.getHeight();
        int[] px = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), px, 0, w);
        return px;
    }

    private Mask mask() {
        return window.document().design().mask(0);
    }

    @Test
    void theDefaultReceptiveFieldFitsTheMnistPair() throws Exception {
        DialogPane pane = openDialog();
        assertEquals("Local receptive field (2-D)", lookup("#generatorKind").queryAs(ComboBox.class).getValue().toString());
        waitUntil(() -> text("#generatorStats").contains("connections"));
        assertEquals("", text("#generatorProblem"));
        assertFalse(button(pane, "Apply").isDisabled());
        // 3x3 kernel, stride 2, padding 1 maps 28 onto 14; it is the first window the catalogue tries that fits.
        assertEquals(Arrays.asList("3", "2", "1"), Arrays.asList(field("KERNEL").getText(), field("STRIDE").getText(), field("PADDING").getText()));
    }

    @Test
    void densityTypedAsAPercentageIsAFractionAndOneClickApplies() throws Exception {
        DialogPane pane = openDialog();
        chooseGenerator("Random density");
        waitUntil(() -> text("#generatorStats").contains("density 10.00%"));
        type("DENSITY", "20%");
        // Clicked at once, before the preview caught up: the click that ends typing must still apply.
        Window dialog = pane.getScene().getWindow();
        clickOn(button(pane, "Apply"));
        waitUntil(() -> !dialog.isShowing());
        awaitIdle();
        // randomDensity places round(0.2 * 196 * 784) = 30,733 cells; the stats panel shows the pair's density.
        assertEquals(30_733, mask().nnz());
        waitUntil(() -> "20.00%".equals(text("#stat1")));
    }

    @Test
    void thePreviewFollowsTypingWithoutEnter() throws Exception {
        openDialog();
        chooseGenerator("Random density");
        waitUntil(() -> text("#generatorStats").contains("density 10.00%"));
        ImageView preview = lookup("#generatorPreview").queryAs(ImageView.class);
        int[] before = pixels(preview);
        type("DENSITY", "0.5");
        waitUntil(() -> text("#generatorStats").contains("density 50.00%"));
        assertFalse(Arrays.equals(before, pixels(preview)), "the matrix preview shows the new mask");
        assertTrue(field("DENSITY").isFocused(), "nothing moved the focus: typing alone updated the preview");
    }

    @Test
    void textThatIsNoDensityIsRefusedWithAMessage() throws Exception {
        DialogPane pane = openDialog();
        chooseGenerator("Random density");
        waitUntil(() -> text("#generatorStats").contains("density 10.00%"));
        Mask before = mask().copy();
        for (String bad : new String[] {"150%", "abc", "2"}) {
            type("DENSITY", bad);
            waitUntil(() -> text("#generatorProblem").contains("Density: expected a fraction 0..1 or a percentage 0%..100%, was '" + bad + "'"));
            assertTrue(button(pane, "Apply").isDisabled(), bad);
        }
        push(KeyCode.ENTER);
        clickOn(button(pane, "Apply"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(pane.getScene().getWindow().isShowing(), "refused text applies nothing");
        assertEquals(before, mask());
        assertEquals("2", field("DENSITY").getText(), "the text is left for the user to fix, not replaced by a guess");
    }

    @Test
    void settingsAreRememberedPerGeneratorAcrossOpenings() throws Exception {
        DialogPane pane = openDialog();
        chooseGenerator("Random density");
        type("DENSITY", "0.3");
        chooseGenerator("Band / diagonal");
        type("HALF_WIDTH", "5");
        waitUntil(() -> !text("#generatorStats").startsWith("Computing"));
        chooseGenerator("Random density");
        assertEquals("0.3", field("DENSITY").getText(), "switching back keeps what was typed");
        chooseGenerator("Band / diagonal");
        Window dialog = pane.getScene().getWindow();
        clickOn(button(pane, "Cancel"));
        waitUntil(() -> !dialog.isShowing());

        DialogPane again = openDialog();
        assertEquals("Band / diagonal", lookup("#generatorKind").queryAs(ComboBox.class).getValue().toString());
        assertEquals("5", field("HALF_WIDTH").getText());
        chooseGenerator("Random density");
        assertEquals("0.3", field("DENSITY").getText());
        waitUntil(() -> text("#generatorStats").contains("density 30.00%"));
        clickOn(button(again, "Cancel"));
    }

    @Test
    void theDialogFitsEveryGeneratorAndResizesByItsEdge() throws Exception {
        DialogPane pane = openDialog();
        Window dialog = pane.getScene().getWindow();
        assertButtonsInside(pane, dialog);
        for (Object g : lookup("#generatorKind").queryAs(ComboBox.class).getItems()) {
            chooseGenerator(g.toString());
            awaitIdle();
            waitUntil(() -> !text("#generatorStats").startsWith("Computing"));
            assertButtonsInside(pane, dialog);
        }
        ImageView preview = lookup("#generatorPreview").queryAs(ImageView.class);
        double w = dialog.getWidth(), h = dialog.getHeight(), previewW = preview.getBoundsInParent().getWidth();
        // Grab the bottom-right corner, just inside the window, and pull it out.
        drag(dialog.getX() + w - 2, dialog.getY() + h - 2).moveBy(60, 40).moveBy(60, 40).drop();
        waitUntil(() -> dialog.getWidth() > w + 100);
        assertTrue(dialog.getHeight() > h + 60, "the height follows the drag: " + h + " -> " + dialog.getHeight());
        assertTrue(preview.getBoundsInParent().getWidth() > previewW, "the previews grow with the dialog");
        assertButtonsInside(pane, dialog);
    }

    private void assertButtonsInside(DialogPane pane, Window dialog) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        for (String name : new String[] {"Apply", "Cancel"}) {
            Node b = button(pane, name);
            Bounds s = b.localToScreen(b.getBoundsInLocal());
            String where = name + " at " + s + " in the dialog " + dialog.getX() + "," + dialog.getY() + " " + dialog.getWidth() + "x" + dialog.getHeight();
            assertTrue(b.isVisible() && s.getWidth() > 0, where);
            assertTrue(s.getMinX() >= dialog.getX() && s.getMaxX() <= dialog.getX() + dialog.getWidth()
                    && s.getMinY() >= dialog.getY() && s.getMaxY() <= dialog.getY() + dialog.getHeight(), where);
            assertTrue(s.getMinX() >= screen.getMinX() && s.getMaxX() <= screen.getMaxX() && s.getMinY() >= screen.getMinY() && s.getMaxY() <= screen.getMaxY(),
                    where + " on the screen " + screen);
        }
        assertNotEquals(0, pane.getHeight());
    }
}
