package io.maskstudio.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --jobs}: cells trained by child JVMs ({@code sweep --cell K DIR}) give the rows the same sweep gives in one JVM. */
class SweepJobsTest {

    static CliRunner sweep(Path out, String jobs) {
        return CliRunner.run("sweep", SweepCommandTest.DIGITS, "--methods", "static", "--densities", "0.1", "--seeds", "2", "--epochs", "1",
                "--jobs", jobs, "--out", out.toString());
    }

    /** results.csv without the seconds column, which differs between any two runs. */
    static List<String> rowsWithoutSeconds(Path out) throws Exception {
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("results.csv"))) rows.add(line.substring(0, line.lastIndexOf(',')));
        return rows;
    }

    @Test
    void childJvmsTrainTheSameCellsAsThisOne(@TempDir Path tmp) throws Exception {
        Path parallel = tmp.resolve("j2"), serial = tmp.resolve("j1");
        CliRunner r = sweep(parallel, "2");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("2 cells, 2 at once"), r.err());
        for (String cell : List.of("static-d0.1-s1", "static-d0.1-s2")) {
            String log = Files.readString(parallel.resolve("logs").resolve(cell + ".log"));
            assertTrue(log.contains("-> " + parallel.resolve("cells").resolve(cell)), "trained by a child: " + log);
        }
        assertEquals(0, sweep(serial, "1").exitCode());
        List<String> expected = rowsWithoutSeconds(serial);
        assertEquals(3, expected.size());
        assertEquals(expected, rowsWithoutSeconds(parallel));
    }
}
