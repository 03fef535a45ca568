package io.maskstudio.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One entry point for "the dataset the user asked for": a shipped set, a synthetic set, a CSV file, or IDX files. */
public final class Datasets {

    private Datasets() {}

    /** Every name {@link #load} accepts besides a file path: the shipped sets, then the synthetic ones. */
    public static List<String> builtinNames() {
        List<String> names = new ArrayList<>(BuiltinDatasets.names());
        names.addAll(SyntheticDatasets.names());
        return List.copyOf(names);
    }

    /**
     * A shipped set by name (cached; {@code seed} unused), a synthetic set generated with {@code seed} and its
     * default size and noise, or a path ending in {@code .csv} / {@code .csv.gz} read with the label in the
     * last column, or IDX files ({@link IdxFiles}: an {@code *-images-idx3-ubyte[.gz]} file or a folder), of which
     * this gives the training part. Names are matched ignoring case.
     */
    public static Dataset load(String nameOrPath, long seed) throws DataException {
        return load(nameOrPath, seed, LabelColumn.last());
    }

    /** As {@link #load(String, long)}, with the label column of a CSV file chosen by the caller. */
    public static Dataset load(String nameOrPath, long seed, LabelColumn label) throws DataException {
        String key = nameOrPath.trim().toLowerCase(Locale.ROOT);
        if (BuiltinDatasets.isBuiltin(key)) return BuiltinDatasets.load(key);
        if (SyntheticDatasets.isSynthetic(key)) return SyntheticDatasets.generate(key, seed);
        if (key.endsWith(".csv") || key.endsWith(".csv.gz")) return new CsvDatasetReader(label).read(Path.of(nameOrPath.trim()));
        if (IdxFiles.isIdxPath(nameOrPath)) return IdxFiles.load(Path.of(nameOrPath.trim())).train();
        throw new DataException("unknown dataset '" + nameOrPath + "': expected one of " + String.join(", ", builtinNames())
                + ", a path to a .csv file, or IDX files (an *-images-idx3-ubyte[.gz] file or a folder of them)");
    }
}
