package io.maskstudio.runs;

import io.maskstudio.io.FormatException;
import io.maskstudio.io.RunManifest;
import io.maskstudio.io.RunManifestJson;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * One row of results.csv: what a finished cell's run folder says. {@code connections} is the network's connection
 * count at the last epoch (gmp's after pruning); accuracies are NaN where they do not exist (no validation split, no
 * test set); {@code seconds} is the run's wall time from run.json.
 */
public record SweepResult(SweepCell cell, long connections, double valAccuracy, double testAccuracy, double seconds) {

    /** A cell is finished when its run.json says finished or diverged (a diverged run is a result too: it diverged). */
    public static boolean isFinished(Path cellDir) {
        return finishedManifest(cellDir).isPresent();
    }

    /** The cell's result, or empty while it has not finished (no run.json, still running, stopped, failed, unreadable). */
    public static Optional<SweepResult> read(Path sweepDir, SweepCell cell) throws IOException {
        Path dir = sweepDir.resolve(cell.dir());
        Optional<RunManifest> m = finishedManifest(dir);
        if (m.isEmpty()) return Optional.empty();
        RunManifest run = m.get();
        double val = run.last() == null ? Double.NaN : run.last().valAccuracy();
        double test = run.test() == null ? Double.NaN : run.test().accuracy();
        double seconds = run.started() != null && run.ended() != null ? Duration.between(run.started(), run.ended()).toNanos() / 1e9 : Double.NaN;
        return Optional.of(new SweepResult(cell, lastConnections(dir.resolve(RunLayout.LAYERS_CSV)), val, test, seconds));
    }

    /** The row in results.csv's columns ({@link SweepLayout#RESULTS_HEADER}). */
    public String csvRow() {
        return cell.method() + "," + SweepCell.densityText(cell.density()) + "," + cell.seed() + "," + (connections < 0 ? "" : connections) + ","
                + number(valAccuracy, "%.6f") + "," + number(testAccuracy, "%.6f") + "," + number(seconds, "%.3f");
    }

    private static String number(double v, String format) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "";
    }

    private static Optional<RunManifest> finishedManifest(Path cellDir) {
        try {
            RunManifest m = RunManifestJson.read(cellDir.resolve(RunLayout.RUN_JSON));
            boolean done = RunManifest.FINISHED.equals(m.status()) || RunManifest.DIVERGED.equals(m.status());
            return done ? Optional.of(m) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | FormatException e) {
            // A run killed while writing run.json: unfinished, so it is trained again
            return Optional.empty();
        }
    }

    /** The sum of the connections column over the last epoch's rows of layers.csv; -1 when it has none. */
    static long lastConnections(Path layersCsv) throws IOException {
        int lastEpoch = -1;
        long sum = -1;
        try (BufferedReader r = Files.newBufferedReader(layersCsv, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            if (line == null || !line.startsWith("epoch,pair,connections")) return -1;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",", -1);
                if (f.length < 3 || f[0].isEmpty()) continue;
                int epoch = Integer.parseInt(f[0]);
                long n = Long.parseLong(f[2]);
                if (epoch != lastEpoch) {
                    lastEpoch = epoch;
                    sum = 0;
                }
                sum += n;
            }
        } catch (NoSuchFileException e) {
            return -1;
        } catch (NumberFormatException e) {
            throw new IOException(layersCsv + ": not a layers.csv of this MaskStudio: " + e.getMessage(), e);
        }
        return sum;
    }
}
