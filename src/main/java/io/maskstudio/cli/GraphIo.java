package io.maskstudio.cli;

import io.maskstudio.io.FormatException;
import io.maskstudio.io.GraphFile;
import io.maskstudio.io.LoadedGraph;
import io.maskstudio.model.NetworkDesign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

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
}
