package io.maskstudio.runs;

import io.maskstudio.engine.DesignTrainers;
import io.maskstudio.engine.Trainer;
import io.maskstudio.io.GraphFile;
import io.maskstudio.io.RunManifest;
import io.maskstudio.model.NetworkDesign;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The app's trainer, recorded through its observer, leaves the same run folder as {@code train --out}. */
class RecordingObserverTest {
    static final Path DIGITS = Path.of("sample-graphs/digits-local.graph.json");

    private static NetworkDesign digits(int epochs) throws Exception {
        NetworkDesign d = GraphFile.read(DIGITS);
        d.setSettings(d.settings().withEpochs(epochs));
        return d;
    }

    @Test
    void aFinishedRunIsSavedWithEveryEpochAndItsStatus(@TempDir Path tmp) throws Exception {
        NetworkDesign d = digits(3);
        List<String> problems = new ArrayList<>();
        Path dir = tmp.resolve("run");
        try (Trainer t = DesignTrainers.forDesign(d.copy(), new RecordingObserver(dir, d.copy(), new RunManifest.Dataset("digits", null, null),
                RunLayout.DEFAULT_SNAPSHOT_BUDGET_BYTES, problems::add))) {
            t.start();
            assertEquals(Trainer.State.FINISHED, t.awaitIdle(60, TimeUnit.SECONDS).state());
        }
        RunFolder run = RunFolder.open(dir);
        assertEquals(List.of(), run.problems());
        assertEquals(List.of(), problems);
        assertEquals(RunManifest.FINISHED, run.status());
        assertEquals(List.of(1, 2, 3), run.metrics().stream().map(m -> m.epoch()).toList());
        assertEquals(List.of(1, 2, 3), run.snapshotEpochs());
        assertEquals(3, run.manifest().last().epoch());
        for (String f : List.of("model.npz", "model.safetensors", "model.json", "val.npz", "load_model.py", "trained.graph.json")) {
            assertTrue(Files.exists(dir.resolve(f)), f + ": the app's runs carry the model export too");
        }
        assertEquals(GraphFile.read(dir.resolve("trained.graph.json")).mask(0), run.design().mask(0));
        long steps = Files.readAllLines(dir.resolve(RunLayout.STEPS_CSV)).size() - 1;
        assertEquals(3L * (long) Math.ceil(Math.round(1797 * 0.8) / (double) d.settings().batchSize()), steps, "one row per batch");
    }

    @Test
    void aRunTheUserPausesAndClosesEndsStoppedWithItsEvents(@TempDir Path tmp) throws Exception {
        NetworkDesign d = digits(100_000);
        Path dir = tmp.resolve("stopped");
        try (Trainer t = DesignTrainers.forDesign(d.copy(), new RecordingObserver(dir, d.copy(), new RunManifest.Dataset("digits", null, null),
                RunLayout.DEFAULT_SNAPSHOT_BUDGET_BYTES, p -> { }))) {
            t.start();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (t.progress().epoch() < 2 && System.nanoTime() < end) TimeUnit.MILLISECONDS.sleep(5);
            t.pause();
            t.awaitIdle(10, TimeUnit.SECONDS);
            t.setMask(0, d.mask(0));
            t.start();
            while (t.progress().epoch() < 4 && System.nanoTime() < end) TimeUnit.MILLISECONDS.sleep(5);
        }
        RunFolder run = RunFolder.open(dir);
        assertEquals(RunManifest.STOPPED, run.status());
        assertTrue(run.metrics().size() >= 4, run.metrics().size() + " epochs");
        List<String> kinds = Files.readAllLines(dir.resolve(RunLayout.EVENTS_CSV)).stream().skip(1).map(l -> l.split(",")[2]).toList();
        assertEquals(List.of("pause", "mask-edit", "resume", "stopped"), kinds);
    }

    @Test
    void anAppRunOnACsvFileRecordsItsPathAndTheSha256OfItsBytes(@TempDir Path tmp) throws Exception {
        StringBuilder csv = new StringBuilder();
        Random r = new Random(3);
        for (int i = 0; i < 120; i++) {
            for (int k = 0; k < 64; k++) csv.append(r.nextInt(17)).append(',');
            csv.append(i % 10).append('\n');
        }
        Path data = tmp.resolve("my digits.csv");
        Files.writeString(data, csv);
        NetworkDesign d = digits(1);
        d.setSettings(d.settings().withDataset(data.toString()));
        Path dir = tmp.resolve("run");
        try (Trainer t = DesignTrainers.forDesign(d.copy(), new RecordingObserver(dir, d.copy(), new RunManifest.Dataset(data.toString(), null, null),
                RunLayout.DEFAULT_SNAPSHOT_BUDGET_BYTES, p -> { }))) {
            t.start();
            assertEquals(Trainer.State.FINISHED, t.awaitIdle(60, TimeUnit.SECONDS).state());
        }
        RunManifest.Dataset saved = RunFolder.open(dir).manifest().dataset();
        assertEquals(data.toAbsolutePath().toString(), saved.path());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(data))), saved.sha256());
    }
}
