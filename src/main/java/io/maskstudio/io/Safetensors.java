package io.maskstudio.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code .safetensors} format ({@code safetensors.torch.load_file}): an 8-byte little-endian header length,
 * a JSON header mapping each tensor name to {@code dtype}, {@code shape} and {@code data_offsets}
 * (plus an optional string-to-string {@code __metadata__}), then the little-endian C-order tensor bytes,
 * back to back with no gaps. Opening checks the whole header against the file size before reading data.
 */
public final class Safetensors {
    /** The limit the reference implementation puts on the header. */
    static final long MAX_HEADER_BYTES = 100_000_000;
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private record Tensor(NpyDtype dtype, int[] shape, long begin, long end) {}

    private final Path file;
    private final String source;
    private final long dataStart;
    private final Map<String, Tensor> tensors;
    private final Map<String, String> metadata;

    private Safetensors(Path file, long dataStart, Map<String, Tensor> tensors, Map<String, String> metadata) {
        this.file = file;
        this.source = file.toString();
        this.dataStart = dataStart;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    static String dtypeName(NpyDtype d) {
        return switch (d) {
            case BOOL -> "BOOL";
            case INT8 -> "I8";
            case UINT8 -> "U8";
            case INT16 -> "I16";
            case UINT16 -> "U16";
            case INT32 -> "I32";
            case UINT32 -> "U32";
            case INT64 -> "I64";
            case UINT64 -> "U64";
            case FLOAT16 -> "F16";
            case FLOAT32 -> "F32";
            case FLOAT64 -> "F64";
        };
    }

    private static NpyDtype dtypeOf(String name) {
        for (NpyDtype d : NpyDtype.values()) if (dtypeName(d).equals(name)) return d;
        return null;
    }

    public static void write(Path file, Map<String, NpyArray> arrays, Map<String, String> metadata) throws IOException {
        AtomicFiles.write(file, out -> write(out, arrays, metadata));
    }

    public static void write(OutputStream out, Map<String, NpyArray> arrays, Map<String, String> metadata) throws IOException {
        ObjectNode header = MAPPER.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode m = header.putObject("__metadata__");
            metadata.forEach(m::put);
        }
        long offset = 0;
        for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
            if (e.getKey().equals("__metadata__")) throw new IllegalArgumentException("'__metadata__' is not a tensor name");
            NpyArray a = e.getValue();
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", dtypeName(a.dtype()));
            var shape = t.putArray("shape");
            for (int d : a.shape()) shape.add(d);
            long bytes = a.size() * a.dtype().itemSize();
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = MAPPER.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8; // keeps the data 8-byte aligned, as the reference writer does
        byte[] h = java.util.Arrays.copyOf(json, padded);
        java.util.Arrays.fill(h, json.length, padded, (byte) ' ');
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
        out.write(h);
        for (NpyArray a : arrays.values()) out.write(a.littleEndianCOrder());
    }

    /** Reads and checks the header; tensor data is read by {@link #get}. */
    public static Safetensors open(Path file) throws IOException, FormatException {
        String src = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) throw new FormatException(src, "byte 0", "an 8-byte header length", size + " bytes in the file");
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0);
            long n = len.getLong(0);
            if (n < 2 || n > MAX_HEADER_BYTES || n > size - 8) {
                throw new FormatException(src, "byte 0", "a header length from 2 to " + Math.min(MAX_HEADER_BYTES, size - 8) + " bytes", Long.toUnsignedString(n));
            }
            ByteBuffer hb = ByteBuffer.allocate((int) n);
            readFully(ch, hb, 8);
            JsonNode root;
            try {
                root = MAPPER.readTree(hb.array());
            } catch (JsonProcessingException e) {
                throw new FormatException(src, "header", "a JSON object", "invalid JSON (" + e.getOriginalMessage() + ")");
            }
            if (root == null || !root.isObject()) throw new FormatException(src, "header", "a JSON object", root == null ? "nothing" : JsonFields.describe(root));
            return parseHeader(file, root, 8 + n, size - 8 - n);
        }
    }

    private static Safetensors parseHeader(Path file, JsonNode root, long dataStart, long dataBytes) throws FormatException {
        String src = file.toString();
        Map<String, String> meta = new LinkedHashMap<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = "header." + e.getKey();
            JsonNode v = e.getValue();
            if (e.getKey().equals("__metadata__")) {
                if (!v.isObject()) throw new FormatException(src, p, "an object of strings", JsonFields.describe(v));
                for (Iterator<Map.Entry<String, JsonNode>> m = v.fields(); m.hasNext(); ) {
                    Map.Entry<String, JsonNode> kv = m.next();
                    if (!kv.getValue().isTextual()) throw new FormatException(src, p + "." + kv.getKey(), "a string", JsonFields.describe(kv.getValue()));
                    meta.put(kv.getKey(), kv.getValue().textValue());
                }
                continue;
            }
            tensors.put(e.getKey(), tensor(src, p, v));
        }
        List<Map.Entry<String, Tensor>> byOffset = new ArrayList<>(tensors.entrySet());
        byOffset.sort(Map.Entry.comparingByValue((a, b) -> Long.compare(a.begin(), b.begin())));
        long expected = 0;
        for (Map.Entry<String, Tensor> e : byOffset) {
            if (e.getValue().begin() != expected) {
                throw new FormatException(src, "header." + e.getKey() + ".data_offsets", "tensors back to back: a start of " + expected, Long.toString(e.getValue().begin()));
            }
            expected = e.getValue().end();
        }
        if (expected != dataBytes) {
            throw new FormatException(src, "byte " + dataStart, dataBytes + " data bytes described by the header", expected + " (file truncated or header wrong)");
        }
        return new Safetensors(file, dataStart, tensors, meta);
    }

    private static Tensor tensor(String src, String p, JsonNode v) throws FormatException {
        if (!v.isObject()) throw new FormatException(src, p, "an object with dtype, shape and data_offsets", JsonFields.describe(v));
        JsonNode d = v.path("dtype");
        NpyDtype dtype = d.isTextual() ? dtypeOf(d.textValue()) : null;
        if (dtype == null) throw new FormatException(src, p + ".dtype", "one of BOOL, U8, I8, U16, I16, U32, I32, U64, I64, F16, F32, F64", JsonFields.describe(d));
        JsonNode s = v.path("shape");
        if (!s.isArray() || s.size() > 32) throw new FormatException(src, p + ".shape", "an array of at most 32 sizes", JsonFields.describe(s));
        int[] shape = new int[s.size()];
        long bytes = dtype.itemSize();
        for (int k = 0; k < shape.length; k++) {
            JsonNode x = s.get(k);
            if (!x.isIntegralNumber() || !x.canConvertToInt() || x.intValue() < 0) {
                throw new FormatException(src, p + ".shape[" + k + "]", "a size >= 0", JsonFields.describe(x));
            }
            shape[k] = x.intValue();
            bytes = shape[k] == 0 || bytes == 0 ? 0 : Math.multiplyHigh(bytes, shape[k]) != 0 ? Long.MAX_VALUE : bytes * shape[k];
        }
        JsonNode o = v.path("data_offsets");
        if (!o.isArray() || o.size() != 2 || !o.get(0).canConvertToLong() || !o.get(1).canConvertToLong()
                || !o.get(0).isIntegralNumber() || !o.get(1).isIntegralNumber()) {
            throw new FormatException(src, p + ".data_offsets", "[begin, end]", JsonFields.describe(o));
        }
        long begin = o.get(0).longValue();
        long end = o.get(1).longValue();
        if (begin < 0 || end < begin || end - begin != bytes) {
            throw new FormatException(src, p + ".data_offsets", bytes + " bytes for shape " + NpyArray.shapeString(shape) + " of " + d.textValue(),
                    "[" + begin + ", " + end + "]");
        }
        if (v.size() != 3) throw new FormatException(src, p, "exactly the fields dtype, shape and data_offsets", v.size() + " fields");
        return new Tensor(dtype, shape, begin, end);
    }

    public List<String> keys() {
        return List.copyOf(tensors.keySet());
    }

    public boolean contains(String key) {
        return tensors.containsKey(key);
    }

    public Map<String, String> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    public int[] shape(String key) throws FormatException {
        return tensor(key).shape().clone();
    }

    public String entrySource(String key) {
        return source + "[" + key + "]";
    }

    public String source() {
        return source;
    }

    public NpyArray get(String key) throws IOException, FormatException {
        return get(key, NpyReader.DEFAULT_MAX_DATA_BYTES);
    }

    public NpyArray get(String key, long maxDataBytes) throws IOException, FormatException {
        Tensor t = tensor(key);
        long bytes = t.end() - t.begin();
        if (bytes > Math.min(maxDataBytes, Integer.MAX_VALUE - 8)) {
            throw new FormatException(entrySource(key), "shape", "at most " + maxDataBytes + " data bytes", bytes + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate((int) bytes);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() < dataStart + t.end()) throw new FormatException(entrySource(key), "data", bytes + " bytes", "a file that got shorter");
            readFully(ch, b, dataStart + t.begin());
        }
        return new NpyArray(t.dtype(), ByteOrder.LITTLE_ENDIAN, t.shape(), false, b.array());
    }

    private Tensor tensor(String key) throws FormatException {
        Tensor t = tensors.get(key);
        if (t == null) throw new FormatException(source, "key '" + key + "'", "one of the keys " + String.join(", ", tensors.keySet()), "no such tensor");
        return t;
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, at + b.position());
            if (n < 0) throw new java.io.EOFException("file ended early");
        }
    }
}
