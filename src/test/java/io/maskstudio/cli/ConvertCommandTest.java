package io.maskstudio.cli;

import io.maskstudio.io.MaskFormats;
import io.maskstudio.io.MaskReadOptions;
import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code maskstudio convert}: formats by extension, one-line errors, exit codes 1/2, never a partial OUT. */
class ConvertCommandTest {
    @TempDir
    Path dir;

    private Path csv(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.US_ASCII);
        return p;
    }

    private List<String> listing() throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void convertsThroughEveryFormat() throws Exception {
        Path in = csv("m.csv", "0,1,0\n1,1,0\n");
        Mask m = MaskFormats.read(in, MaskReadOptions.defaults());
        Path prev = in;
        for (String out : List.of("a.npy", "b.npz", "c.mtx", "d.png", "e.safetensors", "f.csv")) {
            CliRunner r = CliRunner.run("convert", prev.toString(), dir.resolve(out).toString());
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("mask [out_features, in_features] = [2, 3], 3 connections"), r.out());
            assertEquals(m, MaskFormats.read(dir.resolve(out), MaskReadOptions.defaults()), out);
            prev = dir.resolve(out);
        }
        assertEquals(0, CliRunner.run("convert", in.toString(), dir.resolve("s.npz").toString(), "--sparse").exitCode());
        assertEquals(0, CliRunner.run("convert", dir.resolve("s.npz").toString(), dir.resolve("e.csv").toString(), "--sparse").exitCode());
        assertTrue(Files.readString(dir.resolve("e.csv")).contains("out,in\n0,1\n1,0\n1,1\n"));
    }

    @Test
    void badInputIsOneLineExitOneAndNoOutput() throws Exception {
        Path in = csv("bad.csv", "0,1,0\n1,2,0\n");
        Path out = dir.resolve("out.npy");
        CliRunner r = CliRunner.run("convert", in.toString(), out.toString());
        assertEquals(1, r.exitCode());
        assertEquals("error: " + in + ": line 2, column 2: expected 0 or 1 (give a threshold to binarize other values), found 2\n", r.err());
        assertFalse(Files.exists(out));
        assertEquals(List.of("bad.csv"), listing(), "no temporary or partial file left");
    }

    @Test
    void failedConversionKeepsAnExistingOutputUntouched() throws Exception {
        Path out = csv("out.csv", "1\n");
        CliRunner r = CliRunner.run("convert", csv("bad.csv", "0,1\n1\n").toString(), out.toString());
        assertEquals(1, r.exitCode());
        assertEquals("1\n", Files.readString(out));
    }

    @Test
    void thresholdBinarizes() throws Exception {
        Path in = csv("w.csv", "0.9,-0.05,0\n-0.7,0.2,0.01\n");
        CliRunner r = CliRunner.run("convert", in.toString(), dir.resolve("m.mtx").toString(), "--threshold", "0.1");
        assertEquals(0, r.exitCode(), r.err());
        Mask m = MaskFormats.read(dir.resolve("m.mtx"), MaskReadOptions.defaults());
        assertEquals(3, m.nnz());
        assertTrue(m.get(0, 0) && m.get(1, 0) && m.get(1, 1));
    }

    @Test
    void keySelectsFromABundle() throws Exception {
        Path in = csv("m.csv", "1,0\n");
        CliRunner.run("convert", in.toString(), dir.resolve("a.npz").toString(), "--out-key", "fc1.weight_mask");
        CliRunner r = CliRunner.run("convert", dir.resolve("a.npz").toString(), dir.resolve("b.npy").toString(), "--key", "fc2.weight_mask");
        assertEquals(1, r.exitCode());
        assertEquals("error: " + dir.resolve("a.npz") + ": key 'fc2.weight_mask': expected one of the keys fc1.weight_mask, found no such entry\n", r.err());
        assertEquals(0, CliRunner.run("convert", dir.resolve("a.npz").toString(), dir.resolve("b.npy").toString(), "--key", "fc1.weight_mask").exitCode());
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        Path in = csv("m.csv", "1\n");
        CliRunner r = CliRunner.run("convert", in.toString(), dir.resolve("m.txt").toString());
        assertEquals(2, r.exitCode());
        assertEquals("error: OUT " + dir.resolve("m.txt") + ": unknown mask file extension (expected one of .npy .npz .mtx .csv .png .safetensors)\n", r.err());
        r = CliRunner.run("convert", in.toString(), dir.resolve("m.png").toString(), "--sparse");
        assertEquals(2, r.exitCode());
        assertEquals("error: --sparse applies to .npz, .csv and .mtx output, not .png\n", r.err());
        r = CliRunner.run("convert", in.toString(), dir.resolve("m.png").toString(), "--threshold", "-1");
        assertEquals(2, r.exitCode());
        assertEquals("error: --threshold: expected a finite number >= 0, found -1.0\n", r.err());
        assertEquals(2, CliRunner.run("convert", in.toString()).exitCode());
        assertEquals(List.of("m.csv"), listing());
    }

    @Test
    void missingInput() {
        Path in = dir.resolve("nope.npy");
        CliRunner r = CliRunner.run("convert", in.toString(), dir.resolve("o.csv").toString());
        assertEquals(1, r.exitCode());
        assertEquals("error: " + in + ": no such file\n", r.err());
    }
}
