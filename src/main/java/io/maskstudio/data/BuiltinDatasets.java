package io.maskstudio.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

/**
 * The real datasets shipped in the jar under {@code /datasets/} (provenance in resources/datasets/NOTICE.md).
 * Values stay raw (digits pixels 0..16, MNIST pixels 0..255); normalization is {@link Standardizer}'s job.
 * Parsed sets are cached for the life of the JVM (MNIST takes a noticeable moment to parse), so the
 * returned Datasets are shared: treat their arrays as read-only.
 */
public final class BuiltinDatasets {

    private static final List<String> DIGIT_NAMES = IntStream.range(0, 10).mapToObj(String::valueOf).toList();

    private static final Map<String, ShippedDatasetParser.Spec> SPECS = new LinkedHashMap<>();

    static {
        add(new ShippedDatasetParser.Spec("digits", "digits.csv.gz", ShippedLayout.NO_HEADER_LABEL_LAST, 64, DIGIT_NAMES, 8, 8));
        add(new ShippedDatasetParser.Spec("iris", "iris.csv", ShippedLayout.COUNTS_AND_CLASS_NAMES_LABEL_LAST, 0, List.of(), 0, 0));
        add(new ShippedDatasetParser.Spec("wine", "wine_data.csv", ShippedLayout.COUNTS_AND_CLASS_NAMES_LABEL_LAST, 0, List.of(), 0, 0));
        add(new ShippedDatasetParser.Spec("breast-cancer", "breast_cancer.csv", ShippedLayout.COUNTS_AND_CLASS_NAMES_LABEL_LAST, 0, List.of(), 0, 0));
        add(new ShippedDatasetParser.Spec("mnist-10k", "mnist-10k.csv.gz", ShippedLayout.COLUMN_NAMES_LABEL_FIRST, 784, DIGIT_NAMES, 28, 28));
    }

    private static final Map<String, Dataset> CACHE = new ConcurrentHashMap<>();

    private BuiltinDatasets() {}

    private static void add(ShippedDatasetParser.Spec spec) {
        SPECS.put(spec.name(), spec);
    }

    /** The names, in a stable order for menus: digits, iris, wine, breast-cancer, mnist-10k. */
    public static List<String> names() {
        return List.copyOf(SPECS.keySet());
    }

    public static boolean isBuiltin(String name) {
        return SPECS.containsKey(name);
    }

    /** Loads (first call) or returns the cached shipped dataset of that name. */
    public static Dataset load(String name) throws DataException {
        ShippedDatasetParser.Spec spec = SPECS.get(name);
        if (spec == null) throw new DataException("unknown built-in dataset '" + name + "': expected one of " + String.join(", ", names()));
        Dataset cached = CACHE.get(name);
        if (cached != null) return cached;
        // Parse outside any lock: two threads may both parse once, which is harmless, and nobody waits on a lock for MNIST.
        Dataset parsed = parse(spec);
        Dataset previous = CACHE.putIfAbsent(name, parsed);
        return previous != null ? previous : parsed;
    }

    private static Dataset parse(ShippedDatasetParser.Spec spec) throws DataException {
        String resource = "/datasets/" + spec.file();
        InputStream raw = BuiltinDatasets.class.getResourceAsStream(resource);
        if (raw == null) throw new DataException(resource + ": not found on the classpath (is the jar complete?)");
        try (InputStream closesRaw = raw;
             InputStream in = spec.file().endsWith(".gz") ? new GZIPInputStream(closesRaw, 1 << 16) : closesRaw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII), 1 << 16)) {
            return ShippedDatasetParser.parse(spec, reader);
        } catch (IOException e) {
            throw new DataException(resource + ": cannot read: " + e.getMessage(), e);
        }
    }
}
