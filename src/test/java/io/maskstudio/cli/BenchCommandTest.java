package io.maskstudio.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest {

    private static String[] run(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        assertEquals(expectedExit, cl.execute(args), "stderr: " + err);
        return new String[]{out.toString(), err.toString()};
    }

    @Test
    void layerPrintsOneJsonLineWithTimeKernelBackendAndOpenblasCore() {
        String out = run(0, "layer", "--batch", "8", "--in", "300", "--out", "200", "--density", "0.05", "--kernel", "csr", "--steps", "3", "--json")[0];
        String[] lines = out.strip().split("\n");
        assertEquals(1, lines.length, out);
        String line = lines[0];
        assertTrue(line.startsWith("{\"bench\":\"layer\",") && line.endsWith("}"), line);
        assertTrue(line.matches(".*\"ms_per_step\":[0-9.]+.*"), line);
        assertTrue(line.contains("\"kernel\":\"csr\""), line);
        assertTrue(line.contains("\"connections\":3000"), "15 of 300 per row, 200 rows: " + line);
        assertTrue(line.matches(".*\"backend\":\"(cpu|cuda)\".*"), line);
        assertTrue(line.matches(".*\"openblas_core\":\"[A-Za-z0-9_]+\".*"), line);
    }

    @Test
    void layerAgainstGemmReportsTheShareOfTheSgemmTimedAroundIt() {
        String plain = run(0, "layer", "--batch", "8", "--in", "300", "--out", "200", "--steps", "2", "--json")[0];
        assertTrue(!plain.contains("share_of_gemm"), "only when asked: " + plain);
        String line = run(0, "layer", "--batch", "8", "--in", "300", "--out", "200", "--density", "0.05", "--kernel", "csr", "--steps", "3",
                "--against-gemm", "--json")[0].strip();
        double ms = field(line, "ms_per_step");
        double gemmMs = field(line, "gemm_ms");
        assertTrue(ms > 0 && gemmMs > 0, line);
        // the useful work: 3 products of 2 flops per connection (15 x 200) and sample; the SGEMM [8,300] x [300,200]
        double useful = 6.0 * 3000 * 8 / (ms * 1e6);
        double gemm = 2.0 * 8 * 300 * 200 / (gemmMs * 1e6);
        assertEquals(useful, field(line, "useful_gflops"), 0.02 * useful + 1e-3, line);
        assertEquals(gemm, field(line, "gemm_gflops"), 0.02 * gemm + 1e-3, line);
        assertEquals(useful / gemm, field(line, "share_of_gemm"), 0.04 * useful / gemm + 1e-3, line);
    }

    private static double field(String jsonLine, String name) {
        var m = Pattern.compile("\"" + name + "\":([0-9.eE-]+)").matcher(jsonLine);
        assertTrue(m.find(), name + " in " + jsonLine);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void mlpReportsStepsPerSecondAndTheKernelOfEveryLayer() {
        String out = run(0, "mlp", "--layers", "64,32,10", "--density", "0.5", "--batch", "16", "--steps", "50", "--kernel", "small", "--json")[0];
        assertTrue(out.matches("(?s)\\{\"bench\":\"mlp\",.*\"steps_per_second\":[0-9.]+.*\"kernel\":\"small,small\".*\\}\\s*"), out);
        assertTrue(out.matches("(?s).*\"layer_ms\":\\[[0-9.]+,[0-9.]+\\].*"), "one time per layer: " + out);
        String auto = run(0, "mlp", "--layers", "64,32,10", "--batch", "16", "--steps", "50")[0];
        assertTrue(auto.matches("(?s).*\n  64 -> 32: (small|csr|dense), [0-9.]+ ms per step alone\n  32 -> 10: (small|csr|dense), [0-9.]+ ms.*"), auto);
    }

    @Test
    void gridReportsEveryKernelTheChoiceAndASummary() {
        String out = run(0, "grid", "--sizes", "16", "--pairs", "24x8", "--densities", "0.5,1", "--batches", "4", "--json")[0];
        String[] lines = out.strip().split("\n");
        assertEquals(5, lines.length, "2 shapes x 2 densities x 1 batch, then the summary: " + out);
        for (int k = 0; k < 4; k++) {
            assertTrue(lines[k].matches("\\{\"bench\":\"grid\",.*\"dense_us\":[0-9.]+,\"csr_us\":[0-9.]+,\"small_us\":[0-9.]+,"
                    + "\"fastest\":\"(dense|csr|small)\",\"chosen\":\"(dense|csr|small)\",\"ratio\":[0-9.]+.*"), lines[k]);
        }
        assertTrue(lines[1].contains("\"in\":16,\"out\":16,\"density\":1.0,\"batch\":4,\"connections\":256"), lines[1]);
        assertTrue(lines[4].matches("\\{\"bench\":\"grid-summary\",\"points\":4,\"within_10_percent\":[0-4],.*"), lines[4]);
    }

    @Test
    void loopsReportsTheCostPerConnectionForEachMatrixSize() {
        String out = run(0, "loops", "--rows", "16,64", "--batch", "64", "--connections", "256", "--json")[0];
        String[] lines = out.strip().split("\n");
        assertEquals(2, lines.length, "one line per --rows: " + out);
        for (int k = 0; k < 2; k++) {
            var m = Pattern.compile("\\{\"bench\":\"loops\",\"rows\":(\\d+),\"batch\":64,\"matrix_kib\":(\\d+),"
                    + "\"sum_ns_per_connection\":([0-9.]+),\"dot_ns_per_connection\":([0-9.]+),\"sum_gflops\":([0-9.]+),\"dot_gflops\":([0-9.]+),"
                    + "\"loops\":\"(plain|vector \\(\\d+-bit\\))\".*").matcher(lines[k]);
            assertTrue(m.matches(), lines[k]);
            int rows = Integer.parseInt(m.group(1));
            assertEquals(k == 0 ? 16 : 64, rows);
            assertEquals(4 * rows * 64 / 1024, Integer.parseInt(m.group(2)), "4 bytes per float: " + lines[k]);
            double sumNs = Double.parseDouble(m.group(3));
            double dotNs = Double.parseDouble(m.group(4));
            assertTrue(sumNs > 0 && dotNs > 0, lines[k]);
            // 2 flops per sample: 128 flops per connection in ns -> GFLOP/s, to the 3 decimals the line keeps
            assertEquals(128 / sumNs, Double.parseDouble(m.group(5)), 0.01 * 128 / sumNs + 1e-3, lines[k]);
            assertEquals(128 / dotNs, Double.parseDouble(m.group(6)), 0.01 * 128 / dotNs + 1e-3, lines[k]);
        }
        assertTrue(run(2, "loops", "--rows", "0")[1].contains("--rows"));
    }

    @Test
    void netTimesAnEpochOfAGraphOnItsDataset() {
        String out = run(0, "net", "sample-graphs/xor.graph.json", "--epochs", "1", "--kernel", "csr", "--json")[0];
        assertTrue(out.matches("(?s)\\{\"bench\":\"net\",\"graph\":\"xor.graph.json\",\"dataset\":\"xor\",\"batch\":16,.*"
                + "\"s_per_epoch\":[0-9.]+,.*\"kernel\":\"csr,csr\".*"), out);
    }

    @Test
    void gemmReportsGflops() {
        String out = run(0, "gemm", "--m", "8", "--k", "16", "--n", "8", "--steps", "2", "--json")[0];
        assertTrue(out.matches("(?s)\\{\"bench\":\"gemm\",.*\"gflops\":[0-9.]+.*\\}\\s*"), out);
    }

    @Test
    void humanOutputNamesKernelAndCore() {
        String out = run(0, "layer", "--batch", "4", "--in", "16", "--out", "8", "--steps", "2", "--kernel", "small")[0];
        assertTrue(out.contains("ms per step") && out.contains("kernel small") && out.contains("OpenBLAS core"), out);
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertTrue(run(2, "layer", "--kernel", "gpu")[1].contains("unknown kernel 'gpu'"));
        assertTrue(run(2, "layer", "--density", "0")[1].contains("--density must be in (0,1]"));
        assertTrue(run(2, "mlp", "--layers", "64")[1].contains("at least two sizes"));
    }

    @Test
    void isASubcommandOfTheRoot() {
        CliRunner r = CliRunner.run("bench", "layer", "--batch", "2", "--in", "4", "--out", "3", "--steps", "1", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("{\"bench\":\"layer\""), r.out());
    }

    @Test
    void jsonLinesHaveNoNanAndEscapeStrings() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("bench", "a \"quoted\"\nname");
        fields.put("ms_per_step", Double.NaN);
        fields.put("steps", 3);
        String line = BenchCommand.toJson(fields);
        assertEquals("{\"bench\":\"a \\\"quoted\\\"\\nname\",\"ms_per_step\":null,\"steps\":3}", line);
    }
}
