package io.maskstudio.runs;

import io.maskstudio.data.BuiltinDatasets;
import io.maskstudio.io.RunManifest;
import io.maskstudio.io.Sha256;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * run.json's dataset, one rule for the CLI and the app: a built-in set by its name; a file by name, absolute path and
 * the SHA-256 of its bytes, so a result can be traced to exactly the data it was trained on.
 */
public final class DatasetOrigin {
    private DatasetOrigin() {}

    /** {@code file}: the file the data was read from, or null for a built-in set. */
    public static RunManifest.Dataset of(String name, Path file) throws IOException {
        if (file == null) return new RunManifest.Dataset(name, null, null);
        Path p = file.toAbsolutePath();
        return new RunManifest.Dataset(name, p.toString(), Sha256.of(p));
    }

    /** As the app's trainer loads it: a settings value that is not a built-in name is a path (relative to the working folder). */
    public static RunManifest.Dataset ofSetting(String nameOrPath) throws IOException {
        if (BuiltinDatasets.isBuiltin(nameOrPath) || !Files.isRegularFile(Path.of(nameOrPath))) return of(nameOrPath, null);
        return of(nameOrPath, Path.of(nameOrPath));
    }
}
