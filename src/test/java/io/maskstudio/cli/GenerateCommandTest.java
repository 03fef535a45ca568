package io.maskstudio.cli;

import io.maskstudio.io.GraphFile;
import io.maskstudio.io.Python;
import io.maskstudio.model.NetworkDesign;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code maskstudio generate}: masks read back and checked by NumPy/SciPy, whole networks, exit code 2 for bad usage. */
class GenerateCommandTest {
    @TempDir
    Path dir;

    /**
     * Reads each file with NumPy/SciPy alone and checks the kind's invariant there. Arguments per check:
     * kind path rows cols params...
     */
    private static final String CHECK = """
            import sys, math
            import numpy as np, scipy.sparse as sp, scipy.io as sio
            args = sys.argv[1:]
            while args:
                kind, path, rows, cols = args[0], args[1], int(args[2]), int(args[3])
                if kind == 'n-of-m':
                    n, m = int(args[4]), int(args[5]); args = args[6:]
                    a = np.load(path).astype(bool)                      # dense .npy
                    assert a.shape == (rows, cols), (path, a.shape)
                    for g in range(0, cols, m):
                        got = a[:, g:g + m].sum(axis=1)
                        assert (got == min(n, cols - g)).all(), (path, g, got)
                elif kind == 'fan-in':
                    k = int(args[4]); args = args[5:]
                    a = sp.load_npz(path).toarray() != 0                # SciPy CSR .npz
                    assert a.shape == (rows, cols), (path, a.shape)
                    assert (a.sum(axis=1) == k).all(), (path, a.sum(axis=1))
                elif kind == 'block':
                    br, bc, d = int(args[4]), int(args[5]), float(args[6]); args = args[7:]
                    a = sio.mmread(path).toarray() != 0                 # Matrix Market
                    assert a.shape == (rows, cols), (path, a.shape)
                    present = 0
                    for r in range(0, rows, br):
                        for c in range(0, cols, bc):
                            b = a[r:r + br, c:c + bc]
                            assert b.all() or not b.any(), (path, r, c)
                            present += int(b.all())
                    blocks = math.ceil(rows / br) * math.ceil(cols / bc)
                    assert present == math.floor(blocks * d + 0.5), (path, present, blocks)
                elif kind == 'random':
                    d = float(args[4]); args = args[5:]
                    a = np.load(path)['weight_mask'].astype(bool)       # dense .npz
                    assert a.shape == (rows, cols), (path, a.shape)
                    assert a.sum() == math.floor(d * rows * cols + 0.5), (path, a.sum())
                elif kind == 'local':
                    h, w, oh, ow, k, s, p = map(int, args[4:11]); args = args[11:]
                    a = sio.mmread(path).toarray() != 0
                    # torch.nn.Conv2d's window: output (r, c) sees rows r*s-p .. r*s-p+k-1, clipped; likewise columns.
                    want = np.zeros((oh * ow, h * w), dtype=bool)
                    for r in range(oh):
                        for c in range(ow):
                            for i in range(max(0, r * s - p), min(h, r * s - p + k)):
                                for j in range(max(0, c * s - p), min(w, c * s - p + k)):
                                    want[r * ow + c, i * w + j] = True
                    assert (a == want).all(), (path, int((a != want).sum()))
                else:
                    raise SystemExit('unknown check ' + kind)
            print('ok')
            """;

    private Path gen(String file, String... args) {
        Path out = dir.resolve(file);
        List<String> all = new ArrayList<>(List.of("generate"));
        all.addAll(List.of(args));
        all.addAll(List.of("--out", out.toString()));
        CliRunner r = CliRunner.run(all.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith(out + ": "), r.out());
        return out;
    }

    @Test
    void generatedMasksReadBackInNumpyAndScipyWithTheirInvariants() throws Exception {
        Python.assumeModules("numpy", "scipy");
        List<String> checks = new ArrayList<>();
        for (int seed = 0; seed < 6; seed++) {
            int cols = 37 + 9 * seed; // multiples of 4 and not
            Path nm = gen("nm" + seed + ".npy", "--shape", "23x" + cols, "--kind", "n-of-m", "--n", "2", "--m", "4", "--seed", String.valueOf(seed));
            checks.addAll(List.of("n-of-m", nm.toString(), "23", String.valueOf(cols), "2", "4"));
            Path nm38 = gen("nm38-" + seed + ".npy", "--shape", "9x" + cols, "--kind", "n-of-m", "--n", "3", "--m", "8", "--seed", String.valueOf(seed));
            checks.addAll(List.of("n-of-m", nm38.toString(), "9", String.valueOf(cols), "3", "8"));
            Path fi = gen("fi" + seed + ".npz", "--shape", "31x" + cols, "--kind", "fan-in", "--k", "7", "--seed", String.valueOf(seed), "--sparse");
            checks.addAll(List.of("fan-in", fi.toString(), "31", String.valueOf(cols), "7"));
            Path bl = gen("bl" + seed + ".mtx", "--shape", "30x" + cols, "--kind", "block", "--block", "4x8", "--density", "0.3",
                    "--seed", String.valueOf(seed));
            checks.addAll(List.of("block", bl.toString(), "30", String.valueOf(cols), "4", "8", "0.3"));
            Path rd = gen("rd" + seed + ".npz", "--shape", "19x" + cols, "--kind", "random", "--density", "12.5%", "--min-fan-in", "0",
                    "--seed", String.valueOf(seed));
            checks.addAll(List.of("random", rd.toString(), "19", String.valueOf(cols), "0.125"));
        }
        Path local = gen("local.mtx", "--shape", "196x784", "--kind", "local", "--in-shape", "28x28", "--out-shape", "14x14",
                "--kernel", "5", "--stride", "2", "--padding", "2");
        checks.addAll(List.of("local", local.toString(), "196", "784", "28", "28", "14", "14", "5", "2", "2"));
        Python.Result r = Python.script(CHECK, checks, 180);
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("ok", r.output());
    }

    @Test
    void everyOtherFormatIsWrittenToo() {
        for (String ext : List.of(".csv", ".png", ".safetensors")) {
            Path p = gen("m" + ext, "--shape", "8x12", "--kind", "band", "--half-width", "1");
            assertTrue(Files.isRegularFile(p), ext);
        }
    }

    @Test
    void badUsageExitsTwoWithAMessageNamingTheOption() {
        String out = dir.resolve("x.npy").toString();
        String[][] cases = {
                {"--kind", "random", "--out", out},
                {"--shape", "10x20", "--out", out},
                {"--shape", "10x", "--kind", "random", "--out", out},
                {"--shape", "0x20", "--kind", "random", "--out", out},
                {"--shape", "10x20", "--kind", "spiral", "--out", out},
                {"--shape", "10x20", "--kind", "invert", "--out", out},
                {"--shape", "10x20", "--kind", "random", "--density", "1.5", "--out", out},
                {"--shape", "10x20", "--kind", "random", "--density", "abc", "--out", out},
                {"--shape", "10x20", "--kind", "random", "--k", "3", "--out", out},
                {"--shape", "10x20", "--kind", "n-of-m", "--n", "5", "--m", "4", "--out", out},
                {"--shape", "10x20", "--kind", "n-of-m", "--n", "2.5", "--out", out},
                {"--shape", "10x20", "--kind", "fan-in", "--k", "21", "--out", out},
                {"--shape", "10x20", "--kind", "block", "--block", "4", "--out", out},
                {"--shape", "10x20", "--kind", "local", "--out", out},
                {"--shape", "10x20", "--kind", "local", "--in-shape", "3x3", "--out", out},
                {"--shape", "10x20", "--kind", "band", "--seed", "-1", "--out", out},
                {"--shape", "10x20", "--kind", "full", "--out", dir.resolve("x.txt").toString()},
                {"--shape", "10x20", "--kind", "full", "--sparse", "--out", out},
                {"--graph", "g.graph.json", "--density", "0.1", "--kind", "random", "--out", out},
                {"--graph", "g.graph.json", "--out", dir.resolve("n.graph.json").toString()},
                {"--graph", "g.graph.json", "--density", "0.1", "--allocation", "er", "--out", dir.resolve("n.graph.json").toString()},
                {"--graph", "g.graph.json", "--density", "0.1", "--out", out},
                {"--shape", "10x20", "--kind", "random"},
        };
        String[] named = {"--shape", "--kind", "--shape", "--shape", "--kind", "--kind", "--density", "--density", "--k", "--n", "--n", "--k",
                "--block", "--kind local needs --in-shape", "--in-shape", "--seed", "--out", "--sparse", "--graph", "--density", "--allocation",
                "--out", "--out"};
        for (int i = 0; i < cases.length; i++) {
            List<String> args = new ArrayList<>(List.of("generate"));
            args.addAll(List.of(cases[i]));
            CliRunner r = CliRunner.run(args.toArray(String[]::new));
            String what = String.join(" ", cases[i]);
            assertEquals(2, r.exitCode(), what + ": " + r.err());
            assertTrue(r.err().contains(named[i]), what + " should name " + named[i] + ": " + r.err());
        }
        assertFalse(Files.exists(Path.of(out)), "nothing written on bad usage");
    }

    @Test
    void graphModeReproducesTheCommittedLenetSampleAndHitsTheTotal() throws Exception {
        Path sample = Path.of("sample-graphs");
        Path out = dir.resolve("lenet.graph.json");
        CliRunner r = CliRunner.run("generate", "--graph", sample.resolve("lenet-300-100.graph.json").toString(), "--density", "0.05",
                "--allocation", "erk", "--seed", "42", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        // 5% of 784*300 + 300*100 + 100*10 = 266200 connections is 13310; the densities follow ERK (see DensityAllocationTest).
        assertTrue(r.out().contains("13310 of 266200 connections (density 0.0500, erk, seed 42)"), r.out());
        assertTrue(r.out().contains("pixels->hidden1 0.0385, hidden1->hidden2 0.1113, hidden2->output 0.9190"), r.out());
        assertArrayEquals(Files.readAllBytes(sample.resolve("lenet-300-100-erk5.graph.json")), Files.readAllBytes(out),
                "the README's command writes the committed sample");

        Path uniform = dir.resolve("u.graph.json");
        assertEquals(0, CliRunner.run("generate", "--graph", sample.resolve("lenet-300-100.graph.json").toString(), "--density", "10%",
                "--allocation", "uniform", "--out", uniform.toString()).exitCode());
        NetworkDesign d = GraphFile.read(uniform);
        assertEquals(23520, d.mask(0).nnz());
        assertEquals(3000, d.mask(1).nnz());
        assertEquals(100, d.mask(2).nnz());
        assertEquals(GraphFile.read(sample.resolve("lenet-300-100.graph.json")).settings(), d.settings(), "settings kept");
    }

    @Test
    void inspectReportsNOfMAndBlocks() {
        Path nm = gen("nm.npy", "--shape", "16x32", "--kind", "n-of-m", "--n", "2", "--m", "4");
        CliRunner r = CliRunner.run("inspect", nm.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().replaceAll("\\s", "").contains("\"nOfM\":[\"2:4\",\"4:8\"],\"block\":null"), r.out());
        Path bl = gen("bl.npz", "--shape", "32x64", "--kind", "block", "--block", "8x16", "--density", "0.5", "--seed", "1");
        r = CliRunner.run("inspect", bl.toString());
        assertTrue(r.out().contains("N:M none of 1:2, 2:4, 4:8; blocks 8x16"), r.out());
        r = CliRunner.run("inspect", "sample-graphs/digits-local.graph.json", "--json");
        assertEquals(0, r.exitCode(), r.err());
        String flat = r.out().replaceAll("\\s", "");
        assertTrue(flat.contains("\"nOfM\":[],\"block\":null"), "the receptive fields have no such structure: " + r.out());
        r = CliRunner.run("inspect", "sample-graphs/digits-local.graph.json");
        assertTrue(r.out().contains("Structure:\n  pixels -> hidden: N:M none of 1:2, 2:4, 4:8; blocks none larger than 1x1\n"), r.out());
    }
}
