package io.maskstudio.io;

import io.maskstudio.model.Mask;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A {@code .npz} archive: a zip of {@code .npy} entries, stored or deflated ({@code np.savez} /
 * {@code np.savez_compressed}). Keys are entry names without {@code .npy}. Entries are read through
 * {@link NpyReader}, bounded by their declared size and checked against their CRC32.
 */
public final class Npz implements AutoCloseable {
    /** More entries than any state_dict we expect: a guard against a hostile central directory. */
    static final int MAX_ENTRIES = 100_000;

    private final String source;
    private final ZipFile zip;
    private final long maxDataBytes;
    private final Map<String, ZipEntry> entries = new LinkedHashMap<>();

    private Npz(String source, ZipFile zip, long maxDataBytes) {
        this.source = source;
        this.zip = zip;
        this.maxDataBytes = maxDataBytes;
    }

    public static Npz open(Path file) throws IOException, FormatException {
        return open(file, NpyReader.DEFAULT_MAX_DATA_BYTES);
    }

    public static Npz open(Path file, long maxDataBytes) throws IOException, FormatException {
        String source = file.toString();
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new FormatException(source, "zip directory", "a zip archive of .npy files (.npz)", "an unreadable archive (" + e.getMessage() + ")", e);
        }
        Npz npz = new Npz(source, zip, maxDataBytes);
        try {
            npz.indexEntries();
        } catch (FormatException | RuntimeException e) {
            npz.close();
            if (e instanceof FormatException fe) throw fe;
            throw new FormatException(source, "zip directory", "a zip archive of .npy files (.npz)", "an unreadable archive (" + e.getMessage() + ")", e);
        }
        return npz;
    }

    private void indexEntries() throws FormatException {
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry e = all.nextElement();
            if (e.isDirectory()) continue;
            if (entries.size() >= MAX_ENTRIES) {
                throw new FormatException(source, "zip directory", "at most " + MAX_ENTRIES + " entries", "more");
            }
            String name = e.getName();
            String key = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
            if (entries.putIfAbsent(key, e) != null) {
                throw new FormatException(source, "zip directory", "each key once", "'" + key + "' twice");
            }
        }
    }

    /** Keys in archive order. */
    public List<String> keys() {
        return List.copyOf(entries.keySet());
    }

    public boolean contains(String key) {
        return entries.containsKey(key);
    }

    /** The source name used in messages about entry {@code key}: {@code archive.npz[key]}. */
    public String entrySource(String key) {
        return source + "[" + key + "]";
    }

    public String source() {
        return source;
    }

    public NpyArray get(String key) throws IOException, FormatException {
        ZipEntry e = entry(key);
        String where = entrySource(key);
        try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(e), new CRC32())) {
            NpyArray array = NpyReader.read(where, in, e.getSize(), maxDataBytes);
            long crc = in.getChecksum().getValue();
            if (e.getCrc() != -1 && crc != e.getCrc()) {
                throw new FormatException(where, "zip entry", String.format("CRC32 %08x", e.getCrc()), String.format("%08x (corrupted data)", crc));
            }
            return array;
        } catch (IOException | RuntimeException ex) {
            throw damaged(e, where, ex);
        }
    }

    /**
     * Entry {@code key} as a mask, streamed from the (stored or deflated) entry, so memory is the mask's own;
     * the entry's CRC32 is checked at its end.
     */
    public Mask readMask(String key, MaskReadOptions opts) throws IOException, FormatException {
        try (EntryElements e = elements(key, opts.maxCells())) {
            return MaskFiles.fromElements(e.elements(), opts, e::checkCrc);
        }
    }

    /** An open entry's elements; {@link #checkCrc} after the last one. */
    final class EntryElements implements AutoCloseable {
        private final ZipEntry entry;
        private final CheckedInputStream in;
        private final NpyElements elements;

        private EntryElements(ZipEntry entry, CheckedInputStream in, NpyElements elements) {
            this.entry = entry;
            this.in = in;
            this.elements = elements;
        }

        NpyElements elements() { return elements; }

        void checkCrc() throws FormatException {
            long crc = in.getChecksum().getValue();
            if (entry.getCrc() != -1 && crc != entry.getCrc()) {
                throw new FormatException(elements.source(), "zip entry", String.format("CRC32 %08x", entry.getCrc()),
                        String.format("%08x (corrupted data)", crc));
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Opens entry {@code key} for streaming its elements (at most {@code maxCells} of them). */
    EntryElements elements(String key, long maxCells) throws IOException, FormatException {
        ZipEntry e = entry(key);
        String where = entrySource(key);
        CheckedInputStream in;
        try {
            in = new CheckedInputStream(zip.getInputStream(e), new CRC32());
        } catch (IOException | RuntimeException ex) {
            throw damaged(e, where, ex);
        }
        try {
            return new EntryElements(e, in, NpyElements.open(where, in, e.getSize(), maxCells, ex -> damaged(e, where, ex)));
        } catch (IOException | FormatException | RuntimeException ex) {
            in.close();
            throw ex;
        }
    }

    /** A scalar text entry such as SciPy's {@code format} ({@code b'csr'}); see {@link NpyReader#readShortString}. */
    public String shortString(String key) throws IOException, FormatException {
        ZipEntry e = entry(key);
        String where = entrySource(key);
        try (InputStream in = zip.getInputStream(e)) {
            return NpyReader.readShortString(where, in, e.getSize());
        } catch (IOException | RuntimeException ex) {
            throw damaged(e, where, ex);
        }
    }

    /** The shape of entry {@code key}, from its header alone (no data is read). */
    public int[] shape(String key) throws IOException, FormatException {
        ZipEntry e = entry(key);
        String where = entrySource(key);
        try (InputStream in = zip.getInputStream(e)) {
            return NpyReader.readHeader(where, in, e.getSize()).header().shape();
        } catch (IOException | RuntimeException ex) {
            throw damaged(e, where, ex);
        }
    }

    private ZipEntry entry(String key) throws FormatException {
        ZipEntry e = entries.get(key);
        if (e == null) {
            throw new FormatException(source, "key '" + key + "'", "one of the keys " + String.join(", ", keys()), "no such entry");
        }
        if (e.getSize() < 0) throw new FormatException(entrySource(key), "zip entry", "a declared uncompressed size", "none");
        return e;
    }

    /** Inflater errors, truncated entries, bad local headers: all mean a damaged archive. */
    private static FormatException damaged(ZipEntry e, String where, Exception ex) {
        return new FormatException(where, "zip entry", "a readable " + (e.getMethod() == ZipEntry.DEFLATED ? "deflated" : "stored") + " entry",
                "damaged data (" + ex.getMessage() + ")", ex);
    }

    /** Every entry, in archive order. */
    public Map<String, NpyArray> readAll() throws IOException, FormatException {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        for (String k : entries.keySet()) out.put(k, get(k));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    public static void write(Path file, Map<String, NpyArray> arrays, boolean compressed) throws IOException {
        AtomicFiles.write(file, out -> write(out, arrays, compressed));
    }

    public static void write(OutputStream out, Map<String, NpyArray> arrays, boolean compressed) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        arrays.forEach((k, a) -> files.put(k, NpyWriter.toBytes(a)));
        writeNpyFiles(out, files, compressed);
    }

    /** Writes ready-made {@code .npy} contents (for entries that are not an {@link NpyArray}, such as SciPy's format name). */
    static void writeNpyFiles(OutputStream out, Map<String, byte[]> npyFiles, boolean compressed) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Map.Entry<String, byte[]> a : npyFiles.entrySet()) {
            byte[] bytes = a.getValue();
            ZipEntry e = new ZipEntry(a.getKey() + ".npy");
            e.setTimeLocal(LocalDateTime.of(1980, 1, 1, 0, 0)); // fixed time: same content, same bytes
            if (compressed) {
                e.setMethod(ZipEntry.DEFLATED);
            } else {
                CRC32 crc = new CRC32();
                crc.update(bytes);
                e.setMethod(ZipEntry.STORED);
                e.setSize(bytes.length);
                e.setCompressedSize(bytes.length);
                e.setCrc(crc.getValue());
            }
            zip.putNextEntry(e);
            zip.write(bytes);
            zip.closeEntry();
        }
        zip.finish();
    }
}
