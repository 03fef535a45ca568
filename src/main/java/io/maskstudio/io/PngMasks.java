package io.maskstudio.io;

import io.maskstudio.model.Mask;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Masks as PNG images: one pixel per connection, rows = output neurons (height), columns = inputs (width);
 * dark = connected. Pure black and white (transparent counts as white) need no threshold; with a threshold T,
 * a pixel's darkness (1 - luminance over white) above T means connected, so anti-aliased drawings work too.
 * Before the JDK's decoder sees the file we check the signature, every chunk's length and CRC32, and the
 * declared size against a pixel limit: the decoder never meets a damaged or oversized image.
 */
final class PngMasks {
    /** The decoder allocates up to 8 bytes per pixel (16-bit RGBA): 2^24 pixels stay below 128 MiB. */
    static final long MAX_PIXELS = 1L << 24;
    static final long MAX_FILE_BYTES = 1L << 28;
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private PngMasks() {}

    static Mask read(Path file, MaskReadOptions opts) throws IOException, FormatException {
        String src = file.toString();
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) throw new FormatException(src, "file size", "at most " + MAX_FILE_BYTES + " bytes for a mask image", size + " bytes");
        byte[] bytes = Files.readAllBytes(file);
        int[] wh = checkChunks(src, bytes, Math.min(opts.maxCells(), MAX_PIXELS));
        BufferedImage img = decode(src, bytes);
        if (img.getWidth() != wh[0] || img.getHeight() != wh[1]) {
            throw new FormatException(src, "IHDR", wh[0] + " x " + wh[1] + " pixels", img.getWidth() + " x " + img.getHeight() + " decoded");
        }
        MaskValues values = MaskValues.of(opts.threshold());
        Mask m = new Mask(img.getHeight(), img.getWidth());
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                double d = darkness(img, x, y);
                String where = "pixel (x=" + x + ", y=" + y + ")";
                if (!values.hasThreshold() && d != 0 && d != 1) {
                    throw new FormatException(src, where, "black or white (give a threshold to binarize grey or colour: darkness > T means connected)",
                            String.format("darkness %.3f (%s)", d, describe(img, x, y)));
                }
                if (values.connected(d, src, where)) m.set(y, x, true);
            }
        }
        return m;
    }

    /** Walks the chunks: signature, IHDR first, every CRC, IDAT present, IEND. Returns {width, height}. */
    static int[] checkChunks(String src, byte[] b, long maxPixels) throws FormatException {
        if (b.length < 8 || !Arrays.equals(Arrays.copyOf(b, 8), SIGNATURE)) {
            throw new FormatException(src, "byte 0", "the PNG signature 89 50 4e 47 0d 0a 1a 0a",
                    NpyReader.describeBytes(Arrays.copyOf(b, Math.min(b.length, 8))));
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        int pos = 8;
        int[] wh = null;
        boolean idat = false;
        while (true) {
            if (pos + 8 > b.length) throw new FormatException(src, "byte " + pos, "a chunk header (or IEND)", "the end of the file (truncated)");
            long length = buf.getInt(pos) & 0xFFFFFFFFL;
            String type = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (!type.chars().allMatch(Character::isLetter)) throw new FormatException(src, "byte " + (pos + 4), "a chunk type of 4 letters",
                    FormatException.quote(type));
            if (length > b.length - pos - 12L) {
                throw new FormatException(src, "chunk " + type + " at byte " + pos,
                        "at most " + Math.max(0, b.length - pos - 12L) + " data bytes (the rest of the file)",
                        length + " (file truncated or length damaged)");
            }
            CRC32 crc = new CRC32();
            crc.update(b, pos + 4, (int) length + 4);
            long stored = buf.getInt(pos + 8 + (int) length) & 0xFFFFFFFFL;
            if (crc.getValue() != stored) {
                throw new FormatException(src, "chunk " + type + " at byte " + pos, String.format("CRC32 %08x", stored),
                        String.format("%08x (damaged data)", crc.getValue()));
            }
            if (wh == null) {
                if (!type.equals("IHDR") || length != 13) throw new FormatException(src, "byte 8", "the IHDR chunk of 13 bytes first",
                        type + " of " + length + " bytes");
                long w = buf.getInt(pos + 8) & 0xFFFFFFFFL;
                long h = buf.getInt(pos + 12) & 0xFFFFFFFFL;
                if (w < 1 || h < 1 || w * h > maxPixels) {
                    throw new FormatException(src, "IHDR", "an image of at most " + maxPixels + " pixels", w + " x " + h + " pixels");
                }
                checkFormat(src, b, pos + 8);
                wh = new int[]{(int) w, (int) h};
            }
            idat |= type.equals("IDAT");
            pos += 12 + (int) length;
            if (type.equals("IEND")) break;
        }
        if (!idat) throw new FormatException(src, "chunks", "at least one IDAT chunk with the pixels", "none");
        return wh;
    }

    /**
     * IHDR's five format bytes against the PNG specification's table (section 11.2.2), so a file with an impossible
     * colour type or bit depth is reported as such, not as damaged pixel data when the decoder gives up on it.
     */
    private static void checkFormat(String src, byte[] b, int ihdr) throws FormatException {
        int depth = b[ihdr + 8] & 0xFF;
        int colour = b[ihdr + 9] & 0xFF;
        int[] depths = switch (colour) {
            case 0 -> new int[]{1, 2, 4, 8, 16};
            case 3 -> new int[]{1, 2, 4, 8};
            case 2, 4, 6 -> new int[]{8, 16};
            default -> throw new FormatException(src, "IHDR colour type", "0 (grey), 2 (RGB), 3 (palette), 4 (grey + alpha) or 6 (RGBA)",
                    Integer.toString(colour));
        };
        if (Arrays.stream(depths).noneMatch(d -> d == depth)) {
            String list = Arrays.toString(Arrays.copyOf(depths, depths.length - 1)).replaceAll("[\\[\\]]", "") + " or " + depths[depths.length - 1];
            throw new FormatException(src, "IHDR bit depth", list + " for colour type " + colour + " (" + colourName(colour) + ")", Integer.toString(depth));
        }
        int compression = b[ihdr + 10] & 0xFF;
        if (compression != 0) throw new FormatException(src, "IHDR compression method", "0 (deflate, the only one defined)", Integer.toString(compression));
        int filter = b[ihdr + 11] & 0xFF;
        if (filter != 0) throw new FormatException(src, "IHDR filter method", "0 (adaptive, the only one defined)", Integer.toString(filter));
        int interlace = b[ihdr + 12] & 0xFF;
        if (interlace > 1) throw new FormatException(src, "IHDR interlace method", "0 (none) or 1 (Adam7)", Integer.toString(interlace));
    }

    private static String colourName(int colour) {
        return switch (colour) {
            case 0 -> "grey";
            case 2 -> "RGB";
            case 3 -> "palette";
            case 4 -> "grey + alpha";
            default -> "RGBA";
        };
    }

    private static BufferedImage decode(String src, byte[] bytes) throws FormatException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
        if (!readers.hasNext()) throw new IllegalStateException("this JDK has no PNG reader");
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            BufferedImage img = reader.read(0);
            if (img == null) throw new FormatException(src, "IDAT", "pixel data", "none decoded");
            return img;
        } catch (IOException | RuntimeException e) {
            // the chunk walk passed, so this is damaged pixel data (bad zlib stream, filter type, too few rows)
            throw new FormatException(src, "IDAT", "readable PNG pixel data", "damaged data (" + e.getMessage() + ")", e);
        } finally {
            reader.dispose();
        }
    }

    private static boolean isGrey(ColorModel cm) {
        return cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(cm instanceof IndexColorModel);
    }

    /** The pixel as stored: grey level (and alpha) for grey images, ARGB otherwise. */
    private static String describe(BufferedImage img, int x, int y) {
        ColorModel cm = img.getColorModel();
        if (!isGrey(cm)) return String.format("ARGB %08x", img.getRGB(x, y));
        Raster r = img.getRaster();
        String s = "grey " + r.getSample(x, y, 0) + " of " + ((1 << cm.getComponentSize(0)) - 1);
        return cm.hasAlpha() ? s + ", alpha " + r.getSample(x, y, 1) : s;
    }

    /** 1 - luminance composited over white: 1 for opaque black, 0 for white or fully transparent. */
    static double darkness(BufferedImage img, int x, int y) {
        ColorModel cm = img.getColorModel();
        double lum;
        double alpha;
        if (isGrey(cm)) {
            // raw samples: getRGB would pass grey through a colour conversion and shift mid-tones
            Raster r = img.getRaster();
            lum = r.getSample(x, y, 0) / (double) ((1 << cm.getComponentSize(0)) - 1);
            alpha = cm.hasAlpha() ? r.getSample(x, y, 1) / (double) ((1 << cm.getComponentSize(1)) - 1) : 1;
        } else {
            int argb = img.getRGB(x, y);
            int red = argb >>> 16 & 0xFF;
            int green = argb >>> 8 & 0xFF;
            int blue = argb & 0xFF;
            lum = red == green && green == blue ? red / 255.0 : (0.299 * red + 0.587 * green + 0.114 * blue) / 255.0;
            alpha = (argb >>> 24) / 255.0;
        }
        if (alpha == 1) return 1 - lum;
        return 1 - (alpha * lum + (1 - alpha));
    }

    static void write(Path file, Mask m) throws IOException {
        if ((long) m.rows() * m.cols() > MAX_PIXELS) {
            throw new IllegalArgumentException("mask [" + m.rows() + ", " + m.cols() + "] has more than " + MAX_PIXELS + " cells: too large for a PNG");
        }
        BufferedImage img = new BufferedImage(m.cols(), m.rows(), BufferedImage.TYPE_BYTE_BINARY); // palette 0 = black, 1 = white
        WritableRaster r = img.getRaster();
        int[] row = new int[m.cols()];
        for (int o = 0; o < m.rows(); o++) {
            Arrays.fill(row, 1);
            m.forEachInRow(o, i -> row[i] = 0);
            r.setSamples(0, o, m.cols(), 1, 0, row);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
            IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
            entry.setAttribute("keyword", "Comment");
            entry.setAttribute("value", "MaskStudio mask [out_features, in_features] = [" + m.rows() + ", " + m.cols()
                    + "]: row y = output neuron, column x = input neuron, black = connected (torch.nn.Linear.weight orientation)");
            IIOMetadataNode text = new IIOMetadataNode("tEXt");
            text.appendChild(entry);
            IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
            root.appendChild(text);
            meta.mergeTree("javax_imageio_png_1.0", root);
            AtomicFiles.write(file, out -> {
                try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
                    writer.setOutput(ios);
                    writer.write(null, new IIOImage(img, null, meta), param);
                }
            });
        } finally {
            writer.dispose();
        }
    }
}
