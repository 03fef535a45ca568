package io.maskstudio.io;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * Upgrades the JSON tree of an older graph file, one format version at a time, before it is read as the
 * current version. Version 1 is the first released format, so the built-in chain is empty; a future
 * version N adds the step N-1 -> N here (and lowers nothing else). Tests exercise the hook with a synthetic v0.
 */
final class GraphMigrations {
    /** Rewrites {@code root} from version {@code from} to {@code from + 1}; reports problems by JSON path. */
    @FunctionalInterface
    interface Step {
        void upgrade(ObjectNode root, JsonFields fields) throws FormatException;
    }

    static final GraphMigrations BUILT_IN = new GraphMigrations(Map.of());

    private final Map<Integer, Step> steps; // key k: the step from version k to k + 1
    private final int oldest;

    GraphMigrations(Map<Integer, Step> steps) {
        this.steps = Map.copyOf(steps);
        int v = GraphFile.FORMAT_VERSION;
        while (this.steps.containsKey(v - 1)) v--;
        this.oldest = v;
    }

    /** The oldest version the chain can bring up to date. */
    int oldest() {
        return oldest;
    }

    void upgrade(ObjectNode root, int from, JsonFields fields) throws FormatException {
        for (int v = from; v < GraphFile.FORMAT_VERSION; v++) {
            steps.get(v).upgrade(root, fields);
            root.put("formatVersion", v + 1);
        }
    }
}
