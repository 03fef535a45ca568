package io.maskstudio.ui;

import io.maskstudio.io.GraphFile;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TableCell;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Edit > Sparse Network at Density… on a dense LeNet-300-100 (784 -> 300 -> 100 -> 10): type a density, pick ERK,
 * read the preview table, Apply; the design's masks then have the asked total and the per-pair densities of the ERK
 * rule worked out by hand below, and one Edit > Undo gives back all three dense masks.
 */
class NetworkDensityDialogTest extends UiTest {
    private static final int[] SIZES = {784, 300, 100, 10};

    @Override
    protected void prepareHome(Path home) throws Exception {
        GraphFile.write(home.resolve("lenet.graph.json"), NetworkDesign.dense(TrainingSettings.defaults("mnist-10k"), SIZES));
    }

    @Override
    protected Path fileToOpen() {
        return home.resolve("lenet.graph.json");
    }

    private static void waitUntil(Supplier<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition::get);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private DialogPane openDialog() throws TimeoutException {
        clickOn("Edit");
        clickOn("Sparse Network at Density…");
        waitUntil(() -> lookup("#networkDensityDialog").tryQuery().map(n -> n.getScene().getWindow().isShowing()).orElse(false));
        awaitIdle();
        return lookup("#networkDensityDialog").queryAs(DialogPane.class);
    }

    private String text(String id) {
        return lookup(id).queryAs(Label.class).getText();
    }

    private Button button(DialogPane pane, String text) {
        return from(pane).lookup((Button b) -> text.equals(b.getText())).query();
    }

    /** The preview table's visible cell texts, row by row. */
    private List<String> tableTexts() {
        List<String> texts = new ArrayList<>();
        for (TableCell<?, ?> c : lookup("#networkDensityTable .table-cell").queryAllAs(TableCell.class)) {
            if (c.isVisible() && ((Labeled) c).getText() != null) texts.add(c.getText());
        }
        return texts;
    }

    private void typeDensity(String text) {
        clickOn("#networkDensity");
        push(KeyCode.CONTROL, KeyCode.A);
        write(text);
    }

    @Test
    void erkAtTenPercentMatchesTheHandComputationAndUndoesInOneStep() throws Exception {
        List<Mask> before = window.document().design().masks().stream().map(Mask::copy).toList();
        DialogPane pane = openDialog();
        typeDensity("0.1");
        clickOn("#networkAllocation");
        clickOn("ERK (Erdős–Rényi: small layers denser)");

        // By hand: cells 235,200 + 30,000 + 1,000 = 266,200; asked 10% = 26,620 connections.
        // ERK density_l = eps (n_in + n_out) / (n_in n_out): eps = 26,620 / (1,084 + 400 + 110) = 16.70, so the 100 -> 10
        // pair would be 16.70 * 110 / 1,000 = 1.84 > 1: it is made dense (1,000) and eps recomputed over the other two:
        // eps = (26,620 - 1,000) / (1,084 + 400) = 17.264, giving 17.264 * 400 = 6,905.7 and 17.264 * 1,084 = 18,714.3.
        double eps = (26_620 - 1_000) / (1_084.0 + 400.0);
        long[] expected = {Math.round(eps * 1_084), Math.round(eps * 400), 1_000};
        waitUntil(() -> text("#networkDensityTotal").contains("26,620 of 266,200"));
        waitUntil(() -> tableTexts().contains("100.00%"));
        List<String> cells = tableTexts();
        assertTrue(cells.contains("10 × 100") && cells.contains("300 × 784"), "each pair's shape is shown: " + cells);
        assertTrue(cells.contains("1,000"), "the dense pair's connections: " + cells);
        assertEquals(before, window.document().design().masks(), "nothing applied before Apply");

        Window dialog = pane.getScene().getWindow();
        clickOn(button(pane, "Apply"));
        waitUntil(() -> !dialog.isShowing());
        awaitIdle();
        List<Mask> after = window.document().design().masks();
        long total = 0;
        double[] density = new double[3];
        for (int k = 0; k < 3; k++) {
            long nnz = after.get(k).nnz();
            total += nnz;
            density[k] = (double) nnz / ((long) SIZES[k] * SIZES[k + 1]);
            assertTrue(Math.abs(nnz - expected[k]) <= 1, "pair " + k + ": " + nnz + " connections, by hand " + expected[k]);
        }
        assertEquals(26_620, total, "the network total is exactly what was asked");
        assertTrue(density[2] > density[1] && density[1] > density[0], "smaller layers denser: " + Arrays.toString(density));

        clickOn("Edit");
        WaitForAsyncUtils.waitForFxEvents();
        Menu edit = ((MenuBar) lookup("#menuBar").query()).getMenus().get(1);
        String undo = edit.getItems().get(0).getText();
        assertEquals("Undo Sparse network at density 0.1 (ERK)", undo);
        moveBy(0, 30);
        clickOn(undo);
        awaitIdle();
        assertEquals(before, window.document().design().masks(), "one undo restores every pair");
    }

    @Test
    void uniformGivesEveryPairTheDensityAndBadTextIsRefused() throws Exception {
        DialogPane pane = openDialog();
        typeDensity("abc");
        waitUntil(() -> text("#networkDensityProblem").contains("Density: expected a fraction 0..1 or a percentage 0%..100%, was 'abc'"));
        assertTrue(button(pane, "Apply").isDisabled());
        typeDensity("5%");
        waitUntil(() -> text("#networkDensityTotal").contains("density 5.00%"));
        assertEquals("", text("#networkDensityProblem"));
        Window dialog = pane.getScene().getWindow();
        clickOn(button(pane, "Apply"));
        waitUntil(() -> !dialog.isShowing());
        awaitIdle();
        List<Mask> after = window.document().design().masks();
        long total = 0;
        for (int k = 0; k < 3; k++) {
            long cells = (long) SIZES[k] * SIZES[k + 1];
            total += after.get(k).nnz();
            assertTrue(Math.abs(after.get(k).nnz() - 0.05 * cells) <= 1, "pair " + k + " at 5%: " + after.get(k).nnz() + " of " + cells);
        }
        assertEquals(Math.round(0.05 * 266_200), total);
        assertFalse(window.document().history().undoDescription().isEmpty());
    }
}
