package io.maskstudio.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code run.json}: writes a {@link RunManifest} atomically and reads one back field by field, naming the JSON path
 * of any problem. NaN metrics (no validation split) are written as {@code null}. A newer {@code formatVersion} is
 * refused rather than half-read. The design is embedded as the graph file's JSON, so the run can be reopened as
 * a design with nothing else at hand.
 */
public final class RunManifestJson {
    public static final String FILE_NAME = "run.json";
    /** Larger than any run.json we write (the design of a 30000x30000 layer packs to ~150 MB). */
    static final long MAX_FILE_BYTES = 1L << 30;
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private RunManifestJson() {}

    public static void write(Path file, RunManifest m) throws IOException {
        AtomicFiles.writeBytes(file, toJson(m));
    }

    public static byte[] toJson(RunManifest m) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("formatVersion", m.formatVersion());
        root.put("maskstudioVersion", m.maskstudioVersion());
        root.put("started", m.started().toString());
        if (m.ended() != null) root.put("ended", m.ended().toString());
        else root.putNull("ended");
        root.put("status", m.status());
        if (!m.message().isEmpty()) root.put("message", m.message());
        root.put("method", m.method());
        if (!m.methodDetail().isEmpty()) root.put("methodDetail", m.methodDetail());
        TrainingSettings s = m.design().settings();
        root.put("seed", s.seed());
        GraphFile.putSettings(root.putObject("settings"), s);
        ObjectNode data = root.putObject("dataset");
        data.put("name", m.dataset().name());
        if (m.dataset().path() != null) data.put("path", m.dataset().path());
        if (m.dataset().sha256() != null) data.put("sha256", m.dataset().sha256());
        ArrayNode layers = root.putArray("layers");
        for (RunManifest.Layer l : m.layers()) {
            ObjectNode n = layers.addObject();
            n.put("pair", l.pair());
            n.put("inFeatures", l.inFeatures());
            n.put("outFeatures", l.outFeatures());
            n.put("kernel", l.kernel());
            n.put("backend", l.backend());
            n.put("inSnapshots", l.inSnapshots());
            if (l.snapshotNote() != null && !l.snapshotNote().isEmpty()) n.put("snapshotNote", l.snapshotNote());
        }
        putMetrics(root, "final", m.last());
        putMetrics(root, "best", m.best());
        // Only when there is one: a run without a test set writes run.json exactly as before.
        if (m.test() != null) {
            ObjectNode t = root.putObject("test");
            t.put("epoch", m.test().epoch());
            t.put("rows", m.test().rows());
            putNumber(t, "test_loss", m.test().loss());
            putNumber(t, "test_accuracy", m.test().accuracy());
        }
        try {
            root.set("design", MAPPER.readTree(GraphFile.toJson(m.design())));
            return (MAPPER.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a tree we built", e);
        }
    }

    private static void putMetrics(ObjectNode root, String field, RunManifest.Metrics m) {
        if (m == null) {
            root.putNull(field);
            return;
        }
        ObjectNode n = root.putObject(field);
        n.put("epoch", m.epoch());
        putNumber(n, "train_loss", m.trainLoss());
        putNumber(n, "train_accuracy", m.trainAccuracy());
        putNumber(n, "val_loss", m.valLoss());
        putNumber(n, "val_accuracy", m.valAccuracy());
    }

    private static void putNumber(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) n.put(field, v);
        else n.putNull(field);
    }

    public static RunManifest read(Path file) throws IOException, FormatException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new FormatException(file.toString(), "file size", "at most " + MAX_FILE_BYTES + " bytes", size + " bytes");
        }
        return parse(file.toString(), Files.readAllBytes(file));
    }

    public static RunManifest parse(String source, byte[] json) throws FormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new FormatException(source, "JSON", "well-formed JSON", e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new FormatException(source, "JSON", "well-formed JSON", e.toString(), e);
        }
        JsonFields f = new JsonFields(source);
        if (root == null || !root.isObject()) throw f.error("(top level)", "an object", root);
        int version = f.integer(root, "formatVersion", "", 1, Integer.MAX_VALUE);
        if (version > RunManifest.FORMAT_VERSION) {
            throw f.error("formatVersion", "at most " + RunManifest.FORMAT_VERSION + " (this MaskStudio is older than the run: update it)",
                    String.valueOf(version));
        }
        String status = f.text(root, "status", "");
        if (!RunManifest.STATUSES.contains(status)) throw f.error("status", "one of " + RunManifest.STATUSES, root.get("status"));
        Instant started = instant(f, root, "started", false);
        Instant ended = instant(f, root, "ended", true);
        JsonNode data = f.object(root, "dataset", "");
        RunManifest.Dataset dataset = new RunManifest.Dataset(f.text(data, "name", "dataset"),
                optionalText(f, data, "path", "dataset"), optionalText(f, data, "sha256", "dataset"));
        JsonNode designNode = f.object(root, "design", "");
        NetworkDesign design;
        try {
            design = GraphFile.parseLoaded(source + " (design)", MAPPER.writeValueAsBytes(designNode)).design();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a parsed tree", e);
        }
        JsonNode arr = f.array(root, "layers", "");
        List<RunManifest.Layer> layers = new ArrayList<>();
        for (int k = 0; k < arr.size(); k++) {
            String p = JsonFields.path("layers", k);
            JsonNode n = arr.get(k);
            if (!n.isObject()) throw f.error(p, "an object", n);
            JsonNode inSnap = n.path("inSnapshots");
            if (!inSnap.isBoolean()) throw f.error(p + ".inSnapshots", "true or false", inSnap);
            layers.add(new RunManifest.Layer(f.integer(n, "pair", p, 0, Integer.MAX_VALUE), f.integer(n, "inFeatures", p, 1, Integer.MAX_VALUE),
                    f.integer(n, "outFeatures", p, 1, Integer.MAX_VALUE), f.text(n, "kernel", p), f.text(n, "backend", p),
                    inSnap.booleanValue(), optionalText(f, n, "snapshotNote", p)));
        }
        if (layers.size() != design.pairCount()) {
            throw f.error("layers", "one entry per layer pair of the design (" + design.pairCount() + ")", "an array of " + layers.size());
        }
        return new RunManifest(version, f.text(root, "maskstudioVersion", ""), started, ended, status, design,
                f.text(root, "method", ""), optionalText(f, root, "methodDetail", ""), dataset, layers,
                metrics(f, root, "final"), metrics(f, root, "best"), optionalText(f, root, "message", ""), test(f, root));
    }

    private static Instant instant(JsonFields f, JsonNode root, String field, boolean nullable) throws FormatException {
        JsonNode n = root.path(field);
        if (nullable && (n.isNull() || n.isMissingNode())) return null;
        if (!n.isTextual()) throw f.error(field, "an ISO-8601 instant such as 2026-12-01T10:15:30Z", n);
        try {
            return Instant.parse(n.textValue());
        } catch (DateTimeParseException e) {
            throw f.error(field, "an ISO-8601 instant such as 2026-12-01T10:15:30Z", n);
        }
    }

    private static String optionalText(JsonFields f, JsonNode parent, String field, String parentPath) throws FormatException {
        JsonNode n = parent.path(field);
        if (n.isMissingNode() || n.isNull()) return null;
        if (!n.isTextual()) throw f.error(JsonFields.path(parentPath, field), "a string", n);
        return n.textValue();
    }

    private static RunManifest.Metrics metrics(JsonFields f, JsonNode root, String field) throws FormatException {
        JsonNode n = root.path(field);
        if (n.isNull() || n.isMissingNode()) return null;
        if (!n.isObject()) throw f.error(field, "an object or null", n);
        return new RunManifest.Metrics(f.integer(n, "epoch", field, 0, Integer.MAX_VALUE), optionalNumber(f, n, "train_loss", field),
                optionalNumber(f, n, "train_accuracy", field), optionalNumber(f, n, "val_loss", field), optionalNumber(f, n, "val_accuracy", field));
    }

    /** The optional {@code test} object; absent (older runs, no test set) or null reads as null. */
    private static RunManifest.Test test(JsonFields f, JsonNode root) throws FormatException {
        JsonNode n = root.path("test");
        if (n.isNull() || n.isMissingNode()) return null;
        if (!n.isObject()) throw f.error("test", "an object or null", n);
        return new RunManifest.Test(f.integer(n, "epoch", "test", 0, Integer.MAX_VALUE), f.integer(n, "rows", "test", 0, Integer.MAX_VALUE),
                optionalNumber(f, n, "test_loss", "test"), optionalNumber(f, n, "test_accuracy", "test"));
    }

    private static double optionalNumber(JsonFields f, JsonNode parent, String field, String parentPath) throws FormatException {
        JsonNode n = parent.path(field);
        if (n.isNull()) return Double.NaN;
        return f.number(parent, field, parentPath);
    }
}
