package io.maskstudio.cli;

import io.maskstudio.io.FormatException;
import io.maskstudio.io.GraphFile;
import io.maskstudio.io.LoadedGraph;
import io.maskstudio.model.NetworkDesign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Graph file access for commands: failures become one-line {@link CliException}s. */
final class GraphIo {
    private GraphIo() {}

    static NetworkDesign read(Path file) {
        return load(file).design();
    }

    /** The design plus the file's unknown fields (kept, to write back) and migration notes. */
    static LoadedGraph load(Path file) {
        if (!Files.exists(file)) throw new CliException(file + ": no such file");
        try {
            return GraphFile.load(file);
        } catch (FormatException e) {
            throw new CliException(e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new CliException(file + ": no such file", e);
        } catch (IOException e) {
            throw new CliException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    static void write(Path file, NetworkDesign design) {
        try {
            GraphFile.write(file, design);
        } catch (IOException e) {
            throw new CliException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /**
     * A data file not found as given is looked up next to the graph file, so sample graphs can name their data
     * ({@code train}, {@code lottery}); returns {@code name} unchanged when it is not there either.
     */
    static String besideGraph(Path graph, String name) {
        Path p = Path.of(name.trim());
        if (!Files.exists(p) && !p.isAbsolute() && graph.toAbsolutePath().getParent() != null) {
            Path beside = graph.toAbsolutePath().getParent().resolve(name.trim());
            if (Files.exists(beside)) return beside.toString();
        }
        return name;
    }

    /** Whether a dataset name is a CSV file (plain or gzipped) rather than a built-in set or an IDX path. */
    static boolean isCsv(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".csv") || lower.endsWith(".csv.gz");
    }
}
