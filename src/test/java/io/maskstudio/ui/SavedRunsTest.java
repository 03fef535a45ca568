package io.maskstudio.ui;

import io.maskstudio.engine.Trainer;
import io.maskstudio.ui.shell.FileDialogs;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Slider;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

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
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> table().getItems().size() == 1 && cellText("Status").equals("finished"));
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

    @Test
    void tickingCompareOverlaysASavedRunOnTheCurrentOne() throws Exception {
        Path first = trainOneRun(3);
        Files.writeString(first.resolve("label.txt"), "first\n");
        clickOn(lookup("#stop").queryButton());
        clickOn(lookup("#start").queryButton());
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> window.training().trainer().progress().state() == Trainer.State.FINISHED
                && window.training().trainer().progress().epoch() == 3);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> table().getItems().size() == 2);
        clickOn(lookup("#refreshRuns").queryButton());

        // Rows are newest first: the first run is the second row; tick its Compare box.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> rowCell("Label", 1).map(c -> "first".equals(c.getText())).orElse(false));
        Node box = from(rowCell("Compare", 1).orElseThrow()).lookup(".check-box").query();
        clickOn(box);

        // Hovering the loss plot's right end reads both runs' training loss at epoch 3.
        Node canvas = lookup("#lossChartCanvas").query();
        Label readout = lookup("#lossChartReadout").queryAs(Label.class);
        double firstLoss = Double.parseDouble(metricsRow(first, 3)[1]);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            Bounds b = canvas.localToScreen(canvas.getLayoutBounds());
            moveTo(new Point2D(b.getMaxX() - 2, b.getMinY() + b.getHeight() / 2));
            moveTo(new Point2D(b.getMaxX() - 25, b.getMinY() + b.getHeight() / 2));
            return readout.isVisible() && readout.getText().contains("first · training loss: ");
        });
        String text = readout.getText();
        assertTrue(text.startsWith("epoch 3"), text);
        String line = text.lines().filter(l -> l.startsWith("first · training loss: ")).findFirst().orElseThrow();
        assertEquals(firstLoss, Double.parseDouble(line.substring(line.indexOf(": ") + 2).split(" ")[0]), 1e-4 * Math.abs(firstLoss) + 1e-9, text);
        assertEquals(2, text.lines().filter(l -> l.contains("training loss: ")).count(), "the current run and the compared one: " + text);
    }

    private Optional<TableCell<?, ?>> rowCell(String column, int row) {
        return lookup((Node n) -> n instanceof TableCell<?, ?> c && c.getTableColumn() != null && column.equals(c.getTableColumn().getText())
                && c.getTableRow() != null && c.getTableRow().getIndex() == row && shown(c)).tryQuery().map(n -> (TableCell<?, ?>) n);
    }

    @Test
    void fileExportWritesTheLossChartsDataAsCsvAndItsPicture() throws Exception {
        Path run = trainOneRun(3);
        Path csv = home.resolve("loss.csv");
        Path png = home.resolve("loss.png");
        List<Path> answers = new ArrayList<>(List.of(csv, png));
        fx(() -> window.setFileDialogs(new FileDialogs() {
            @Override
            public File showOpen(FileChooser chooser, Window owner) {
                return null;
            }

            @Override
            public File showSave(FileChooser chooser, Window owner) {
                return answers.remove(0).toFile();
            }
        }));
        clickOn("#editorTab");
        chooseMenu("File", "Export Training Charts", "Left (Loss) Chart Data as CSV…");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(csv));
        assertEquals(1, window.modes().getSelectionModel().getSelectedIndex(), "the Training tab comes to the front");
        List<String> lines = Files.readAllLines(csv);
        String[] head = lines.get(0).split(",");
        assertEquals("epoch", head[0]);
        int trainCol = List.of(head).indexOf(head[1].contains("training loss") ? head[1] : head[2]);
        assertEquals(4, lines.size(), "a header and one row per epoch: " + lines);
        for (int e = 1; e <= 3; e++) {
            String[] row = lines.get(e).split(",", -1);
            assertEquals(Integer.toString(e), row[0]);
            // metrics.csv rounds to six significant digits; the chart holds the full value.
            double charted = Double.parseDouble(row[trainCol]);
            assertEquals(Double.parseDouble(metricsRow(run, e)[1]), charted, 1e-5 * charted, lines.get(0) + " / " + lines.get(e));
        }
        chooseMenu("File", "Export Training Charts", "Left (Loss) Chart as PNG…");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(png) && Files.size(png) > 0);
        assertTrue(ImageIO.read(png.toFile()).getWidth() >= 200);
    }

    /**
     * Clicks through a menu path as a user does: straight down from the menu bar first (a diagonal path would cross the
     * next menu and open it), then along a submenu's row into it.
     */
    private void chooseMenu(String menu, String submenu, String item) throws TimeoutException {
        clickOn(menu);
        WaitForAsyncUtils.waitForFxEvents();
        moveBy(0, 30);
        Node sub = awaitShown(submenu);
        moveTo(sub);
        Node target = awaitShown(item);
        Bounds b = target.localToScreen(target.getLayoutBounds());
        moveTo(new Point2D(b.getMinX() + 10, sub.localToScreen(sub.getLayoutBounds()).getCenterY()));
        moveTo(new Point2D(b.getMinX() + 10, b.getCenterY()));
        clickOn(target);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Node awaitShown(String text) throws TimeoutException {
        Predicate<Node> p = n -> n instanceof Labeled l && text.equals(l.getText()) && n.getScene() != null
                && n.getScene().getWindow() != null && n.getScene().getWindow().isShowing() && shown(n);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup(p).tryQuery().isPresent());
        return lookup(p).query();
    }
}
