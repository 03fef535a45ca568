package io.maskstudio.render;

import io.maskstudio.io.AtomicFiles;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Rasters as an animated GIF that loops forever, through the JDK's own GIF writer (the NETSCAPE2.0 application
 * extension is what browsers and viewers read as "loop"). The file is replaced atomically.
 */
public final class AnimatedGif {
    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    private AnimatedGif() {}

    /** Writes {@code frames} (all of one size) showing each for {@code delayMillis} (GIF keeps hundredths of a second). */
    public static void write(List<Raster> frames, int delayMillis, Path file) throws IOException {
        if (frames.isEmpty()) throw new IllegalArgumentException("no frames to write");
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) throw new IOException("no GIF writer available in this Java runtime");
        ImageWriter writer = writers.next();
        try {
            AtomicFiles.write(file, out -> {
                try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                    writer.setOutput(ios);
                    writer.prepareWriteSequence(null);
                    boolean first = true;
                    for (Raster r : frames) {
                        BufferedImage rgb = opaque(r);
                        ImageWriteParam param = writer.getDefaultWriteParam();
                        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(rgb), param);
                        frameMetadata(meta, Math.max(1, delayMillis / 10), first);
                        writer.writeToSequence(new IIOImage(rgb, null, meta), param);
                        first = false;
                    }
                    writer.endWriteSequence();
                }
            });
        } finally {
            writer.dispose();
        }
    }

    /** GIF has no partial transparency: the pixels go on white. */
    private static BufferedImage opaque(Raster r) {
        BufferedImage img = new BufferedImage(r.width(), r.height(), BufferedImage.TYPE_INT_RGB);
        int[] px = r.pixels();
        for (int y = 0; y < r.height(); y++) {
            for (int x = 0; x < r.width(); x++) {
                int p = px[y * r.width() + x];
                int a = p >>> 24;
                int rr = blend(p >> 16 & 0xFF, a), gg = blend(p >> 8 & 0xFF, a), bb = blend(p & 0xFF, a);
                img.setRGB(x, y, rr << 16 | gg << 8 | bb);
            }
        }
        return img;
    }

    private static int blend(int c, int alpha) {
        return (c * alpha + 255 * (255 - alpha)) / 255;
    }

    private static void frameMetadata(IIOMetadata meta, int delayCentis, boolean loopExtension) throws IIOInvalidTreeException {
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(FORMAT);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(delayCentis));
        gce.setAttribute("transparentColorIndex", "0");
        if (loopExtension) {
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            // Sub-block 1, then the loop count 0 (forever), little-endian.
            app.setUserObject(new byte[]{1, 0, 0});
            child(root, "ApplicationExtensions").appendChild(app);
        }
        meta.setFromTree(FORMAT, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int k = 0; k < root.getLength(); k++) {
            if (root.item(k).getNodeName().equalsIgnoreCase(name)) return (IIOMetadataNode) root.item(k);
        }
        IIOMetadataNode n = new IIOMetadataNode(name);
        root.appendChild(n);
        return n;
    }
}
