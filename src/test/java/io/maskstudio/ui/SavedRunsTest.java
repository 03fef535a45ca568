package io.maskstudio.ui;

import io.maskstudio.engine.Trainer;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Runs list: a run trained with Start is listed when it ends, reopens with its curves and a scrubber over its
 * snapshots (checked against metrics.csv as written), is renamed in place, and is deleted only after confirming.
 */
class SavedRunsTest extends UiTest {

    private Path trainOneRun(int epochs) throws Exception {
        fx(() -> window.document().design().setSettings(window.document().design().settings().withEpochs(epochs)));
        clickOn("#trainingTab");
        clickOn(lookup("#start").queryButton());
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> window.training().trainer() != null
                && window.training().trainer().progress().state() == Trainer.State.FINISHED);
        try (Stream<Path> s = Files.list(home.resolve("runs"))) {
            List<Path> dirs = s.filter(Files::isDirectory).toList();
            assertEquals(1, dirs.size(), dirs.toString());
            return dirs.get(0);
        }
    }

    @SuppressWarnings("unchecked")
    private TableView<Object> table() {
        return lookup("#runsTable").queryAs(TableView.class);
    }

    /** The on-screen cell of {@code column} (its header text) in the first row. */
    private TableCell<?, ?> cell(String column) {
        return lookup((Node n) -> n instanceof TableCell<?, ?> c && c.getTableColumn() != null && column.equals(c.getTableColumn().getText())
                && c.getTableRow() != null && c.getTableRow().getIndex() == 0 && shown(c)).tryQuery().map(n -> (TableCell<?, ?>) n)
                .orElseThrow(() -> new AssertionError("no visible first-row cell of column " + column + "; table " + table().getLayoutBounds()
                        + " rows " + table().getItems().size()));
    }

    /** Visible with all its ancestors and laid out: the table keeps spare, hidden cells too. */
    private static boolean shown(Node n) {
        if (n.getLayoutBounds().getWidth() <= 0) return false;
        for (Node p = n; p != null; p = p.getParent()) if (!p.isVisible()) return false;
        return true;
    }

    /** The text of the first row's cell of {@code column} on screen; empty while it is not shown. */
    private String cellText(String column) {
        try {
            TableCell<?, ?> c = cell(column);
            return c.getText() == null ? "" : c.getText();
        } catch (AssertionError e) {
            return "";
        }
    }

    /** Waits up to 10 s for {@code actual} to read {@code expected}; fails naming what it read. */
    private static void awaitText(Supplier<String> actual, String expected) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> expected.equals(actual.get()));
        } catch (TimeoutException e) {
            assertEquals(expected, actual.get());
        }
    }

    /** metrics.csv's row of {@code epoch}, split: read here independently of the app's reader. */
    private static String[] metricsRow(Path run, int epoch) throws Exception {
        for (String line : Files.readAllLines(run.resolve("metrics.csv"), StandardCharsets.UTF_8)) {
            if (line.startsWith(epoch + ",")) return line.split(",");
        }
        throw new AssertionError("no epoch " + epoch + " in metrics.csv");
    }

    @Test
    void aFinishedRunIsListedAndReopensWithItsScrubberOverItsSnapshots() throws Exception {
        Path run = trainOneRun(3);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> table().getItems().size() == 1 && cellText("Status").equals("finished"));
        String[] last = metricsRow(run, 3);
        String finalAcc = String.format(Locale.ROOT, "%.1f %%", 100 * Double.parseDouble(last[4]));
        awaitText(() -> cellText("Final val acc"), finalAcc);
        awaitText(() -> cellText("Epochs"), "3");

        // Open it: a double click on the row's Status cell.
        doubleClickOn(cell("Status"));
        Label bar = lookup("#savedRunText").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> lookup("#savedRunBar").query().isVisible());
        assertTrue(bar.getText().contains(run.getFileName().toString()), bar.getText());
        Label epochLabel = lookup("#epochLabel").queryAs(Label.class);
        Label metrics = lookup("#epochMetrics").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> epochLabel.getText().equals("3 (latest)"));

        // Scrub back one kept epoch with the keyboard, as a user does on the focused slider.
        Slider slider = lookup("#epochScrubber").queryAs(Slider.class);
        assertFalse(slider.isDisabled(), "the scrubber has the run's snapshots");
        clickOn((Node) lookup("#followLatest").query());
        clickOn(slider);
        push(KeyCode.END);
        push(KeyCode.LEFT);
        awaitText(epochLabel::getText, "2 of 3");
        String[] two = metricsRow(run, 2);
        String acc = String.format(Locale.ROOT, "acc %.1f%%", 100 * Double.parseDouble(two[4]));
        assertTrue(metrics.getText().endsWith(acc), metrics.getText() + " should end with epoch 2's validation " + acc);

        // The current run is one click away.
        clickOn("#backToCurrentRun");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !lookup("#savedRunBar").query().isVisible());
    }

    @Test
    void aRunIsRenamedInPlaceAndDeletedOnlyAfterConfirming() throws Exception {
        Path run = trainOneRun(1);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> table().getItems().size() == 1);
        String folderLabel = run.getFileName().toString().substring("yyyyMMdd-HHmmss-".length());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> cellText("Label").equals(folderLabel));

        doubleClickOn(cell("Label"));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> stage.getScene().getFocusOwner() instanceof TextField);
        push(KeyCode.CONTROL, KeyCode.A);
        write("wide net");
        push(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(run.resolve("label.txt")));
        assertEquals("wide net", Files.readString(run.resolve("label.txt")).strip());
        assertFalse(lookup("#savedRunBar").query().isVisible(), "editing the label does not open the run");
        clickOn(lookup("#refreshRuns").queryButton());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> cellText("Label").equals("wide net"));

        // Delete: refused while the run is active (a finished run continues when Epochs is raised); after Stop,
        // Cancel keeps the folder, OK removes it and its row.
        clickOn(cell("Status"));
        clickOn(lookup("#deleteRun").queryButton());
        awaitText(() -> lookup("#trainingMessage").queryAs(Label.class).getText(),
                "The run " + run.getFileName() + " is still active: Stop it before deleting its folder.");
        assertTrue(Files.isDirectory(run));
        clickOn(lookup("#stop").queryButton());
        clickOn(lookup("#deleteRun").queryButton());
        clickDialogButton("deleteRunsDialog", "Cancel");
        assertTrue(Files.isDirectory(run));
        assertEquals(1, table().getItems().size());
        clickOn(lookup("#deleteRun").queryButton());
        clickDialogButton("deleteRunsDialog", "OK");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !Files.exists(run) && table().getItems().isEmpty());
    }
}
