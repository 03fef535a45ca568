package io.maskstudio.ui;

import io.maskstudio.cli.CliTraining;
import io.maskstudio.io.NpyArray;
import io.maskstudio.io.Npz;
import io.maskstudio.render.FanOutFrames;
import io.maskstudio.ui.shell.FileDialogs;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sweep and lottery folders (written here in their layouts around ordinary {@code train --out} run folders) as run
 * groups: one line in the Runs list that a click on its triangle expands to its runs, a run that opens like any
 * other (with its mask evolution, exported as a PNG strip), and the group itself opening to its chart and results.
 */
class RunGroupsTest extends UiTest {
    /** One static and one RigL run, trained once for every test and copied into each fixture. */
    private static Path staticRun;
    private static Path riglRun;
    private Path sweep;
    private Path lottery;

    private static final String RESULTS = """
            method,density,seed,connections,val_accuracy,test_accuracy,seconds
            static,0.3,1,230,0.812,,1.5
            rigl,0.3,1,230,0.9375,,1.7
            rigl,0.3,2,230,0.901,,1.6
            """;
    private static final String LEVELS = """
            level,density,val_accuracy,test_accuracy,reinit_val_accuracy,random_mask_val_accuracy
            0,1.0,0.95,,,
            1,0.8,0.962,,0.90,
            """;

    @Override
    protected void prepareHome(Path home) throws Exception {
        if (staticRun == null) {
            Path cache = Files.createTempDirectory("maskstudio-rungroups");
            staticRun = CliTraining.digits(cache.resolve("static"), 2, "--density", "0.3");
            riglRun = CliTraining.digits(cache.resolve("rigl"), 3, "--method", "rigl", "--density", "0.3", "--update-every", "20");
        }
        sweep = home.resolve("runs/sweep-digits");
        copy(staticRun, sweep.resolve("cells/static-d0.3-s1"));
        copy(riglRun, sweep.resolve("cells/rigl-d0.3-s1"));
        copy(riglRun, sweep.resolve("cells/rigl-d0.3-s2"));
        Files.writeString(sweep.resolve("sweep.json"), """
                {"kind": "sweep", "graph": "sample-graphs/digits-local.graph.json", "methods": ["static", "rigl"], "densities": [0.3],
                 "seeds": 2, "epochs": 3, "dataset": null, "allocation": "erk",
                 "cells": [{"cell": 0, "method": "static", "density": 0.3, "seed": 1, "dir": "cells/static-d0.3-s1"},
                           {"cell": 1, "method": "static", "density": 0.3, "seed": 2, "dir": "cells/static-d0.3-s2"},
                           {"cell": 2, "method": "rigl", "density": 0.3, "seed": 1, "dir": "cells/rigl-d0.3-s1"},
                           {"cell": 3, "method": "rigl", "density": 0.3, "seed": 2, "dir": "cells/rigl-d0.3-s2"}]}
                """);
        Files.writeString(sweep.resolve("results.csv"), RESULTS);
        BufferedImage chart = new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(chart, "png", sweep.resolve("accuracy-vs-density.png").toFile());
        // Outside the runs folder: opened as File → Open Run… or the command line would.
        lottery = home.resolve("elsewhere/lottery-digits");
        copy(staticRun, lottery.resolve("level-0/ticket"));
        copy(staticRun, lottery.resolve("level-1/ticket"));
        copy(staticRun, lottery.resolve("level-1/reinit"));
        Files.writeString(lottery.resolve("lottery.json"), """
                {"kind": "lottery", "graph": "g.graph.json", "levels": 2, "rate": 0.2, "rewindEpoch": 0, "scope": "pair", "controls": true,
                 "epochs": 2, "dataset": null}
                """);
        Files.writeString(lottery.resolve("levels.csv"), LEVELS);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private TableView<Object> runsTable() {
        return lookup("#runsTable").queryAs(TableView.class);
    }

    private Optional<TableCell<?, ?>> rowCell(String column, int row) {
        return lookup((Node n) -> n instanceof TableCell<?, ?> c && c.getTableColumn() != null && column.equals(c.getTableColumn().getText())
                && c.getTableRow() != null && c.getTableRow().getIndex() == row && c.getTableView() == runsTable() && shown(c))
                .tryQuery().map(n -> (TableCell<?, ?>) n);
    }

    private static boolean shown(Node n) {
        if (n.getLayoutBounds().getWidth() <= 0) return false;
        for (Node p = n; p != null; p = p.getParent()) if (!p.isVisible()) return false;
        return true;
    }

    private String text(String column, int row) {
        return rowCell(column, row).map(c -> c.getText() == null ? "" : c.getText()).orElse("");
    }

    /** Scrolls the list to the row first, as the user does with the wheel: the list is a few rows high. */
    private void awaitText(String column, int row, String expected) throws TimeoutException {
        fx(() -> runsTable().scrollTo(row));
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> expected.equals(text(column, row)));
        } catch (TimeoutException e) {
            assertEquals(expected, text(column, row), column + " of row " + row);
        }
    }

    /** The row's triangle, on screen. */
    private Node toggle(int row) {
        fx(() -> runsTable().scrollTo(row));
        return from(rowCell("Label", row).orElseThrow()).lookup("#groupToggle").query();
    }

    @Test
    void aSweepIsOneGroupLineThatExpandsToItsRunsAndOpensToItsChartAndResults() throws Exception {
        clickOn("#trainingTab");
        // The sweep's cells that exist (cell 1 never ran), labelled by their role; best = results.csv's highest val_accuracy.
        awaitText("Label", 0, "sweep-digits");
        assertEquals("sweep", text("Method", 0));
        assertEquals("3 runs", text("Status", 0));
        assertEquals(String.format(Locale.ROOT, "%.1f %% · rigl d0.3 s1", 93.75), text("Best val acc", 0));
        assertEquals(1, runsTable().getItems().size(), "collapsed: the group's runs are not lines of their own");
        assertEquals("▶", ((Label) toggle(0)).getText());

        clickOn(toggle(0));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> runsTable().getItems().size() == 4);
        awaitText("Label", 1, "static d0.3 s1");
        awaitText("Label", 2, "rigl d0.3 s1");
        awaitText("Label", 3, "rigl d0.3 s2");
        assertEquals("finished", text("Status", 2));
        assertEquals("rigl", text("Method", 2));
        assertEquals("▼", ((Label) toggle(0)).getText());

        // A group's run opens like any run, and shows how its mask evolved: one picture per kept snapshot.
        fx(() -> runsTable().scrollTo(2));
        doubleClickOn(rowCell("Status", 2).orElseThrow());
        Path cell = sweep.resolve("cells/rigl-d0.3-s1");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> lookup("#savedRunBar").query().isVisible()
                && lookup("#savedRunText").queryAs(Label.class).getText().contains(cell.toString()));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> window.training().maskEvolutionFrames() != null);
        WaitForAsyncUtils.waitForFxEvents();
        FanOutFrames frames = window.training().maskEvolutionFrames();
        List<Path> snaps;
        try (Stream<Path> s = Files.list(cell.resolve("snapshots"))) {
            snaps = s.sorted().toList();
        }
        assertEquals(snaps.size(), frames.frames().size());
        for (int k = 0; k < snaps.size(); k++) assertEquals(naiveFanOut(snaps.get(k)), box(frames.frames().get(k).fanOut()), snaps.get(k).toString());
        String note = lookup("#maskEvolutionNote").queryAs(Label.class).getText();
        assertTrue(note.startsWith(snaps.size() + " snapshots"), note);
        assertTrue(lookup("#maskEvolutionImage").queryAs(ImageView.class).getImage().getWidth() > 0);

        Path strip = home.resolve("strip.png");
        fx(() -> window.training().setFileDialogs(new FileDialogs() {
            @Override public File showOpen(FileChooser chooser, Window owner) { return null; }
            @Override public File showSave(FileChooser chooser, Window owner) { return strip.toFile(); }
        }));
        // Below the heatmaps: scrolled into view as the user does.
        fx(() -> {
            Node n = lookup("#maskEvolution").query();
            while (n != null && !(n instanceof ScrollPane)) n = n.getParent();
            if (n != null) ((ScrollPane) n).setVvalue(1.0);
        });
        clickOn("#exportEvolutionPng");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> Files.exists(strip));
        BufferedImage png = ImageIO.read(strip.toFile());
        assertEquals(0, png.getWidth() % snaps.size(), "one equal tile per snapshot: " + png.getWidth());

        // The group itself: its chart as the sweep drew it and results.csv as its table.
        fx(() -> runsTable().scrollTo(0));
        doubleClickOn(rowCell("Status", 0).orElseThrow());
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> lookup("#runGroupView").query().isVisible());
        assertFalse(lookup("#savedRunBar").query().isVisible());
        assertTrue(lookup("#groupText").queryAs(Label.class).getText().startsWith("Sweep sweep-digits · 3 runs · best "));
        assertEquals(320, lookup("#groupChart").queryAs(ImageView.class).getImage().getWidth());
        TableView<?> results = lookup("#groupResults").queryAs(TableView.class);
        assertEquals(3, results.getItems().size());
        assertEquals(List.of("method", "density", "seed", "connections", "val_accuracy", "test_accuracy", "seconds"),
                results.getColumns().stream().map(c -> c.getText()).toList());
        assertEquals(List.of(RESULTS.lines().toList().get(2).split(",", -1)), results.getItems().get(1));

        // A result row opens its cell's run.
        Node seedCell = lookup((Node n) -> n instanceof TableCell<?, ?> c && c.getTableView() == results && c.getTableRow() != null
                && c.getTableRow().getIndex() == 2 && "seed".equals(c.getTableColumn().getText())).query();
        doubleClickOn(seedCell);
        Path second = sweep.resolve("cells/rigl-d0.3-s2");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> lookup("#savedRunBar").query().isVisible()
                && lookup("#savedRunText").queryAs(Label.class).getText().contains(second.toString()));
        assertFalse(lookup("#runGroupView").query().isVisible());

        fx(() -> runsTable().scrollTo(0));
        doubleClickOn(rowCell("Status", 0).orElseThrow());
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> lookup("#runGroupView").query().isVisible());
        clickOn("#groupBack");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !lookup("#runGroupView").query().isVisible());
    }

    @Test
    void aLotteryOpenedFromElsewhereIsListedAsAGroupWithItsLevels() throws Exception {
        fx(() -> window.openRunOnceReady(LaunchArgs.parse(List.of(lottery.toString())).runDir()));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> lookup("#runGroupView").query().isVisible());
        assertTrue(lookup("#groupText").queryAs(Label.class).getText().startsWith("Lottery lottery-digits · 3 runs · best 96.2 % · level 1 (d 0.8)"),
                lookup("#groupText").queryAs(Label.class).getText());
        assertTrue(lookup("#groupChartNote").queryAs(Label.class).getText().startsWith("No accuracy-vs-density.png yet"));
        assertEquals(2, lookup("#groupResults").queryAs(TableView.class).getItems().size());
        // Listed after the runs folder's sweep (names, newest first): lottery-digits before sweep-digits... by name, reversed.
        awaitText("Label", 1, "lottery-digits");
        assertEquals("lottery", text("Method", 1));
        assertEquals("3 runs", text("Status", 1));
        clickOn(toggle(1));
        awaitText("Label", 2, "level 0 ticket");
        awaitText("Label", 3, "level 1 ticket");
        awaitText("Label", 4, "level 1 reinit");
    }

    private static List<Integer> box(int[] a) {
        return Arrays.stream(a).boxed().toList();
    }

    /** Pair 0's connections per input pixel, counted over the snapshot's own mask array. */
    private static List<Integer> naiveFanOut(Path snapshot) throws Exception {
        try (Npz npz = Npz.open(snapshot)) {
            NpyArray m = npz.get("fc1.weight_mask");
            boolean[] cells = m.toBooleans();
            int out = m.dim(0), in = m.dim(1);
            Integer[] counts = new Integer[in];
            for (int i = 0; i < in; i++) {
                int n = 0;
                for (int o = 0; o < out; o++) if (cells[o * in + i]) n++;
                counts[i] = n;
            }
            return List.of(counts);
        }
    }
}
