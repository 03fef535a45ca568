package io.maskstudio.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.NetworkDesign;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fields of a graph file that this version of MaskStudio does not know (added by hand, by a newer minor
 * release or by another tool). They are kept, reported by their JSON path and written back on save, so
 * opening and saving a file never silently drops them. Fields inside a layer or a mask follow that layer
 * (by name) or layer pair; {@link #unplaceable} lists those whose layer has since been removed or renamed.
 */
public final class GraphExtras {
    static final Set<String> TOP = Set.of("formatVersion", "layers", "masks", "training");
    static final Set<String> LAYER = Set.of("name", "size", "shape", "activation");
    static final Set<String> MASK = Set.of("shape", "nnz", "rows", "bits", "crc32");
    static final Set<String> TRAINING = Set.of("dataset", "optimizer", "learningRate", "batchSize", "epochs", "weightDecay", "seed", "validationFraction",
            "pruneSchedule", "sparse");

    private static final GraphExtras NONE = new GraphExtras();

    private final ObjectNode top = JsonNodeFactory.instance.objectNode();
    private final ObjectNode training = JsonNodeFactory.instance.objectNode();
    private final Map<String, ObjectNode> layers = new LinkedHashMap<>(); // by layer key (name#occurrence)
    private final Map<String, ObjectNode> masks = new LinkedHashMap<>();  // by "fromKey -> toKey"
    private final List<String> paths = new ArrayList<>();
    private final Map<String, String> ownerOf = new HashMap<>(); // path -> layer or pair key, for per-layer fields

    private GraphExtras() {}

    public static GraphExtras none() {
        return NONE;
    }

    public boolean isEmpty() {
        return paths.isEmpty();
    }

    /** JSON paths of the unknown fields as found in the file, e.g. {@code notes}, {@code layers[1].color}. */
    public List<String> paths() {
        return Collections.unmodifiableList(paths);
    }

    /** Paths (as read) of fields whose layer or layer pair is not in {@code design} any more: saving drops them. */
    public List<String> unplaceable(NetworkDesign design) {
        List<String> keys = layerKeys(design.layers());
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            String owner = ownerOf.get(p);
            if (owner == null) continue;
            boolean present = owner.contains(" -> ") ? pairKeys(keys).contains(owner) : keys.contains(owner);
            if (!present) out.add(p);
        }
        return out;
    }

    // ---- collecting (GraphFile's reader)

    static final class Collector {
        private final GraphExtras extras = new GraphExtras();
        private List<String> layerKeys = List.of();

        void top(JsonNode root) {
            collect(root, TOP, extras.top, "");
        }

        void training(JsonNode t) {
            collect(t, TRAINING, extras.training, "training.");
        }

        void layers(List<LayerSpec> specs, JsonNode arr) {
            layerKeys = layerKeys(specs);
            for (int k = 0; k < arr.size(); k++) {
                ObjectNode into = JsonNodeFactory.instance.objectNode();
                List<String> found = collect(arr.get(k), LAYER, into, "layers[" + k + "].");
                if (!into.isEmpty()) extras.layers.put(layerKeys.get(k), into);
                for (String p : found) extras.ownerOf.put(p, layerKeys.get(k));
            }
        }

        void masks(JsonNode arr) {
            List<String> pairs = pairKeys(layerKeys);
            for (int k = 0; k < arr.size(); k++) {
                ObjectNode into = JsonNodeFactory.instance.objectNode();
                List<String> found = collect(arr.get(k), MASK, into, "masks[" + k + "].");
                if (!into.isEmpty()) extras.masks.put(pairs.get(k), into);
                for (String p : found) extras.ownerOf.put(p, pairs.get(k));
            }
        }

        GraphExtras done() {
            return extras.isEmpty() ? NONE : extras;
        }

        private List<String> collect(JsonNode n, Set<String> known, ObjectNode into, String prefix) {
            List<String> found = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (known.contains(e.getKey())) continue;
                into.set(e.getKey(), e.getValue().deepCopy());
                String p = prefix + e.getKey();
                extras.paths.add(p);
                found.add(p);
            }
            return found;
        }
    }

    // ---- writing back (GraphFile's writer)

    void writeTop(ObjectNode root) {
        top.fields().forEachRemaining(e -> root.set(e.getKey(), e.getValue().deepCopy()));
    }

    void writeTraining(ObjectNode t) {
        training.fields().forEachRemaining(e -> t.set(e.getKey(), e.getValue().deepCopy()));
    }

    void writeLayer(String layerKey, ObjectNode n) {
        ObjectNode x = layers.get(layerKey);
        if (x != null) x.fields().forEachRemaining(e -> n.set(e.getKey(), e.getValue().deepCopy()));
    }

    void writeMask(String pairKey, ObjectNode n) {
        ObjectNode x = masks.get(pairKey);
        if (x != null) x.fields().forEachRemaining(e -> n.set(e.getKey(), e.getValue().deepCopy()));
    }

    /** A stable identity for each layer: its name, numbered when several layers share it. */
    static List<String> layerKeys(List<LayerSpec> specs) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (LayerSpec l : specs) {
            int n = seen.merge(l.name(), 1, Integer::sum);
            keys.add(n == 1 ? l.name() : l.name() + "#" + n);
        }
        return keys;
    }

    static List<String> pairKeys(List<String> layerKeys) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k + 1 < layerKeys.size(); k++) out.add(layerKeys.get(k) + " -> " + layerKeys.get(k + 1));
        return out;
    }
}
