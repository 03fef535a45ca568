package io.maskstudio.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderCommandTest {
    private static final String DIGITS = "sample-graphs/digits-local.graph.json";
    private static final String MNIST = "sample-graphs/mnist-local.graph.json";

    @TempDir
    Path tmp;

    @Test
    void writesABipartitePngOfTheRequestedWidth() throws Exception {
        Path out = tmp.resolve("fig.png");
        CliRunner r = CliRunner.run("render", DIGITS, "--out", out.toString(), "--width", "800");
        assertEquals(0, r.exitCode(), r.err());
        BufferedImage img = ImageIO.read(out.toFile());
        assertEquals(800, img.getWidth());
        assertEquals(500, img.getHeight());
    }

    @Test
    void matrixPngFollowsTheMaskAspect() throws Exception {
        Path out = tmp.resolve("m.png");
        CliRunner r = CliRunner.run("render", DIGITS, "--pair", "1", "--view", "matrix", "--out", out.toString(), "--width", "360");
        assertEquals(0, r.exitCode(), r.err());
        BufferedImage img = ImageIO.read(out.toFile());
        assertEquals(360, img.getWidth());
        assertEquals(100, img.getHeight(), "a [10, 36] mask is 10/36 as high as wide");
    }

    @Test
    void svgHasOneVectorLinePerConnectionWhenSparse() throws Exception {
        Path out = tmp.resolve("fig.svg");
        CliRunner r = CliRunner.run("render", DIGITS, "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        String svg = Files.readString(out);
        assertTrue(svg.startsWith("<?xml") || svg.startsWith("<svg"), svg.substring(0, 40));
        long lines = svg.lines().filter(l -> l.startsWith("<line")).count();
        assertEquals(324, lines, "digits pair 0 has 324 connections");
    }

    @Test
    void denseSvgIsDrawnAsBundles() throws Exception {
        Path dense = tmp.resolve("dense.graph.json");
        Files.copy(Path.of("sample-graphs/digits-dense.graph.json"), dense);
        Path out = tmp.resolve("b.svg");
        // digits-dense has 2,304 connections in pair 0: below the bundle threshold, so lines.
        assertEquals(0, CliRunner.run("render", dense.toString(), "--out", out.toString()).exitCode());
        assertTrue(Files.readString(out).contains("class=\"edges\""));
        // MNIST's 4,489 are still lines; a 784 -> 196 fully connected pair would bundle (tested in render).
        assertEquals(0, CliRunner.run("render", MNIST, "--out", out.toString()).exitCode());
    }

    @Test
    void usageErrorsExitWithTwoAndOneLine() {
        CliRunner badView = CliRunner.run("render", DIGITS, "--view", "sideways", "--out", tmp.resolve("x.png").toString());
        assertEquals(2, badView.exitCode());
        assertEquals("error: --view must be bipartite or matrix, was 'sideways'", badView.err().strip());
        CliRunner badExt = CliRunner.run("render", DIGITS, "--out", tmp.resolve("x.jpg").toString());
        assertEquals(2, badExt.exitCode());
        assertTrue(badExt.err().strip().endsWith("x.jpg: figure files must end in .png or .svg"), badExt.err());
        CliRunner badPair = CliRunner.run("render", DIGITS, "--pair", "5", "--out", tmp.resolve("x.png").toString());
        assertEquals(2, badPair.exitCode());
        assertEquals("error: " + DIGITS + ": layer pair 5 does not exist; the design has pairs 0..1", badPair.err().strip());
        assertEquals(2, CliRunner.run("render", DIGITS).exitCode(), "--out is required");
    }

    @Test
    void fileErrorsExitWithOneAndNameTheFile() throws Exception {
        CliRunner missing = CliRunner.run("render", tmp.resolve("nope.graph.json").toString(), "--out", tmp.resolve("x.png").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().startsWith("error: ") && missing.err().contains("nope.graph.json: no such file"), missing.err());
        assertEquals(1, missing.err().strip().lines().count());

        Path broken = tmp.resolve("broken.graph.json");
        Files.writeString(broken, "{\"formatVersion\": 1");
        CliRunner bad = CliRunner.run("render", broken.toString(), "--out", tmp.resolve("x.png").toString());
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().startsWith("error: " + broken), bad.err());
        assertFalse(bad.err().contains("\tat "), "no stack trace");

        CliRunner noDir = CliRunner.run("render", DIGITS, "--out", tmp.resolve("no/such/dir/x.png").toString());
        assertEquals(1, noDir.exitCode());
        assertTrue(noDir.err().contains("cannot write"), noDir.err());
    }
}
