package io.maskstudio.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
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
 * {@code BF16} (bfloat16, the upper half of a float32) is read as a float32 array, which holds every BF16 value
 * exactly; the 8-bit float types are refused.
 */
public final class Safetensors {
    /** The limit the reference implementation puts on the header. */
    static final long MAX_HEADER_BYTES = 100_000_000;
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** {@code dtype} is what {@link #get} returns; {@code bf16} marks 2-byte BF16 data widened to it. */
    private record Tensor(NpyDtype dtype, boolean bf16, int[] shape, long begin, long end) {}

    private static final String BF16 = "BF16";
    private static final String DTYPE_LIST = "one of BOOL, U8, I8, U16, I16, U32, I32, U64, I64, F16, BF16, F32, F64";

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
        byte[] h = Arrays.copyOf(json, padded);
        Arrays.fill(h, json.length, padded, (byte) ' ');
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
                String why = n < 0 || n > size - 8 ? " (beyond the end of the file)" : n > MAX_HEADER_BYTES ? " (over the 100 MB limit)" : "";
                throw new FormatException(src, "byte 0", "a header length from 2 to " + Math.min(MAX_HEADER_BYTES, size - 8) + " bytes",
                        Long.toUnsignedString(n) + why);
            }
            ByteBuffer hb = ByteBuffer.allocate((int) n);
            readFully(ch, hb, 8);
            String text;
            try {
                // strictly UTF-8, as the specification says: Jackson alone would guess UTF-16 from zero bytes
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(hb.flip()).toString();
            } catch (CharacterCodingException e) {
                throw new FormatException(src, "header", "a JSON object in UTF-8", "bytes that are not UTF-8 text");
            }
            JsonNode root;
            try {
                root = MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                throw new FormatException(src, "header", "a JSON object", "invalid JSON (" + oneLine(e.getOriginalMessage()) + ")");
            }
            if (root == null || !root.isObject()) throw new FormatException(src, "header", "a JSON object",
                    root == null ? "nothing" : JsonFields.describe(root));
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
        // by (begin, end), as the reference reader sorts: an empty tensor sits before a full one at the same offset
        byOffset.sort(Map.Entry.comparingByValue((a, b) -> a.begin() != b.begin() ? Long.compare(a.begin(), b.begin()) : Long.compare(a.end(), b.end())));
        long expected = 0;
        String previous = null;
        for (Map.Entry<String, Tensor> e : byOffset) {
            long begin = e.getValue().begin();
            if (begin != expected) {
                String after = previous == null ? "the start of the data" : "the end of '" + previous + "'";
                throw new FormatException(src, "header." + e.getKey() + ".data_offsets", "tensors back to back: a start of " + expected + " (" + after + ")",
                        begin + (begin < expected ? " (overlaps '" + previous + "')" : " (a gap of " + (begin - expected) + " bytes)"));
            }
            expected = e.getValue().end();
            previous = e.getKey();
        }
        if (expected != dataBytes) {
            String upTo = previous == null ? "" : ", up to the end of '" + previous + "'";
            throw new FormatException(src, "byte " + dataStart, expected + " data bytes (as the header describes" + upTo + ")",
                    dataBytes + (dataBytes < expected ? " (file truncated or header wrong)" : " (extra bytes after the last tensor)"));
        }
        return new Safetensors(file, dataStart, tensors, meta);
    }

    private static Tensor tensor(String src, String p, JsonNode v) throws FormatException {
        if (!v.isObject()) throw new FormatException(src, p, "an object with dtype, shape and data_offsets", JsonFields.describe(v));
        JsonNode d = v.path("dtype");
        boolean bf16 = d.isTextual() && d.textValue().equals(BF16);
        NpyDtype dtype = bf16 ? NpyDtype.FLOAT32 : d.isTextual() ? dtypeOf(d.textValue()) : null;
        if (dtype == null) {
            boolean fp8 = d.isTextual() && d.textValue().startsWith("F8_");
            throw new FormatException(src, p + ".dtype", DTYPE_LIST, JsonFields.describe(d) + (fp8 ? " (8-bit floats are not supported)" : ""));
        }
        JsonNode s = v.path("shape");
        if (!s.isArray() || s.size() > 32) throw new FormatException(src, p + ".shape", "an array of at most 32 sizes", JsonFields.describe(s));
        int[] shape = new int[s.size()];
        long bytes = bf16 ? 2 : dtype.itemSize();
        for (int k = 0; k < shape.length; k++) {
            JsonNode x = s.get(k);
            if (!x.isIntegralNumber() || !x.canConvertToInt() || x.intValue() < 0) {
                throw new FormatException(src, p + ".shape[" + k + "]", "a size from 0 to " + Integer.MAX_VALUE, JsonFields.describe(x));
            }
            shape[k] = x.intValue();
            bytes = saturatedProduct(bytes, shape[k]);
        }
        JsonNode o = v.path("data_offsets");
        if (!o.isArray() || o.size() != 2 || !isOffset(o.get(0)) || !isOffset(o.get(1))) {
            throw new FormatException(src, p + ".data_offsets", "[begin, end]: two integers from 0 to " + Long.MAX_VALUE,
                    o.isArray() ? shortText(o) : JsonFields.describe(o));
        }
        long begin = o.get(0).longValue();
        long end = o.get(1).longValue();
        String offsets = "[" + begin + ", " + end + "]";
        if (end < begin) throw new FormatException(src, p + ".data_offsets", "[begin, end] with end >= begin", offsets);
        if (end - begin != bytes) {
            String need = bytes == Long.MAX_VALUE ? "more bytes than a file can hold" : bytes + " bytes";
            throw new FormatException(src, p + ".data_offsets", "[begin, end] with end - begin = " + need + " for shape " + NpyArray.shapeString(shape)
                    + " of " + d.textValue(), offsets + " (" + (end - begin) + " bytes)");
        }
        if (v.size() != 3) throw new FormatException(src, p, "exactly the fields dtype, shape and data_offsets", v.size() + " fields");
        return new Tensor(dtype, bf16, shape, begin, end);
    }

    private static boolean isOffset(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0;
    }

    /** {@code a * b}, or Long.MAX_VALUE when that does not fit (no file is that large, so the size check then fails). */
    private static long saturatedProduct(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String shortText(JsonNode n) {
        String t = n.toString();
        return t.length() > 60 ? t.substring(0, 57) + "..." : t;
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
        long inMemory = t.bf16() ? 2 * bytes : bytes;
        if (inMemory > Math.min(maxDataBytes, Integer.MAX_VALUE - 8)) {
            throw new FormatException(entrySource(key), "shape", "at most " + maxDataBytes + " data bytes",
                    inMemory + " bytes" + (t.bf16() ? " as float32" : ""));
        }
        ByteBuffer b = ByteBuffer.allocate((int) bytes);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() < dataStart + t.end()) throw new FormatException(entrySource(key), "data", bytes + " bytes", "a file that got shorter");
            readFully(ch, b, dataStart + t.begin());
        }
        byte[] data = t.bf16() ? bf16ToFloat32(b.array()) : b.array();
        return new NpyArray(t.dtype(), ByteOrder.LITTLE_ENDIAN, t.shape(), false, data);
    }

    /** BF16 is the upper 16 bits of a float32, so appending 16 zero bits gives the same value (NaN and inf included). */
    static byte[] bf16ToFloat32(byte[] bf16) {
        byte[] out = new byte[bf16.length * 2];
        for (int k = 0; k < bf16.length / 2; k++) {
            // little-endian: the float32's two high bytes are the BF16's two bytes, its two low bytes are zero
            out[4 * k + 2] = bf16[2 * k];
            out[4 * k + 3] = bf16[2 * k + 1];
        }
        return out;
    }

    private Tensor tensor(String key) throws FormatException {
        Tensor t = tensors.get(key);
        if (t == null) throw new FormatException(source, "key '" + key + "'", "one of the keys " + String.join(", ", tensors.keySet()), "no such tensor");
        return t;
    }

    /** Parser messages may quote the header, newlines included; the error stays one line. */
    private static String oneLine(String s) {
        String t = s == null ? "" : s.replaceAll("\\s+", " ").strip();
        return t.length() > 200 ? t.substring(0, 197) + "..." : t;
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, at + b.position());
            if (n < 0) throw new EOFException("file ended early");
        }
    }
}
