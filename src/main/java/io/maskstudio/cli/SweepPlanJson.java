package io.maskstudio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskstudio.io.AtomicFiles;
import io.maskstudio.runs.SweepCell;
import io.maskstudio.runs.SweepPlan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * sweep.json: the plan with its cells listed (the layouts contract), so a cluster task, {@code --collect} and the app
 * read the same sweep. The cells are written for readers; reading recomputes them from the plan and checks they agree.
 */
final class SweepPlanJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SweepPlanJson() {}

    static byte[] toJson(SweepPlan p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("kind", "sweep");
        n.put("graph", p.graph());
        ArrayNode methods = n.putArray("methods");
        p.methods().forEach(methods::add);
        ArrayNode densities = n.putArray("densities");
        p.densities().forEach(densities::add);
        n.put("seeds", p.seeds());
        if (p.epochs() == null) n.putNull("epochs");
        else n.put("epochs", p.epochs());
        putText(n, "dataset", p.dataset());
        n.put("allocation", p.allocation());
        putText(n, "test", p.test());
        ArrayNode options = n.putArray("trainOptions");
        p.trainOptions().forEach(options::add);
        ArrayNode cells = n.putArray("cells");
        for (SweepCell c : p.cells()) {
            cells.addObject().put("cell", c.cell()).put("method", c.method()).put("density", c.density()).put("seed", c.seed()).put("dir", c.dir());
        }
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree did not serialize", e);
        }
    }

    static void write(Path file, SweepPlan p) throws IOException {
        AtomicFiles.writeBytes(file, toJson(p));
    }

    /** The plan in {@code file}; a missing file is a usage error (not a sweep folder), a bad one names what is wrong. */
    static SweepPlan read(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new CliException(file.getParent() + " is not a sweep folder: it has no " + file.getFileName(), MaskStudioCommand.USAGE, e);
        } catch (IOException e) {
            throw new CliException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null || !"sweep".equals(root.path("kind").asText())) throw bad(file, "kind", "\"sweep\"");
        try {
            List<String> methods = new ArrayList<>();
            for (JsonNode m : array(file, root, "methods")) methods.add(m.asText());
            List<Double> densities = new ArrayList<>();
            for (JsonNode d : array(file, root, "densities")) {
                if (!d.isNumber()) throw bad(file, "densities", "numbers");
                densities.add(d.doubleValue());
            }
            if (!root.path("seeds").canConvertToInt()) throw bad(file, "seeds", "an integer");
            JsonNode epochs = root.path("epochs");
            if (!epochs.isNull() && !epochs.isMissingNode() && !epochs.canConvertToInt()) throw bad(file, "epochs", "an integer or null");
            List<String> options = new ArrayList<>();
            if (root.has("trainOptions")) for (JsonNode o : array(file, root, "trainOptions")) options.add(o.asText());
            String graph = text(root, "graph");
            if (graph == null) throw bad(file, "graph", "a string");
            String allocation = text(root, "allocation");
            if (allocation == null) throw bad(file, "allocation", "a string");
            SweepPlan p = new SweepPlan(graph, methods, densities, root.path("seeds").intValue(),
                    epochs.isIntegralNumber() ? epochs.intValue() : null, text(root, "dataset"), allocation, text(root, "test"), options);
            checkCells(file, root.path("cells"), p);
            return p;
        } catch (IllegalArgumentException e) {
            throw new CliException(file + ": " + e.getMessage(), e);
        }
    }

    /** A hand-edited or foreign cells list would make cell K mean another run than the plan says: refused. */
    private static void checkCells(Path file, JsonNode cells, SweepPlan p) {
        if (cells.isMissingNode()) return;
        List<SweepCell> expected = p.cells();
        if (!cells.isArray() || cells.size() != expected.size()) throw bad(file, "cells", expected.size() + " cells, as the plan makes");
        for (int k = 0; k < expected.size(); k++) {
            SweepCell c = expected.get(k);
            JsonNode n = cells.get(k);
            if (n.path("cell").intValue() != k || !c.method().equals(n.path("method").asText()) || n.path("density").doubleValue() != c.density()
                    || n.path("seed").intValue() != c.seed() || !c.dir().equals(n.path("dir").asText())) {
                throw bad(file, "cells[" + k + "]", c + " (cells are ordered method, density, seed)");
            }
        }
    }

    private static JsonNode array(Path file, JsonNode root, String field) {
        JsonNode n = root.path(field);
        if (!n.isArray()) throw bad(file, field, "an array");
        return n;
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.path(field);
        return n.isTextual() ? n.textValue() : null;
    }

    private static void putText(ObjectNode n, String field, String value) {
        if (value == null) n.putNull(field);
        else n.put(field, value);
    }

    private static CliException bad(Path file, String field, String expected) {
        return new CliException(file + ": " + field + ": expected " + expected);
    }
}
