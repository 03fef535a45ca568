package io.maskstudio.render;

import io.maskstudio.io.AtomicFiles;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Rasters to PNG (8-bit RGBA, exact pixels) through ImageIO; files are replaced atomically. */
public final class PngWriter {
    private PngWriter() {}

    /** A {@code TYPE_INT_ARGB} image holding a copy of the raster's pixels. */
    public static BufferedImage toImage(Raster raster) {
        BufferedImage img = new BufferedImage(raster.width(), raster.height(), BufferedImage.TYPE_INT_ARGB);
        int[] dst = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(raster.pixels(), 0, dst, 0, dst.length);
        return img;
    }

    public static void write(Raster raster, Path path) throws IOException {
        BufferedImage img = toImage(raster);
        AtomicFiles.write(path, out -> {
            if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer available in this Java runtime");
        });
    }
}
