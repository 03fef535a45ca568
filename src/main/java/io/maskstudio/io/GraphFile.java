package io.maskstudio.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.PruneSchedule;
import io.maskstudio.model.SparseTraining;
import io.maskstudio.model.TrainingSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The {@code *.graph.json} file: format version, layers, one mask per consecutive layer pair and the
 * training settings. Masks up to {@value #MAX_ROW_STRING_CELLS} cells are written as '0'/'1' row strings
 * (one per output neuron), larger ones as base64 packed bits with a CRC32 (see {@link MaskEncoding}).
 * Reading validates every field and names its JSON path; fields we do not know are kept ({@link GraphExtras});
 * older format versions are migrated ({@link GraphMigrations}), newer ones refused. Saving is atomic.
 */
public final class GraphFile {
    public static final int FORMAT_VERSION = 1;
    public static final int MAX_ROW_STRING_CELLS = 4096;
    /** A graph file above this is not something we wrote (a 30000x30000 mask packs to ~150 MB of base64). */
    static final long MAX_FILE_BYTES = 1L << 30;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength((int) MAX_FILE_BYTES).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private GraphFile() {}

    /** Reads the design alone; fields we do not know are dropped. To save back what was opened, use {@link #load}. */
    public static NetworkDesign read(Path file) throws IOException, FormatException {
        return load(file).design();
    }

    /** Reads a graph file with its unknown fields (kept for saving) and the version it had (older ones are migrated). */
    public static LoadedGraph load(Path file) throws IOException, FormatException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new FormatException(file.toString(), "file size", "at most " + MAX_FILE_BYTES + " bytes for a graph file", size + " bytes");
        }
        return parseLoaded(file.toString(), Files.readAllBytes(file));
    }

    /** Parses graph JSON; {@code source} names it in messages. Builds a new design, touching nothing else. */
    public static NetworkDesign parse(String source, byte[] json) throws FormatException {
        return parseLoaded(source, json).design();
    }

    public static LoadedGraph parseLoaded(String source, byte[] json) throws FormatException {
        return parseLoaded(source, json, GraphMigrations.BUILT_IN);
    }

    static LoadedGraph parseLoaded(String source, byte[] json, GraphMigrations migrations) throws FormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "(JSON)" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new FormatException(source, where, "valid JSON", e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new FormatException(source, "(JSON)", "valid JSON", e.getMessage(), e);
        }
        JsonFields f = new JsonFields(source);
        if (root == null || root.isMissingNode()) throw f.error("(top level)", "a JSON object", "an empty document");
        if (!root.isObject()) throw f.error("(top level)", "a JSON object", root);
        JsonNode v = root.path("formatVersion");
        if (!v.isIntegralNumber()) throw f.error("formatVersion", "the graph file format version (" + FORMAT_VERSION + ")", v);
        if (v.asLong() > FORMAT_VERSION) {
            throw f.error("formatVersion", "version " + FORMAT_VERSION + " or older (the file comes from a newer MaskStudio: update to open it)", v);
        }
        if (v.asLong() < migrations.oldest()) throw f.error("formatVersion", "a version from " + migrations.oldest() + " to " + FORMAT_VERSION, v);
        int fileVersion = v.asInt();
        migrations.upgrade((ObjectNode) root, fileVersion, f);
        GraphExtras.Collector extras = new GraphExtras.Collector();
        NetworkDesign design = new GraphReader(f, extras).design(root);
        return new LoadedGraph(design, extras.done(), fileVersion);
    }

    public static void write(Path file, NetworkDesign design) throws IOException {
        write(file, design, GraphExtras.none());
    }

    /** Saves {@code design} with the unknown fields it was opened with (see {@link GraphExtras#unplaceable}). */
    public static void write(Path file, NetworkDesign design, GraphExtras extras) throws IOException {
        AtomicFiles.writeBytes(file, toJson(design, extras));
    }

    public static byte[] toJson(NetworkDesign design) {
        return toJson(design, GraphExtras.none());
    }

    public static byte[] toJson(NetworkDesign design, GraphExtras extras) {
        List<String> layerKeys = GraphExtras.layerKeys(design.layers());
        List<String> pairKeys = GraphExtras.pairKeys(layerKeys);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        ArrayNode layers = root.putArray("layers");
        for (int k = 0; k < design.layerCount(); k++) {
            LayerSpec l = design.layer(k);
            ObjectNode n = layers.addObject();
            n.put("name", l.name());
            n.put("size", l.size());
            if (l.hasShape()) n.putArray("shape").add(l.height()).add(l.width());
            n.put("activation", l.activation().id());
            extras.writeLayer(layerKeys.get(k), n);
        }
        ArrayNode masks = root.putArray("masks");
        for (int k = 0; k < design.pairCount(); k++) {
            Mask m = design.mask(k);
            ObjectNode n = masks.addObject();
            n.putArray("shape").add(m.rows()).add(m.cols());
            n.put("nnz", m.nnz());
            if ((long) m.rows() * m.cols() <= MAX_ROW_STRING_CELLS) {
                ArrayNode rows = n.putArray("rows");
                for (int o = 0; o < m.rows(); o++) rows.add(MaskEncoding.row(m, o));
            } else {
                byte[] packed = MaskEncoding.pack(m);
                n.put("bits", MaskEncoding.base64(packed));
                n.put("crc32", MaskEncoding.crc32Hex(packed));
            }
            extras.writeMask(pairKeys.get(k), n);
        }
        TrainingSettings s = design.settings();
        ObjectNode t = root.putObject("training");
        putSettings(t, s);
        extras.writeTraining(t);
        extras.writeTop(root);
        try {
            String text = MAPPER.writer(new GraphJsonPrinter()).writeValueAsString(root) + "\n";
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a tree we built", e);
        }
    }

    /** The training block's fields, as graph files and run.json's {@code settings} spell them. */
    static void putSettings(ObjectNode t, TrainingSettings s) {
        t.put("dataset", s.dataset());
        t.put("optimizer", s.optimizer());
        t.put("learningRate", s.learningRate());
        t.put("batchSize", s.batchSize());
        t.put("epochs", s.epochs());
        t.put("weightDecay", s.weightDecay());
        t.put("seed", s.seed());
        t.put("validationFraction", s.validationFraction());
        // Only when set, so files without a schedule stay as older versions wrote (and read) them.
        if (!s.pruneSchedule().isEmpty()) t.put("pruneSchedule", s.pruneSchedule().toString());
        if (!s.sparse().isStatic()) putSparse(t.putObject("sparse"), s.sparse());
    }

    /** The sparse-training method's block: every parameter, so a run.json says exactly what ran. */
    private static void putSparse(ObjectNode n, SparseTraining t) {
        n.put("method", t.method().id());
        n.put("updateEvery", t.updateEvery());
        n.put("dropFraction", t.dropFraction());
        n.put("updateEnd", t.updateEnd());
        n.put("targetDensity", t.targetDensity());
        n.put("pruneStart", t.pruneStart());
        n.put("pruneEnd", t.pruneEnd());
        n.put("scope", t.scope().id());
    }

    /** Turns a parsed tree into a design, field by field. */
    private record GraphReader(JsonFields f, GraphExtras.Collector extras) {

        /** Reads a tree already at the current version (see {@link GraphMigrations}). */
        NetworkDesign design(JsonNode root) throws FormatException {
            List<LayerSpec> layers = layers(root);
            List<Mask> masks = masks(root, layers);
            JsonNode t = f.object(root, "training", "");
            TrainingSettings settings = training(t);
            extras.top(root);
            extras.layers(layers, root.get("layers"));
            extras.masks(root.get("masks"));
            extras.training(t);
            return new NetworkDesign(layers, masks, settings);
        }

        List<LayerSpec> layers(JsonNode root) throws FormatException {
            JsonNode arr = f.array(root, "layers", "");
            if (arr.size() < 2) throw f.error("layers", "at least an input and an output layer", arr);
            List<LayerSpec> out = new ArrayList<>();
            for (int k = 0; k < arr.size(); k++) {
                String p = JsonFields.path("layers", k);
                JsonNode n = arr.get(k);
                if (!n.isObject()) throw f.error(p, "an object", n);
                String name = f.text(n, "name", p);
                if (name.isBlank()) throw f.error(p + ".name", "a non-empty name", n.get("name"));
                int size = f.integer(n, "size", p, 1, Integer.MAX_VALUE);
                int h = 0;
                int w = 0;
                if (n.has("shape")) {
                    JsonNode s = n.get("shape");
                    String sp = p + ".shape";
                    if (!s.isArray() || s.size() != 2) throw f.error(sp, "[height, width]", s);
                    h = f.positiveElement(s, 0, sp);
                    w = f.positiveElement(s, 1, sp);
                    if (size % ((long) h * w) != 0) {
                        throw f.error(sp, "a grid whose area divides the layer size " + size, "[" + h + ", " + w + "]");
                    }
                }
                String act = f.text(n, "activation", p);
                Activation a;
                try {
                    a = Activation.parse(act);
                } catch (IllegalArgumentException e) {
                    throw f.error(p + ".activation", "one of relu, tanh, sigmoid, identity, softmax", n.get("activation"));
                }
                if (a == Activation.SOFTMAX && k != arr.size() - 1) {
                    throw f.error(p + ".activation", "relu, tanh, sigmoid or identity (softmax only on the output layer)", n.get("activation"));
                }
                out.add(new LayerSpec(name, size, h, w, a));
            }
            return out;
        }

        List<Mask> masks(JsonNode root, List<LayerSpec> layers) throws FormatException {
            JsonNode arr = f.array(root, "masks", "");
            if (arr.size() != layers.size() - 1) {
                throw f.error("masks", (layers.size() - 1) + " masks (one per consecutive layer pair)", arr);
            }
            List<Mask> out = new ArrayList<>();
            for (int k = 0; k < arr.size(); k++) {
                String p = JsonFields.path("masks", k);
                JsonNode n = arr.get(k);
                if (!n.isObject()) throw f.error(p, "an object", n);
                LayerSpec from = layers.get(k);
                LayerSpec to = layers.get(k + 1);
                JsonNode s = n.path("shape");
                String expectedShape = "[" + to.size() + ", " + from.size() + "]";
                if (!s.isArray() || s.size() != 2 || s.get(0).asLong(-1) != to.size() || s.get(1).asLong(-1) != from.size()
                        || !s.get(0).isIntegralNumber() || !s.get(1).isIntegralNumber()) {
                    throw f.error(p + ".shape", expectedShape + " ([out, in] = sizes of layers '" + to.name() + "' and '" + from.name() + "')",
                            s.isArray() ? s.toString() : JsonFields.describe(s));
                }
                Mask m;
                if (n.has("rows") && n.has("bits")) {
                    throw f.error(p, "either \"rows\" or \"bits\"", "both");
                } else if (n.has("rows")) {
                    m = fromRows(n.get("rows"), p + ".rows", to.size(), from.size());
                } else if (n.has("bits")) {
                    m = fromBits(n, p, to.size(), from.size());
                } else {
                    throw f.error(p, "\"rows\" or \"bits\" holding the connections", "neither");
                }
                if (n.has("nnz") && n.get("nnz").asLong(-1) != m.nnz()) {
                    throw f.error(p + ".nnz", m.nnz() + " (the number of connections in the mask)", n.get("nnz"));
                }
                out.add(m);
            }
            return out;
        }

        Mask fromRows(JsonNode rows, String p, int out, int in) throws FormatException {
            if (!rows.isArray() || rows.size() != out) throw f.error(p, out + " row strings (one per output neuron)", rows);
            Mask m = new Mask(out, in);
            for (int o = 0; o < out; o++) {
                JsonNode r = rows.get(o);
                String rp = JsonFields.path(p, o);
                String expected = in + " characters of 0/1";
                if (!r.isTextual()) throw f.error(rp, expected, r);
                String s = r.textValue();
                if (s.length() != in) throw f.error(rp, expected, Integer.toString(s.length()));
                for (int i = 0; i < in; i++) {
                    char c = s.charAt(i);
                    if (c == '1') m.set(o, i, true);
                    else if (c != '0') throw f.error(rp, expected, "'" + c + "' at column " + i);
                }
            }
            return m;
        }

        Mask fromBits(JsonNode n, String p, int out, int in) throws FormatException {
            String bits = f.text(n, "bits", p);
            String crc = f.text(n, "crc32", p);
            byte[] packed;
            try {
                packed = Base64.getDecoder().decode(bits);
            } catch (IllegalArgumentException e) {
                throw f.error(p + ".bits", "base64 text", "invalid base64 (" + e.getMessage() + ")");
            }
            long expectedLength = MaskEncoding.packedLength(out, in);
            if (packed.length != expectedLength) {
                throw f.error(p + ".bits", expectedLength + " bytes of packed bits for [" + out + ", " + in + "]", packed.length + " bytes");
            }
            String actual = MaskEncoding.crc32Hex(packed);
            if (!actual.equalsIgnoreCase(crc)) {
                throw f.error(p + ".bits", "data with CRC32 " + crc + " (as stored in crc32)", "CRC32 " + actual + " (the mask data is corrupted)");
            }
            return MaskEncoding.unpack(packed, out, in);
        }

        TrainingSettings training(JsonNode t) throws FormatException {
            String p = "training";
            String dataset = f.text(t, "dataset", p);
            String optimizer = f.text(t, "optimizer", p);
            if (!TrainingSettings.OPTIMIZERS.contains(optimizer)) {
                throw f.error(p + ".optimizer", "one of " + String.join(", ", TrainingSettings.OPTIMIZERS), t.get("optimizer"));
            }
            double lr = f.number(t, "learningRate", p);
            if (!(lr > 0)) throw f.error(p + ".learningRate", "a positive number", t.get("learningRate"));
            int batch = f.integer(t, "batchSize", p, 1, Integer.MAX_VALUE);
            int epochs = f.integer(t, "epochs", p, 0, Integer.MAX_VALUE);
            double wd = f.number(t, "weightDecay", p);
            if (!(wd >= 0)) throw f.error(p + ".weightDecay", "a number >= 0", t.get("weightDecay"));
            long seed = f.longInteger(t, "seed", p);
            double vf = f.number(t, "validationFraction", p);
            if (!(vf >= 0 && vf < 1)) throw f.error(p + ".validationFraction", "a number in [0, 1)", t.get("validationFraction"));
            return new TrainingSettings(dataset, optimizer, lr, batch, epochs, wd, seed, vf, pruneSchedule(t, p), sparse(t, p));
        }

        /** Optional (files before it have none: static masks); every field but the method defaults. */
        SparseTraining sparse(JsonNode t, String parent) throws FormatException {
            JsonNode n = t.get("sparse");
            if (n == null || n.isNull()) return SparseTraining.STATIC;
            String p = JsonFields.path(parent, "sparse");
            if (!n.isObject()) throw f.error(p, "an object with a method (" + String.join(", ", SparseTraining.Method.ids()) + ")", n);
            String id = f.text(n, "method", p);
            SparseTraining.Method method = SparseTraining.Method.byId(id)
                    .orElseThrow(() -> f.error(p + ".method", "one of " + String.join(", ", SparseTraining.Method.ids()), n.get("method")));
            SparseTraining d = SparseTraining.of(method);
            long every = n.has("updateEvery") ? f.integer(n, "updateEvery", p, 1, Integer.MAX_VALUE) : d.updateEvery();
            double drop = n.has("dropFraction") ? fraction(n, "dropFraction", p, true) : d.dropFraction();
            double end = n.has("updateEnd") ? fraction(n, "updateEnd", p, false) : d.updateEnd();
            double target = n.has("targetDensity") ? fraction(n, "targetDensity", p, false) : d.targetDensity();
            int start = n.has("pruneStart") ? f.integer(n, "pruneStart", p, 0, Integer.MAX_VALUE) : d.pruneStart();
            int stop = n.has("pruneEnd") ? f.integer(n, "pruneEnd", p, 0, Integer.MAX_VALUE) : d.pruneEnd();
            if (stop > 0 && stop <= start) throw f.error(p + ".pruneEnd", "0 or an epoch after pruneStart (" + start + ")", n.get("pruneEnd"));
            SparseTraining.Scope scope = d.scope();
            if (n.has("scope")) {
                String sc = f.text(n, "scope", p);
                scope = SparseTraining.Scope.byId(sc).orElseThrow(() -> f.error(p + ".scope", "pair or global", n.get("scope")));
            }
            return new SparseTraining(method, every, drop, end, target, start, stop, scope);
        }

        /** A number in [0, 1] ({@code zeroAllowed}) or (0, 1]. */
        private double fraction(JsonNode n, String field, String p, boolean zeroAllowed) throws FormatException {
            double v = f.number(n, field, p);
            if (!(v <= 1 && (zeroAllowed ? v >= 0 : v > 0))) {
                throw f.error(p + "." + field, zeroAllowed ? "a number in [0, 1]" : "a number in (0, 1]", n.get(field));
            }
            return v;
        }

        /** Optional (files before it have none): text such as {@code "0.5@3,6"}. */
        PruneSchedule pruneSchedule(JsonNode t, String p) throws FormatException {
            JsonNode n = t.get("pruneSchedule");
            if (n == null || n.isNull()) return PruneSchedule.NONE;
            if (!n.isTextual()) throw f.error(p + ".pruneSchedule", "text of the form " + PruneSchedule.FORM, n);
            try {
                return PruneSchedule.parse(n.textValue());
            } catch (IllegalArgumentException e) {
                throw f.error(p + ".pruneSchedule", "text of the form " + PruneSchedule.FORM, JsonFields.describe(n) + " (" + e.getMessage() + ")");
            }
        }
    }
}
