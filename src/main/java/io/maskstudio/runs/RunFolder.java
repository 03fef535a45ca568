package io.maskstudio.runs;

import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.io.FormatException;
import io.maskstudio.io.GraphFile;
import io.maskstudio.io.RunManifest;
import io.maskstudio.io.RunManifestJson;
import io.maskstudio.model.NetworkDesign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A run folder as read back: what is valid in it, and a message for each file that is missing or broken (so a run
 * killed mid-write, or copied half, still opens up to its last complete epoch). A folder from an older
 * {@code train --out} without run.json opens too, from its metrics.csv and trained.graph.json. A newer run.json
 * format is refused as a problem, not guessed at.
 *
 * @param manifest null when run.json is missing or unreadable
 * @param design   run.json's design, else trained.graph.json's; null when neither is readable
 * @param metrics  metrics.csv's complete rows, in order
 * @param layerRows the last epoch's layers.csv rows (connections and density of the final masks)
 * @param problems one line per problem, each naming its file
 */
public record RunFolder(Path dir, RunManifest manifest, NetworkDesign design, List<EpochMetrics> metrics,
                        List<LayerStats> layerRows, List<Integer> snapshotEpochs, List<String> problems) {

    /** True when {@code dir} looks like a run folder (run.json or metrics.csv in it). */
    public static boolean isRunFolder(Path dir) {
        return Files.isRegularFile(dir.resolve(RunLayout.RUN_JSON)) || Files.isRegularFile(dir.resolve(RunLayout.METRICS_CSV));
    }

    /** The run folders directly under {@code parent} (and {@code parent} itself when it is one), by name. */
    public static List<Path> under(Path parent) throws IOException {
        List<Path> found = new ArrayList<>();
        if (isRunFolder(parent)) found.add(parent);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
            for (Path p : ds) if (Files.isDirectory(p) && isRunFolder(p)) found.add(p);
        }
        found.sort(null);
        return found;
    }

    public static RunFolder open(Path dir) {
        List<String> problems = new ArrayList<>();
        RunManifest manifest = null;
        Path runJson = dir.resolve(RunLayout.RUN_JSON);
        if (Files.exists(runJson)) {
            try {
                manifest = RunManifestJson.read(runJson);
            } catch (FormatException e) {
                problems.add(e.getMessage());
            } catch (IOException e) {
                problems.add(runJson + ": cannot read: " + e.getMessage());
            }
        }
        NetworkDesign design = manifest != null ? manifest.design() : null;
        if (design == null) {
            Path trained = dir.resolve(ModelFiles.TRAINED_GRAPH);
            if (Files.exists(trained)) {
                try {
                    design = GraphFile.read(trained);
                } catch (FormatException e) {
                    problems.add(e.getMessage());
                } catch (IOException e) {
                    problems.add(trained + ": cannot read: " + e.getMessage());
                }
            } else if (!Files.exists(runJson)) {
                problems.add(dir + ": no " + RunLayout.RUN_JSON + " (a folder from an older train --out) and no " + ModelFiles.TRAINED_GRAPH);
            }
        }
        List<EpochMetrics> metrics = readMetrics(dir.resolve(RunLayout.METRICS_CSV), problems);
        List<LayerStats> layers = readLastLayers(dir.resolve(RunLayout.LAYERS_CSV), problems);
        return new RunFolder(dir, manifest, design, metrics, layers, snapshotEpochs(dir), List.copyOf(problems));
    }

    /** run.json's status; for a folder without one, {@code finished} when its model export exists, else {@code unknown}. */
    public String status() {
        if (manifest != null) return manifest.status();
        return Files.exists(dir.resolve("model.npz")) ? RunManifest.FINISHED : "unknown";
    }

    public String method() {
        return manifest != null ? manifest.method() : "static";
    }

    /** Present connections over all cells of the final masks (layers.csv's last epoch, else the design's). */
    public double density() {
        if (design == null) return Double.NaN;
        long conn = 0, cells = 0;
        for (int k = 0; k < design.pairCount(); k++) {
            cells += (long) design.mask(k).rows() * design.mask(k).cols();
            if (layerRows.isEmpty()) conn += design.mask(k).nnz();
        }
        for (LayerStats l : layerRows) conn += l.connections();
        return cells == 0 ? Double.NaN : (double) conn / cells;
    }

    public EpochMetrics lastMetrics() {
        return metrics.isEmpty() ? null : metrics.get(metrics.size() - 1);
    }

    /** The best epoch by the rule run.json's {@code best} uses ({@link RunRecorder#better}); the first of equals. */
    public EpochMetrics bestMetrics() {
        EpochMetrics best = null;
        for (EpochMetrics m : metrics) if (best == null || RunRecorder.better(RunRecorder.metrics(m), RunRecorder.metrics(best))) best = m;
        return best;
    }

    public EpochMetrics metricsOf(int epoch) {
        for (EpochMetrics m : metrics) if (m.epoch() == epoch) return m;
        return null;
    }

    private static List<EpochMetrics> readMetrics(Path file, List<String> problems) {
        List<EpochMetrics> rows = new ArrayList<>();
        List<String> lines = lines(file, problems);
        if (lines == null) return rows;
        if (lines.isEmpty() || !lines.get(0).equals(RunLayout.METRICS_HEADER)) {
            problems.add(file + ": line 1: expected the header " + RunLayout.METRICS_HEADER + ", found "
                    + (lines.isEmpty() ? "an empty file" : "'" + shorten(lines.get(0)) + "'"));
            return rows;
        }
        for (int n = 1; n < lines.size(); n++) {
            String[] f = lines.get(n).split(",", -1);
            try {
                if (f.length != 6) throw new NumberFormatException(f.length + " fields");
                rows.add(new EpochMetrics(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5])));
            } catch (NumberFormatException e) {
                problems.add(file + ": line " + (n + 1) + ": expected epoch and five numbers, found '" + shorten(lines.get(n))
                        + "'; reading stopped there (epochs up to " + rows.size() + " are shown)");
                break;
            }
        }
        return rows;
    }

    private static List<LayerStats> readLastLayers(Path file, List<String> problems) {
        List<String> lines = lines(file, problems);
        TreeMap<Integer, List<LayerStats>> byEpoch = new TreeMap<>();
        if (lines == null || lines.isEmpty()) return List.of();
        if (!lines.get(0).equals(RunLayout.LAYERS_HEADER)) {
            problems.add(file + ": line 1: expected the header " + RunLayout.LAYERS_HEADER + ", found '" + shorten(lines.get(0)) + "'");
            return List.of();
        }
        for (int n = 1; n < lines.size(); n++) {
            String[] f = lines.get(n).split(",", -1);
            try {
                if (f.length != 7) throw new NumberFormatException(f.length + " fields");
                LayerStats s = new LayerStats(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Long.parseLong(f[2]), Double.parseDouble(f[3]),
                        number(f[4]), number(f[5]), number(f[6]));
                byEpoch.computeIfAbsent(s.epoch(), e -> new ArrayList<>()).add(s);
            } catch (NumberFormatException e) {
                problems.add(file + ": line " + (n + 1) + ": expected " + RunLayout.LAYERS_HEADER + " values, found '" + shorten(lines.get(n)) + "'");
                break;
            }
        }
        return byEpoch.isEmpty() ? List.of() : List.copyOf(byEpoch.lastEntry().getValue());
    }

    private static double number(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    /**
     * The file's complete lines: a last line without its newline is a write cut short by a kill and is dropped
     * (the epoch it belonged to had not ended). Null when the file is missing or unreadable (noted).
     */
    private static List<String> lines(Path file, List<String> problems) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            problems.add(file + ": missing");
            return null;
        } catch (IOException e) {
            problems.add(file + ": cannot read: " + e.getMessage());
            return null;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        if (end < 0) return text.isEmpty() ? List.of() : List.of(text);
        List<String> lines = new ArrayList<>(List.of(text.substring(0, end).split("\n", -1)));
        lines.replaceAll(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
        return lines;
    }

    private static List<Integer> snapshotEpochs(Path dir) {
        List<Integer> epochs = new ArrayList<>();
        Path snaps = dir.resolve(RunLayout.SNAPSHOTS);
        if (!Files.isDirectory(snaps)) return epochs;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(snaps, "epoch-*.npz")) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                try {
                    epochs.add(Integer.parseInt(n.substring(6, n.length() - 4)));
                } catch (NumberFormatException e) {
                    // not one of ours: ignored
                }
            }
        } catch (IOException e) {
            return epochs;
        }
        epochs.sort(null);
        return epochs;
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
