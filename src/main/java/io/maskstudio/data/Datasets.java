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

    /** The data to train and validate on, and the held-out test set (null when there is none). */
    public record DataWithTest(Dataset data, Dataset test) {}

    /**
     * {@link #load(String, long, LabelColumn)} for the training data, and the same for {@code testPathOrNull} (same rules,
     * same label column) when given. The test set must have the data's features; its classes are renumbered to the
     * data's (a test file without some class would otherwise number the others differently), and a class the data
     * lacks is refused. An IDX folder brings its own test set, its {@code t10k} files; {@code testPathOrNull}, when
     * given, replaces it.
     */
    public static DataWithTest loadWithTest(String nameOrPath, String testPathOrNull, long seed, LabelColumn label) throws DataException {
        String key = nameOrPath.trim().toLowerCase(Locale.ROOT);
        boolean idx = !BuiltinDatasets.isBuiltin(key) && !SyntheticDatasets.isSynthetic(key) && IdxFiles.isIdxPath(nameOrPath);
        if (idx && testPathOrNull == null) {
            IdxData both = IdxFiles.load(Path.of(nameOrPath.trim()));
            return new DataWithTest(both.train(), both.test() == null ? null : alignedTo(both.train(), both.test(), nameOrPath.trim() + " (t10k files)"));
        }
        Dataset data = load(nameOrPath, seed, label);
        if (testPathOrNull == null) return new DataWithTest(data, null);
        Dataset test = load(testPathOrNull, seed, label);
        return new DataWithTest(data, alignedTo(data, test, testPathOrNull.trim()));
    }

    /** {@code test} with {@code data}'s class numbering; {@code source} names the test set in errors. */
    static Dataset alignedTo(Dataset data, Dataset test, String source) throws DataException {
        if (test.features() != data.features()) {
            throw new DataException(source + ": the test set has " + test.features() + " features, expected " + data.features()
                    + " as in the training data '" + data.name() + "'");
        }
        if (test.rows() == 0) throw new DataException(source + ": the test set has no rows");
        int[] index = new int[test.classes()];
        for (int c = 0; c < test.classes(); c++) {
            index[c] = data.classNames().indexOf(test.classNames().get(c));
            if (index[c] < 0) {
                throw new DataException(source + ": test label '" + test.classNames().get(c) + "' is not a class of the training data '"
                        + data.name() + "'; expected one of " + data.classNames());
            }
        }
        int[] y = new int[test.rows()];
        for (int r = 0; r < y.length; r++) y[r] = index[test.y()[r]];
        return new Dataset(test.name(), test.rows(), test.features(), test.x(), y, data.classNames(), data.imageHeight(), data.imageWidth());
    }
}
