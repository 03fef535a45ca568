package io.maskstudio.ui;

import io.maskstudio.engine.Trainer;
import io.maskstudio.io.RunManifest;
import io.maskstudio.runs.RunFolder;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run started with the Start button is saved as a run folder, the same layout {@code train --out} writes. */
class AppRunFolderTest extends UiTest {

    private List<Path> runFolders() throws Exception {
        Path root = home.resolve("runs");
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    @Test
    void startSavesTheRunAndStopEndsItStopped() throws Exception {
        fx(() -> window.document().design().setSettings(window.document().design().settings().withEpochs(100_000)));
        clickOn("#trainingTab");
        clickOn(lookup("#start").queryButton());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.training().trainer() != null
                && window.training().trainer().progress().epoch() >= 3);
        Label status = lookup("#trainingStatus").queryAs(Label.class);
        List<Path> folders = runFolders();
        assertEquals(1, folders.size(), "one folder per run: " + folders);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().contains("saving to " + folders.get(0).getFileName()));

        clickOn(lookup("#stop").queryButton());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.training().trainer().progress().state() == Trainer.State.CLOSED
                && RunFolder.open(folders.get(0)).status().equals(RunManifest.STOPPED));
        RunFolder run = RunFolder.open(folders.get(0));
        assertEquals(List.of(), run.problems());
        int epochs = run.metrics().size();
        assertTrue(epochs >= 3, epochs + " epochs saved");
        for (int k = 0; k < epochs; k++) assertEquals(k + 1, run.metrics().get(k).epoch());
        assertTrue(run.snapshotEpochs().contains(epochs), "the last epoch's snapshot is kept: " + run.snapshotEpochs());
        List<String> events = Files.readAllLines(folders.get(0).resolve("events.csv"));
        assertTrue(events.get(events.size() - 1).contains(",stopped,"), events.toString());

        // The next Start is a new run in a new folder.
        clickOn(lookup("#start").queryButton());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> runFolders().size() == 2);
        clickOn(lookup("#stop").queryButton());
    }
}
