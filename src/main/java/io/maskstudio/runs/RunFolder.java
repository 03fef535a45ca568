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
 * @param layerHistory every complete layers.csv row, in file order
 * @param steps    steps.csv's complete rows (empty for a folder from an older train --out)
 * @param events   events.csv's complete rows
 * @param problems one line per problem, each naming its file
 */
public record RunFolder(Path dir, RunManifest manifest, NetworkDesign design, List<EpochMetrics> metrics,
                        List<LayerStats> layerRows, List<Integer> snapshotEpochs, List<LayerStats> layerHistory,
                        List<CurveSource.Step> steps, List<CurveSource.Event> events, List<String> problems) {

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
        List<LayerStats> layers = readLayers(dir.resolve(RunLayout.LAYERS_CSV), problems);
        // An older train --out wrote neither file: that is no problem worth a message.
        boolean older = manifest == null && !Files.exists(runJson);
        List<CurveSource.Step> steps = older && !Files.exists(dir.resolve(RunLayout.STEPS_CSV)) ? List.of()
                : readSteps(dir.resolve(RunLayout.STEPS_CSV), problems);
        List<CurveSource.Event> events = older && !Files.exists(dir.resolve(RunLayout.EVENTS_CSV)) ? List.of()
                : readEvents(dir.resolve(RunLayout.EVENTS_CSV), problems);
        return new RunFolder(dir, manifest, design, metrics, lastEpochRows(layers), snapshotEpochs(dir), List.copyOf(layers),
                List.copyOf(steps), List.copyOf(events), List.copyOf(problems));
    }

    /** The curves of this run, named after its folder. */
    public CurveSource curves() {
        String name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        return new CurveSource(name, design, manifest, metrics, steps, events, layerHistory);
    }

    /** run.json's status; for a folder without one, {@code finished} when its model export exists, else {@code unknown}. */
    public String status() {
        if (manifest != null) return manifest.status();
        return Files.exists(dir.resolve("model.npz")) ? RunManifest.FINISHED : "unknown";
    }

    public String method() {
        return manifest != null ? manifest.method() : RunManifest.STATIC;
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
                        number(f[3]), number(f[4]), Double.parseDouble(f[5]))); // empty validation fields: no validation split
            } catch (NumberFormatException e) {
                problems.add(file + ": line " + (n + 1) + ": expected epoch and five numbers, found '" + shorten(lines.get(n))
                        + "'; reading stopped there (epochs up to " + rows.size() + " are shown)");
                break;
            }
        }
        return rows;
    }

    private static List<LayerStats> readLayers(Path file, List<String> problems) {
        List<String> lines = lines(file, problems);
        List<LayerStats> rows = new ArrayList<>();
        if (lines == null || lines.isEmpty()) return rows;
        if (!lines.get(0).equals(RunLayout.LAYERS_HEADER)) {
            problems.add(file + ": line 1: expected the header " + RunLayout.LAYERS_HEADER + ", found '" + shorten(lines.get(0)) + "'");
            return rows;
        }
        for (int n = 1; n < lines.size(); n++) {
            String[] f = lines.get(n).split(",", -1);
            try {
                if (f.length != 7) throw new NumberFormatException(f.length + " fields");
                rows.add(new LayerStats(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Long.parseLong(f[2]), Double.parseDouble(f[3]),
                        number(f[4]), number(f[5]), number(f[6])));
            } catch (NumberFormatException e) {
                problems.add(file + ": line " + (n + 1) + ": expected " + RunLayout.LAYERS_HEADER + " values, found '" + shorten(lines.get(n)) + "'");
                break;
            }
        }
        return rows;
    }

    private static List<LayerStats> lastEpochRows(List<LayerStats> rows) {
        if (rows.isEmpty()) return List.of();
        int last = rows.get(rows.size() - 1).epoch();
        return rows.stream().filter(r -> r.epoch() == last).toList();
    }

    private static List<CurveSource.Step> readSteps(Path file, List<String> problems) {
        List<CurveSource.Step> rows = new ArrayList<>();
        List<String> lines = lines(file, problems);
        if (lines == null || !header(file, lines, RunLayout.STEPS_HEADER, problems)) return rows;
        for (int n = 1; n < lines.size(); n++) {
            String[] f = lines.get(n).split(",", -1);
            try {
                if (f.length != 4) throw new NumberFormatException(f.length + " fields");
                rows.add(new CurveSource.Step(Integer.parseInt(f[0]), Long.parseLong(f[1]), number(f[2]), number(f[3])));
            } catch (NumberFormatException e) {
                problems.add(file + ": line " + (n + 1) + ": expected epoch, step, loss and accuracy, found '" + shorten(lines.get(n))
                        + "'; reading stopped there");
                break;
            }
        }
        return rows;
    }

    private static List<CurveSource.Event> readEvents(Path file, List<String> problems) {
        List<CurveSource.Event> rows = new ArrayList<>();
        List<String> lines = lines(file, problems);
        if (lines == null || !header(file, lines, RunLayout.EVENTS_HEADER, problems)) return rows;
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            String[] f = line.split(",", 4);
            try {
                if (f.length != 4 || f[2].isEmpty()) throw new NumberFormatException(f.length + " fields");
                String detail = unquote(f[3]);
                if (detail == null) throw new NumberFormatException("unbalanced quotes");
                rows.add(new CurveSource.Event(Integer.parseInt(f[0]), Long.parseLong(f[1]), f[2], detail));
            } catch (NumberFormatException e) {
                problems.add(file + ": line " + (n + 1) + ": expected epoch, step, kind and detail, found '" + shorten(line)
                        + "'; reading stopped there");
                break;
            }
        }
        return rows;
    }

    /** The detail field as written by {@link RunRecorder#csvText}: bare, or RFC 4180 quoted; null when the quotes do not close. */
    static String unquote(String field) {
        if (!field.startsWith("\"")) return field.indexOf('"') < 0 ? field : null;
        if (field.length() < 2 || !field.endsWith("\"")) return null;
        String inner = field.substring(1, field.length() - 1);
        if (inner.replace("\"\"", "").indexOf('"') >= 0) return null;
        return inner.replace("\"\"", "\"");
    }

    private static boolean header(Path file, List<String> lines, String expected, List<String> problems) {
        if (!lines.isEmpty() && lines.get(0).equals(expected)) return true;
        problems.add(file + ": line 1: expected the header " + expected + ", found "
                + (lines.isEmpty() ? "an empty file" : "'" + shorten(lines.get(0)) + "'"));
        return false;
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
