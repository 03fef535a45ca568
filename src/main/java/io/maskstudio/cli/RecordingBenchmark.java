package io.maskstudio.cli;

import io.maskstudio.data.DataException;
import io.maskstudio.data.Dataset;
import io.maskstudio.data.Datasets;
import io.maskstudio.engine.DivergedException;
import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.engine.MaskedNetwork;
import io.maskstudio.engine.SessionLoader;
import io.maskstudio.engine.TrainingSession;
import io.maskstudio.io.RunManifest;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.runs.RunLayout;
import io.maskstudio.runs.RunRecorder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code bench record}: epochs per second of one graph trained with and without recording its run folder, in
 * alternating blocks of the same run (so drift in machine load hits both), each block a fresh seeded session.
 * The recording blocks write everything {@code train --out} writes, snapshots included.
 */
final class RecordingBenchmark {
    record Result(double plainEpochsPerSecond, double recordedEpochsPerSecond, int epochsPerBlock, int blocks, long snapshotBytes) {
        double ratio() {
            return recordedEpochsPerSecond / plainEpochsPerSecond;
        }
    }

    private RecordingBenchmark() {}

    static Result run(NetworkDesign design, int epochsPerBlock, int blocks) throws IOException {
        Dataset data;
        try {
            data = Datasets.load(design.settings().dataset(), design.settings().seed());
        } catch (DataException e) {
            throw new CliException(e.getMessage(), e);
        }
        double plainSeconds = 0, recordedSeconds = 0;
        long bytes = 0;
        // Blocks -2 and -1 warm up both paths (class loading, JIT, the first file writes) and are not counted.
        for (int b = -2; b < 2 * blocks; b++) {
            boolean record = b % 2 != 0;
            int n = b < 0 ? 1 : epochsPerBlock;
            Path dir = record ? Files.createTempDirectory("maskstudio-bench-run") : null;
            try {
                double s = block(design, data, n, dir);
                if (b < 0) continue;
                if (record) {
                    recordedSeconds += s;
                    bytes = Math.max(bytes, sizeOf(dir.resolve(RunLayout.SNAPSHOTS)));
                } else {
                    plainSeconds += s;
                }
            } finally {
                if (dir != null) deleteTree(dir);
            }
        }
        int epochs = epochsPerBlock * blocks;
        return new Result(epochs / plainSeconds, epochs / recordedSeconds, epochsPerBlock, blocks, bytes);
    }

    /** Seconds to train {@code epochs} epochs from a fresh session, recording into {@code dir} unless it is null. */
    private static double block(NetworkDesign design, Dataset data, int epochs, Path dir) throws IOException {
        SessionLoader.PreparedData prepared = SessionLoader.PreparedData.of(data, design.settings());
        TrainingSession session = new TrainingSession(design.copy(), prepared.split(), design.settings());
        RunRecorder rec = null;
        long t0 = System.nanoTime();
        if (dir != null) {
            session.setStandardizer(prepared.standardizer());
            rec = RunRecorder.forSession(dir, session, design, new RunManifest.Dataset(data.name(), null, null), RunManifest.STATIC, "",
                    RunLayout.DEFAULT_SNAPSHOT_BUDGET_BYTES);
        }
        try {
            long step = 0;
            for (int e = 1; e <= epochs; e++) {
                EpochMetrics m;
                do {
                    m = session.step();
                    step++;
                    if (rec != null) {
                        MaskedNetwork.BatchResult r = session.lastBatch();
                        rec.batch(e, step, r.loss(), (double) r.correct() / r.count());
                    }
                } while (m == null);
                if (rec != null) rec.epoch(m, session.snapshot());
            }
            if (rec != null) {
                rec.finish(RunManifest.FINISHED, "", session.snapshot());
                if (rec.problem().isPresent()) throw new CliException(rec.problem().get());
            }
        } catch (DivergedException e) {
            throw new CliException("the benchmark run diverged: " + e.getMessage(), e);
        } finally {
            if (rec != null) rec.close();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
