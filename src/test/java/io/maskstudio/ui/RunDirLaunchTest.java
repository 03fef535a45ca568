package io.maskstudio.ui;

import io.maskstudio.cli.CliTraining;
import io.maskstudio.io.GraphFile;
import io.maskstudio.model.NetworkDesign;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code maskstudio RUNDIR}: a folder written by {@code train --out} (the CLI, as on another machine) opens in the
 * Training tab with its snapshots; a broken line in it is named, not fatal; "Edit this design" puts its design into
 * the editor as an unsaved graph.
 */
class RunDirLaunchTest extends UiTest {
    private static Path run;

    @Override
    protected void prepareHome(Path home) throws Exception {
        run = home.resolve("cli-run");
        CliTraining.digits(run, 3);
        // A copy cut short on its way: metrics.csv's last row is garbage.
        Path metrics = run.resolve("metrics.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(metrics, StandardCharsets.UTF_8));
        lines.set(3, "3,not-a-number");
        Files.write(metrics, lines, StandardCharsets.UTF_8);
    }

    @Override
    protected void shown(MainWindow w) {
        LaunchArgs args = LaunchArgs.parse(List.of(run.toString()));
        assertNull(args.graph(), "a run folder is not a graph to open");
        w.openRunOnceReady(args.runDir());
    }

    @Test
    void theRunOpensInTheTrainingTabWithItsSnapshotsAndNamesTheBrokenLine() throws Exception {
        Label bar = lookup("#savedRunText").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lookup("#savedRunBar").query().isVisible());
        assertEquals(1, window.modes().getSelectionModel().getSelectedIndex(), "the Training tab is in front");
        assertTrue(bar.getText().contains(run.resolve("metrics.csv") + ": line 4"), bar.getText());
        Label epochLabel = lookup("#epochLabel").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> epochLabel.getText().equals("3 (latest)"));
        assertFalse(lookup("#epochScrubber").queryAs(Slider.class).isDisabled());

        clickOn("#editRunDesign");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.modes().getSelectionModel().getSelectedIndex() == 0);
        assertTrue(window.document().isModified(), "the run's design is unsaved work");
        assertNull(window.document().file());
        // A static run's design is the one trained.graph.json holds (read here by the graph reader, not the run reader).
        NetworkDesign trained = GraphFile.read(run.resolve("trained.graph.json"));
        NetworkDesign shown = window.document().design();
        assertEquals(trained.layers(), shown.layers());
        for (int k = 0; k < trained.pairCount(); k++) assertEquals(trained.mask(k), shown.mask(k), "pair " + k);
    }

    @Test
    void argumentsThatAreNotARunFolderOpenAsAGraph(@TempDir Path tmp) {
        assertEquals(Path.of("x.graph.json"), LaunchArgs.parse(List.of("x.graph.json", App.TRAIN_FLAG)).graph());
        assertTrue(LaunchArgs.parse(List.of("x.graph.json", App.TRAIN_FLAG)).train());
        assertEquals(tmp, LaunchArgs.parse(List.of(tmp.toString())).graph(), "an empty folder is no run: opening it says so");
        assertEquals(run, LaunchArgs.parse(List.of(run.toString())).runDir());
    }
}
