package io.maskstudio.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A failing command: one line for the user, the stack trace in the log file, and on stderr with --verbose. */
class ErrorReportingTest {
    static final Path XOR = TrainCommandTest.XOR;

    /** A CSV whose third line has a word where a number belongs; the name is unique so the log entry is ours. */
    private static Path brokenCsv(Path dir) throws Exception {
        Path csv = dir.resolve("broken-" + UUID.randomUUID() + ".csv");
        Files.writeString(csv, "a,b,label\n0,1,0\n1,oops,1\n");
        return csv;
    }

    private static String logAfter(String marker) throws Exception {
        Path log = VerboseLog.logFile();
        assertNotNull(log, "a log file is configured");
        String text = Files.readString(log);
        int at = text.indexOf(marker);
        assertTrue(at >= 0, marker + " logged in " + log);
        return text.substring(at);
    }

    @Test
    void theLogFileLivesUnderTheAppHomeTheBuildSets() {
        // surefire sets maskstudio.home to target/test-home; UI tests move the property to temporary folders, so
        // the file is in one of those, depending on which test started logging first, and never in the real home
        Path log = VerboseLog.logFile();
        assertNotNull(log, "a log file is configured");
        Path absolute = log.toAbsolutePath().normalize();
        assertEquals(Path.of("logs", "maskstudio.log"), absolute.subpath(absolute.getNameCount() - 2, absolute.getNameCount()));
        assertTrue(absolute.startsWith(Path.of("target").toAbsolutePath())
                || absolute.startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath()), absolute + " is under target/ or a temporary folder");
        assertFalse(absolute.startsWith(Path.of(System.getProperty("user.home"), ".maskstudio")), "never the real home: " + absolute);
    }

    @Test
    void aFailingCommandPrintsOneLineAndLogsTheStackTrace(@TempDir Path tmp) throws Exception {
        Path csv = brokenCsv(tmp);
        CliRunner r = CliRunner.run("train", XOR.toString(), "--dataset", csv.toString(), "--out", tmp.resolve("run").toString());
        assertEquals(1, r.exitCode());
        assertEquals("error: " + csv + ": line 3, column 'b': expected a number, found 'oops'", r.err().strip());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace for the user: " + r.err());

        String logged = logAfter(csv.getFileName().toString());
        assertTrue(logged.contains("\tat io.maskstudio.cli.TrainCommand"), logged);
        assertTrue(logged.contains("Caused by: io.maskstudio.data.DataException"), logged);
        assertTrue(logged.contains("\tat io.maskstudio.data.CsvDatasetReader"), logged);
    }

    @Test
    void verboseAnywhereOnTheLinePrintsTheTraceToStderr(@TempDir Path tmp) throws Exception {
        for (boolean before : new boolean[] {true, false}) {
            Path csv = brokenCsv(tmp);
            String[] args = before
                    ? new String[] {"--verbose", "train", XOR.toString(), "--dataset", csv.toString()}
                    : new String[] {"train", XOR.toString(), "--dataset", csv.toString(), "--verbose"};
            CliRunner r = CliRunner.run(args);
            assertEquals(1, r.exitCode(), r.err());
            assertTrue(r.err().startsWith("error: " + csv + ": line 3"), r.err());
            assertTrue(r.err().contains("\tat io.maskstudio.data.CsvDatasetReader"), r.err());
            assertTrue(logAfter(csv.getFileName().toString()).contains("\tat io.maskstudio.data.CsvDatasetReader"));
        }
    }

    @Test
    void verboseAlsoShowsWhatWasLoggedWhileTheCommandRan(@TempDir Path tmp) {
        String[] diverging = {"train", XOR.toString(), "--optimizer", "sgd", "--lr", "1e38", "--epochs", "5",
                "--out", tmp.resolve("d").toString(), "--no-progress"};
        CliRunner quiet = CliRunner.run(diverging);
        assertEquals(3, quiet.exitCode(), quiet.err());
        assertFalse(quiet.err().contains("TrainingRun"), quiet.err());
        assertFalse(quiet.err().contains("\tat "), quiet.err());

        String[] verbose = Arrays.copyOf(diverging, diverging.length + 1);
        verbose[diverging.length] = "--verbose";
        CliRunner loud = CliRunner.run(verbose);
        assertEquals(3, loud.exitCode(), loud.err());
        assertTrue(loud.err().contains("WARN  i.m.cli.TrainingRun - training diverged"), loud.err());
        assertTrue(loud.err().contains("io.maskstudio.engine.DivergedException"), loud.err());
        assertTrue(loud.err().contains("\tat io.maskstudio.engine."), loud.err());
    }

    @Test
    void verboseWorksForEveryCommand(@TempDir Path tmp) {
        Path missing = tmp.resolve("missing.graph.json");
        for (String command : new String[] {"inspect", "render"}) {
            CliRunner r = command.equals("render")
                    ? CliRunner.run(command, missing.toString(), "--out", tmp.resolve("x.png").toString(), "--verbose")
                    : CliRunner.run(command, missing.toString(), "--verbose");
            assertEquals(1, r.exitCode(), command + ": " + r.err());
            assertTrue(r.err().startsWith("error: " + missing + ": no such file"), command + ": " + r.err());
            assertTrue(r.err().contains("\tat io.maskstudio.cli."), command + ": " + r.err());
        }
    }
}
