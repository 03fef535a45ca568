package io.maskstudio.runs;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where the app puts a new run: beside its graph in {@code NAME.runs/<yyyyMMdd-HHmmss>-<label>/}, or for an unsaved
 * graph under the app's home ({@code ~/.maskstudio/runs/}). The {@code maskstudio.runsDir} system property puts
 * every run under one folder instead (tests use it so runs never land beside the repository's sample graphs).
 */
public final class RunFolders {
    public static final String RUNS_DIR_PROPERTY = "maskstudio.runsDir";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private RunFolders() {}

    /** The folder holding the runs of {@code graphFile} (null: not saved yet, so under {@code appHome}). */
    public static Path rootFor(Path graphFile, Path appHome) {
        String override = System.getProperty(RUNS_DIR_PROPERTY);
        if (override != null && !override.isBlank()) return Path.of(override);
        if (graphFile == null) return appHome.resolve("runs");
        String name = graphFile.getFileName().toString();
        String stem = name.endsWith(".graph.json") ? name.substring(0, name.length() - ".graph.json".length())
                : name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return graphFile.toAbsolutePath().resolveSibling(stem + ".runs");
    }

    /** Creates and returns a new, empty run folder under {@code root}: {@code 20261201-223950-label}, then {@code -2}, ... */
    public static Path create(Path root, String label, Instant when) throws IOException {
        String base = STAMP.format(when.atZone(ZoneId.systemDefault())) + "-" + safe(label);
        Files.createDirectories(root);
        for (int k = 1; ; k++) {
            Path dir = root.resolve(k == 1 ? base : base + "-" + k);
            try {
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                // two runs in one second: take the next suffix
            }
        }
    }

    /**
     * Deletes a run folder and everything in it. Refuses a folder that is not a run folder (no run.json or
     * metrics.csv), so a wrong path can never take a user's other files with it.
     */
    public static void delete(Path dir) throws IOException {
        if (!RunFolder.isRunFolder(dir)) {
            throw new IOException(dir + ": not a run folder (no " + RunLayout.RUN_JSON + " or " + RunLayout.METRICS_CSV + "); not deleted");
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** A label as a folder-name part: letters, digits, '-', '_' and '.'; anything else becomes '-'. */
    static String safe(String label) {
        String s = label == null ? "" : label.strip().replaceAll("[^A-Za-z0-9._-]+", "-");
        s = s.replaceAll("^[-.]+", "");
        return s.isEmpty() ? "run" : s.length() > 60 ? s.substring(0, 60) : s;
    }
}
