package io.maskstudio.render;

import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FiguresTest {
    private static NetworkDesign sample() {
        LayerSpec out = LayerSpec.vector("output", 10, Activation.SOFTMAX);
        return new NetworkDesign(List.of(TestMasks.DIGITS, TestMasks.HIDDEN, out),
                List.of(TestMasks.localReceptiveField8to6(), Mask.full(10, 36)), TrainingSettings.defaults("digits"));
    }

    @Test
    void writesPngAndSvgByExtension(@TempDir Path dir) throws Exception {
        NetworkDesign d = sample();
        Figures.write(d, 0, Figures.View.BIPARTITE, dir.resolve("b.png"), 400, 300);
        Figures.write(d, 1, Figures.View.MATRIX, dir.resolve("m.svg"), 400, 300);
        BufferedImage img = ImageIO.read(dir.resolve("b.png").toFile());
        assertEquals(400, img.getWidth());
        assertEquals(300, img.getHeight());
        assertTrue(Files.readString(dir.resolve("m.svg")).contains("hidden → output"));
    }

    @Test
    void rejectsUnknownExtensionsAndPairs(@TempDir Path dir) {
        NetworkDesign d = sample();
        assertThrows(IllegalArgumentException.class, () -> Figures.write(d, 0, Figures.View.MATRIX, dir.resolve("x.jpg"), 100, 100));
        assertThrows(IllegalArgumentException.class, () -> Figures.write(d, 2, Figures.View.MATRIX, dir.resolve("x.png"), 100, 100));
    }
}
