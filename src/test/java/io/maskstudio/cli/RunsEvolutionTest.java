package io.maskstudio.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code runs evolution}: a RigL run's masks as a looping GIF with one frame per kept snapshot, and a PNG strip of them. */
class RunsEvolutionTest {

    @Test
    void aRiglRunsEvolutionIsAGifFramePerSnapshotAndAStripOfThem(@TempDir Path tmp) throws Exception {
        Path run = CliTraining.digits(tmp.resolve("run"), 3, "--method", "rigl", "--density", "0.3", "--update-every", "20");
        long snapshots;
        try (Stream<Path> s = Files.list(run.resolve("snapshots"))) {
            snapshots = s.filter(p -> p.getFileName().toString().endsWith(".npz")).count();
        }
        Path gif = tmp.resolve("e.gif"), png = tmp.resolve("strip.png");
        CliRunner r = CliRunner.run("runs", "evolution", run.toString(), "--gif", gif.toString(), "--png", png.toString(), "--scale", "5");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("wrote " + gif), r.out());

        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        int frames, frameWidth, frameHeight, loop = -1;
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            frames = reader.getNumImages(true);
            frameWidth = reader.getWidth(0);
            frameHeight = reader.getHeight(0);
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            for (Node c = root.getFirstChild(); c != null; c = c.getNextSibling()) {
                for (Node a = c.getFirstChild(); a != null; a = a.getNextSibling()) {
                    if (a instanceof IIOMetadataNode app && "NETSCAPE".equals(app.getAttribute("applicationID"))) {
                        byte[] d = (byte[]) app.getUserObject();
                        loop = (d[1] & 0xFF) | (d[2] & 0xFF) << 8;
                    }
                }
            }
        } finally {
            reader.dispose();
        }
        assertEquals(snapshots, frames, "one GIF frame per kept snapshot");
        assertEquals(0, loop, "loops forever");
        BufferedImage strip = ImageIO.read(png.toFile());
        assertEquals(snapshots * frameWidth, strip.getWidth(), "the strip is the frames side by side");
        assertEquals(frameHeight, strip.getHeight());
        assertTrue(frameHeight > 8 * 5, "the 8x8 input at scale 5, and the epoch under it: " + frameHeight);
    }

    @Test
    void aNetworkWithoutAnImageShapedInputIsRefusedSayingWhy(@TempDir Path tmp) {
        Path run = tmp.resolve("xor");
        CliRunner t = CliRunner.run("train", "sample-graphs/xor.graph.json", "--epochs", "1", "--out", run.toString(), "--no-progress");
        assertEquals(0, t.exitCode(), t.err());
        CliRunner r = CliRunner.run("runs", "evolution", run.toString(), "--png", tmp.resolve("s.png").toString());
        assertNotEquals(0, r.exitCode());
        assertTrue(r.err().contains("no 2-D shape"), r.err());
        assertTrue(!Files.exists(tmp.resolve("s.png")));
    }
}
