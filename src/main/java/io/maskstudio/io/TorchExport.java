package io.maskstudio.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskstudio.model.LayerParameters;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a trained network for PyTorch into a directory: {@code model.npz} (fcK.weight, fcK.bias,
 * fcK.weight_mask) and the same tensors as {@code model.safetensors}, {@code model.json} (architecture, normalization, settings, extras), {@code val.npz}
 * (normalized validation inputs and labels), {@code test.npz} (the held-out test set, likewise, where there is one) and
 * {@code load_model.py}, which rebuilds the net with {@code prune.custom_from_mask} and prints {@code val_accuracy=...}
 * (then {@code test_accuracy=...} when test.npz is there). Every file is written atomically.
 */
public final class TorchExport {
    public static final String MODEL_NPZ = "model.npz";
    /** The same tensors as model.npz, for {@code safetensors.torch.load_file}. */
    public static final String MODEL_SAFETENSORS = "model.safetensors";
    public static final String MODEL_JSON = "model.json";
    public static final String VAL_NPZ = "val.npz";
    /** The held-out test set, as val.npz; only where the run had one. */
    public static final String TEST_NPZ = "test.npz";
    public static final String LOADER = "load_model.py";
    static final Set<String> RESERVED_KEYS = Set.of("format", "formatVersion", "layers", "dataset", "normalization", "training", "files");

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private TorchExport() {}

    /**
     * @param params   one per layer pair, {@code [out, in]} row-major like the masks; masked entries are written as 0
     * @param mean     per input feature, as subtracted before {@code valX} was computed
     * @param std      per input feature, as divided by
     * @param valX     row-major {@code [n, in]}, already normalized
     * @param valY     class labels, {@code [n]}
     * @param extras   further top-level entries of model.json (metrics, ...); must not reuse the keys we write
     */
    public static void export(Path dir, NetworkDesign design, List<LayerParameters> params, float[] mean, float[] std,
                              String dataset, float[] valX, int[] valY, Map<String, Object> extras) throws IOException {
        export(dir, design, params, mean, std, dataset, valX, valY, null, null, extras);
    }

    /**
     * As {@link #export(Path, NetworkDesign, List, float[], float[], String, float[], int[], Map)}, with the held-out test
     * set ({@code testX} normalized like {@code valX}; both null when there is none, and then a test.npz left from an
     * earlier export in {@code dir} is removed, so load_model.py never evaluates another run's test set).
     */
    public static void export(Path dir, NetworkDesign design, List<LayerParameters> params, float[] mean, float[] std,
                              String dataset, float[] valX, int[] valY, float[] testX, int[] testY, Map<String, Object> extras) throws IOException {
        int in = design.layer(0).size();
        int classes = design.layer(design.layerCount() - 1).size();
        check(design, params, mean, std, valX, valY, extras, in, classes);
        if ((testX == null) != (testY == null)) throw new IllegalArgumentException("test x and y must both be given or both be null");
        if (testY != null) checkRows("test", testX, testY, in, classes);
        Files.createDirectories(dir);

        Map<String, NpyArray> model = new LinkedHashMap<>();
        for (int k = 0; k < params.size(); k++) {
            LayerParameters p = params.get(k);
            Mask m = design.mask(k);
            model.put(StateDictKeys.weight(k), NpyArray.ofFloats(maskedWeight(p, m), p.outFeatures(), p.inFeatures()));
            model.put(StateDictKeys.bias(k), NpyArray.ofFloats(p.bias().clone(), p.outFeatures()));
            model.put(StateDictKeys.weightMask(k), MaskFiles.toArray(m));
        }
        Npz.write(dir.resolve(MODEL_NPZ), model, false);
        Safetensors.write(dir.resolve(MODEL_SAFETENSORS), model, Map.of("format", "pt", "orientation",
                "weights and masks are " + MaskFiles.ORIENTATION + "; weight = weight * weight_mask already applied"));

        writeValidation(dir, valX, valY, in);
        if (testY != null) writeRows(dir.resolve(TEST_NPZ), testX, testY, in);
        else Files.deleteIfExists(dir.resolve(TEST_NPZ));

        AtomicFiles.writeBytes(dir.resolve(MODEL_JSON), modelJson(design, mean, std, dataset, testY != null, extras));
        AtomicFiles.writeBytes(dir.resolve(LOADER), loaderScript());
    }

    /** {@code val.npz}: {@code x} float32 {@code [n, in]} as fed to the network, {@code y} int64 {@code [n]}. */
    public static void writeValidation(Path dir, float[] valX, int[] valY, int in) throws IOException {
        writeRows(dir.resolve(VAL_NPZ), valX, valY, in);
    }

    /** A labelled set as val.npz and test.npz hold it: {@code x} float32 {@code [n, in]}, {@code y} int64 {@code [n]}. */
    private static void writeRows(Path file, float[] x, int[] y, int in) throws IOException {
        long[] labels = new long[y.length];
        for (int k = 0; k < y.length; k++) labels[k] = y[k];
        Map<String, NpyArray> rows = new LinkedHashMap<>();
        rows.put("x", NpyArray.ofFloats(x.clone(), y.length, in));
        rows.put("y", NpyArray.ofLongs(labels, y.length));
        Npz.write(file, rows, false);
    }

    /** The loader script as shipped (a resource, copied verbatim). */
    public static byte[] loaderScript() throws IOException {
        try (InputStream s = TorchExport.class.getResourceAsStream(LOADER)) {
            if (s == null) throw new IOException("resource " + LOADER + " is missing from the build");
            return s.readAllBytes();
        }
    }

    static byte[] modelJson(NetworkDesign design, float[] mean, float[] std, String dataset, Map<String, Object> extras) {
        return modelJson(design, mean, std, dataset, false, extras);
    }

    static byte[] modelJson(NetworkDesign design, float[] mean, float[] std, String dataset, boolean withTest, Map<String, Object> extras) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", "maskstudio-torch-export");
        root.put("formatVersion", 1);
        ArrayNode layers = root.putArray("layers");
        for (LayerSpec l : design.layers()) {
            ObjectNode n = layers.addObject();
            n.put("name", l.name());
            n.put("size", l.size());
            n.put("activation", l.activation().id());
            if (l.hasShape()) n.putArray("shape").add(l.height()).add(l.width());
        }
        root.put("dataset", dataset);
        ObjectNode norm = root.putObject("normalization");
        ArrayNode m = norm.putArray("mean");
        for (float v : mean) m.add(v);
        ArrayNode s = norm.putArray("std");
        for (float v : std) s.add(v);
        TrainingSettings t = design.settings();
        root.set("training", MAPPER.valueToTree(t));
        ObjectNode files = root.putObject("files");
        files.put("weights", MODEL_NPZ);
        files.put("weightsSafetensors", MODEL_SAFETENSORS);
        files.put("validation", VAL_NPZ);
        if (withTest) files.put("test", TEST_NPZ);
        files.put("loader", LOADER);
        extras.forEach((k, v) -> root.set(k, MAPPER.valueToTree(v)));
        try {
            return (MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("extras cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void checkRows(String what, float[] x, int[] labels, int in, int classes) {
        if (x.length != (long) labels.length * in) {
            throw new IllegalArgumentException(what + " x has " + x.length + " values, expected " + labels.length + " x " + in);
        }
        for (int y : labels) {
            if (y < 0 || y >= classes) throw new IllegalArgumentException(what + " label " + y + " outside [0," + classes + ")");
        }
    }

    /** W∘M, so that even a plain {@code load_state_dict} of fcK.weight gives the masked network. */
    private static float[] maskedWeight(LayerParameters p, Mask m) {
        float[] w = new float[p.weight().length];
        for (int o = 0; o < p.outFeatures(); o++) {
            int base = o * p.inFeatures();
            m.forEachInRow(o, i -> w[base + i] = p.weight()[base + i]);
        }
        return w;
    }

    private static void check(NetworkDesign design, List<LayerParameters> params, float[] mean, float[] std, float[] valX, int[] valY,
                              Map<String, Object> extras, int in, int classes) {
        if (params.size() != design.pairCount()) {
            throw new IllegalArgumentException("expected " + design.pairCount() + " layer parameters (one per pair), got " + params.size());
        }
        for (int k = 0; k < params.size(); k++) {
            LayerParameters p = params.get(k);
            Mask m = design.mask(k);
            if (p.outFeatures() != m.rows() || p.inFeatures() != m.cols()) {
                throw new IllegalArgumentException("parameters of pair " + k + " are [" + p.outFeatures() + "," + p.inFeatures()
                        + "], the mask is [" + m.rows() + "," + m.cols() + "]");
            }
        }
        if (mean.length != in || std.length != in) {
            throw new IllegalArgumentException("normalization needs " + in + " means and stds, got " + mean.length + " and " + std.length);
        }
        checkRows("validation", valX, valY, in, classes);
        for (String k : extras.keySet()) {
            if (RESERVED_KEYS.contains(k)) throw new IllegalArgumentException("extra key '" + k + "' would overwrite the export's own " + k);
        }
    }
}
