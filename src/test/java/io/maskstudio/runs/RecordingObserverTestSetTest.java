package io.maskstudio.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskstudio.data.Dataset;
import io.maskstudio.data.Datasets;
import io.maskstudio.engine.DesignTrainers;
import io.maskstudio.engine.SessionLoader;
import io.maskstudio.engine.Trainer;
import io.maskstudio.io.GraphFile;
import io.maskstudio.io.NpyArray;
import io.maskstudio.io.Npz;
import io.maskstudio.io.Python;
import io.maskstudio.io.RunManifest;
import io.maskstudio.model.NetworkDesign;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An app run whose dataset has a test set records the test accuracy at the end, as {@code train --test} does. */
class RecordingObserverTestSetTest {

    @Test
    void theRunsTestAccuracyIsRecordedAtTheEndAndPyTorchAgrees(@TempDir Path tmp) throws Exception {
        NetworkDesign d = GraphFile.read(RecordingObserverTest.DIGITS);
        d.setSettings(d.settings().withEpochs(2));
        Dataset digits = Datasets.load("digits", 1);
        // The last 297 rows are held out: the split and the test set never share a row
        Dataset data = digits.subset(IntStream.range(0, 1500).toArray());
        Dataset test = digits.subset(IntStream.range(1500, 1797).toArray());
        SessionLoader.PreparedData prepared = SessionLoader.PreparedData.of(new Datasets.DataWithTest(data, test), d.settings());
        List<String> problems = new ArrayList<>();
        Path dir = tmp.resolve("run");
        NetworkDesign copy = d.copy();
        try (Trainer t = new Trainer(() -> prepared.session(copy), 10, new RecordingObserver(dir, d.copy(),
                new RunManifest.Dataset("digits", null, null), RunLayout.DEFAULT_SNAPSHOT_BUDGET_BYTES, problems::add))) {
            t.start();
            assertEquals(Trainer.State.FINISHED, t.awaitIdle(60, TimeUnit.SECONDS).state());
        }
        assertEquals(List.of(), problems);
        RunFolder run = RunFolder.open(dir);
        RunManifest.Test recorded = run.manifest().test();
        assertEquals(2, recorded.epoch());
        assertEquals(297, recorded.rows());
        assertTrue(recorded.accuracy() > 0.5, "trained: " + recorded.accuracy());
        JsonNode model = new ObjectMapper().readTree(dir.resolve("model.json").toFile());
        assertEquals(recorded.accuracy(), model.path("metrics").path("test_accuracy").asDouble(), 0);
        try (Npz npz = Npz.open(dir.resolve("test.npz"))) {
            NpyArray x = npz.readAll().get("x");
            assertArrayEquals(prepared.test().x(), x.toFloats(), "the standardized test rows");
        }
        assertEquals(1200, prepared.split().train().rows(), "the validation split comes from the 1500 data rows");

        Python.assumeModules("numpy", "torch");
        Python.Result py = Python.run(List.of(dir.resolve("load_model.py").toString()), 300);
        assertEquals(0, py.exitCode(), py.output());
        assertEquals(String.format(Locale.ROOT, "test_accuracy=%.6f", recorded.accuracy()), py.output().strip().lines().toList().get(1));
        assertTrue(Files.exists(dir.resolve("val.npz")));
    }

    @Test
    void anAppRunWithoutValidationRecordsEmptyValidationFieldsAndReopens(@TempDir Path tmp) throws Exception {
        NetworkDesign d = GraphFile.read(RecordingObserverTest.DIGITS);
        d.setSettings(d.settings().withEpochs(2).withValidationFraction(0));
        List<String> problems = new ArrayList<>();
        Path dir = tmp.resolve("noval");
        try (Trainer t = DesignTrainers.forDesign(d.copy(), new RecordingObserver(dir, d.copy(),
                new RunManifest.Dataset("digits", null, null), RunLayout.DEFAULT_SNAPSHOT_BUDGET_BYTES, problems::add))) {
            t.start();
            assertEquals(Trainer.State.FINISHED, t.awaitIdle(60, TimeUnit.SECONDS).state());
            assertEquals(0, t.validation().rows(), "every row is trained on");
        }
        assertEquals(List.of(), problems);
        RunFolder run = RunFolder.open(dir);
        assertEquals(List.of(), run.problems());
        assertEquals(2, run.metrics().size());
        for (String row : Files.readAllLines(dir.resolve(RunLayout.METRICS_CSV)).subList(1, 3)) {
            String[] f = row.split(",", -1);
            assertTrue(f.length == 6 && f[3].isEmpty() && f[4].isEmpty(), row);
        }
        assertTrue(Double.isNaN(run.bestMetrics().valAccuracy()));
        assertEquals(null, run.manifest().test(), "no test set: no test metrics");
        assertTrue(RunCurves.chart(List.of(run.curves()), RunCurves.Options.of(RunCurves.Metric.fromId("val_accuracy"))) != null);
    }
}
