package io.maskstudio.runs;

import io.maskstudio.io.FormatException;
import io.maskstudio.io.RunGroupManifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sweep or lottery folder (the layouts {@code sweep} and {@code lottery} write) read back as one group of runs:
 * its kind, its member run folders in the order the command made them (a sweep's cells; a lottery's levels, ticket
 * before its controls), its results table (results.csv / levels.csv as written) and its chart. Like a run folder, a
 * half-written group opens with what is there, and a message for each file that is missing or broken.
 *
 * @param chart    accuracy-vs-density.png; null when not (yet) drawn
 * @param header   the results table's columns (empty when there is no table yet)
 * @param rows     its rows, one list of fields per line, as written
 * @param problems one line per problem, each naming its file
 */
public record RunGroup(Path dir, String kind, String graph, List<Member> members, Path chart, List<String> header, List<List<String>> rows,
                       List<String> problems) {
    public static final String SWEEP_JSON = "sweep.json";
    public static final String LOTTERY_JSON = "lottery.json";
    public static final String RESULTS_CSV = "results.csv";
    public static final String LEVELS_CSV = "levels.csv";
    public static final String CHART_PNG = "accuracy-vs-density.png";
    private static final Pattern LEVEL = Pattern.compile("level-(\\d+)");
    private static final List<String> BRANCHES = List.of("ticket", "reinit", "random-mask");

    /** One run of the group and what it is within it ("rigl d0.02 s1", "level 3 ticket"). */
    public record Member(Path dir, String role) {}

    /** True when {@code dir} holds a sweep.json or lottery.json. */
    public static boolean isGroup(Path dir) {
        return Files.isRegularFile(dir.resolve(SWEEP_JSON)) || Files.isRegularFile(dir.resolve(LOTTERY_JSON));
    }

    /** The group folders directly under {@code parent}, by name. */
    public static List<Path> under(Path parent) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
            for (Path p : ds) if (Files.isDirectory(p) && isGroup(p)) found.add(p);
        }
        found.sort(null);
        return found;
    }

    public static RunGroup open(Path dir) {
        List<String> problems = new ArrayList<>();
        boolean sweep = Files.isRegularFile(dir.resolve(SWEEP_JSON));
        Path json = dir.resolve(sweep ? SWEEP_JSON : LOTTERY_JSON);
        RunGroupManifest manifest = null;
        try {
            manifest = RunGroupManifest.read(json);
        } catch (FormatException e) {
            problems.add(e.getMessage());
        } catch (IOException e) {
            problems.add(json + ": cannot read: " + e.getMessage());
        }
        String kind = manifest != null ? manifest.kind() : sweep ? RunGroupManifest.SWEEP : RunGroupManifest.LOTTERY;
        List<Member> members = kind.equals(RunGroupManifest.SWEEP) ? sweepMembers(dir, manifest) : lotteryMembers(dir, problems);
        Path csv = dir.resolve(kind.equals(RunGroupManifest.SWEEP) ? RESULTS_CSV : LEVELS_CSV);
        List<String> header = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        readTable(csv, header, rows, problems);
        Path chart = dir.resolve(CHART_PNG);
        return new RunGroup(dir, kind, manifest == null ? "" : manifest.graph(), List.copyOf(members), Files.isRegularFile(chart) ? chart : null,
                List.copyOf(header), List.copyOf(rows), List.copyOf(problems));
    }

    public boolean isSweep() {
        return kind.equals(RunGroupManifest.SWEEP);
    }

    /** The group's name: label.txt, else the folder's name. */
    public String label() {
        return RunLabel.read(dir);
    }

    /**
     * The best validation accuracy of the results table and whose it is: "93.1 % · rigl d0.05 s2" for a sweep,
     * "93.1 % · level 3 (d 0.33)" for a lottery's tickets; "–" before any result.
     */
    public String best() {
        int acc = header.indexOf("val_accuracy");
        if (acc < 0) return "–";
        List<String> bestRow = null;
        double best = Double.NEGATIVE_INFINITY;
        for (List<String> r : rows) {
            double v = number(r, acc);
            if (v > best) {
                best = v;
                bestRow = r;
            }
        }
        if (bestRow == null) return "–";
        String who = isSweep()
                ? field(bestRow, "method") + " d" + field(bestRow, "density") + " s" + field(bestRow, "seed")
                : "level " + field(bestRow, "level") + " (d " + field(bestRow, "density") + ")";
        return String.format(Locale.ROOT, "%.1f %% · %s", 100 * best, who);
    }

    /** The lowest and highest density of the results table; NaNs before any result. */
    public double[] densityBounds() {
        int d = header.indexOf("density");
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (List<String> r : rows) {
            double v = number(r, d);
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return lo > hi ? new double[]{Double.NaN, Double.NaN} : new double[]{lo, hi};
    }

    /** The densities of the results table, lowest to highest, "0.02–1"; empty before any result. */
    public String densityRange() {
        double[] d = densityBounds();
        if (Double.isNaN(d[0])) return "";
        return d[0] == d[1] ? plain(d[0]) : plain(d[0]) + "–" + plain(d[1]);
    }

    private static String plain(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private String field(List<String> row, String column) {
        int k = header.indexOf(column);
        return k >= 0 && k < row.size() ? row.get(k) : "?";
    }

    private static double number(List<String> row, int k) {
        if (k < 0 || k >= row.size() || row.get(k).isBlank()) return Double.NaN;
        try {
            return Double.parseDouble(row.get(k));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The cells of sweep.json that have a run folder; without a readable sweep.json, the run folders under cells/ by name. */
    private static List<Member> sweepMembers(Path dir, RunGroupManifest manifest) {
        List<Member> out = new ArrayList<>();
        if (manifest != null && !manifest.cells().isEmpty()) {
            for (RunGroupManifest.Cell c : manifest.cells()) {
                Path run = dir.resolve(c.dir());
                if (RunFolder.isRunFolder(run)) out.add(new Member(run, c.method() + " d" + plain(c.density()) + " s" + c.seed()));
            }
            return out;
        }
        Path cells = dir.resolve("cells");
        if (!Files.isDirectory(cells)) return out;
        try {
            for (Path p : RunFolder.under(cells)) if (!p.equals(cells)) out.add(new Member(p, p.getFileName().toString()));
        } catch (IOException e) {
            // No readable cells folder: the group lists no runs, its table still shows.
        }
        return out;
    }

    /** level-0/ticket, level-1/ticket, level-1/reinit, level-1/random-mask, ...: by level number, the ticket first. */
    private static List<Member> lotteryMembers(Path dir, List<String> problems) {
        List<Path> levels = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) if (Files.isDirectory(p) && LEVEL.matcher(p.getFileName().toString()).matches()) levels.add(p);
        } catch (IOException e) {
            problems.add(dir + ": cannot list: " + e.getMessage());
        }
        levels.sort(Comparator.comparingInt(RunGroup::levelOf));
        List<Member> out = new ArrayList<>();
        for (Path level : levels) {
            for (String b : BRANCHES) {
                Path run = level.resolve(b);
                if (RunFolder.isRunFolder(run)) out.add(new Member(run, "level " + levelOf(level) + " " + b));
            }
        }
        return out;
    }

    private static int levelOf(Path p) {
        Matcher m = LEVEL.matcher(p.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** A plain CSV as these commands write it (no quoted fields); a missing file is no problem until the first cell ends. */
    private static void readTable(Path csv, List<String> header, List<List<String>> rows, List<String> problems) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            problems.add(csv + ": cannot read: " + e.getMessage());
            return;
        }
        if (lines.isEmpty()) return;
        header.addAll(List.of(lines.get(0).strip().split(",", -1)));
        for (int k = 1; k < lines.size(); k++) {
            String line = lines.get(k).strip();
            if (line.isEmpty()) continue;
            List<String> fields = List.of(line.split(",", -1));
            // A row cut short by a crash mid-write is left out, as metrics.csv's are.
            if (fields.size() != header.size()) {
                problems.add(csv + ": line " + (k + 1) + ": " + fields.size() + " fields, expected " + header.size() + "; left out");
                continue;
            }
            rows.add(fields);
        }
    }
}
