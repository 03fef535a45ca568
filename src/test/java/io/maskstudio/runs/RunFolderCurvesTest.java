package io.maskstudio.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** steps.csv, events.csv and every row of layers.csv read back, from files written here by hand. */
class RunFolderCurvesTest {

    private static void write(Path dir, String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text);
    }

    private static void metrics(Path dir) throws Exception {
        write(dir, RunLayout.METRICS_CSV, RunLayout.METRICS_HEADER + "\n1,1.0,0.5,1.2,0.4,2.0\n2,0.6,0.7,0.8,0.6,3.0\n");
    }

    @Test
    void stepsEventsAndAllLayerRowsAreRead(@TempDir Path dir) throws Exception {
        metrics(dir);
        write(dir, RunLayout.STEPS_CSV, RunLayout.STEPS_HEADER + "\n1,1,2.5,0.25\n1,2,2.25,\n2,3,2.0,0.5\n");
        write(dir, RunLayout.EVENTS_CSV, RunLayout.EVENTS_HEADER + "\n1,3,mask-edit,pair 0: 9 connections\n"
                + "1,3,settings,\"sgd, lr 0.1, said \"\"fast\"\"\"\n2,0,stopped,stopped by the user\n");
        write(dir, RunLayout.LAYERS_CSV, RunLayout.LAYERS_HEADER + "\n1,0,9,0.5,3,0.3,\n1,1,4,1,2,0.2,\n2,0,8,0.444,3.5,0.25,0.1\n2,1,4,1,2.5,0.15,0.2\n");
        RunFolder r = RunFolder.open(dir);
        assertTrue(r.problems().stream().noneMatch(p -> p.contains(".csv")), r.problems().toString());
        assertEquals(List.of(new CurveSource.Step(1, 1, 2.5, 0.25), new CurveSource.Step(1, 2, 2.25, Double.NaN), new CurveSource.Step(2, 3, 2.0, 0.5)),
                r.steps());
        assertEquals(List.of(new CurveSource.Event(1, 3, "mask-edit", "pair 0: 9 connections"),
                new CurveSource.Event(1, 3, "settings", "sgd, lr 0.1, said \"fast\""),
                new CurveSource.Event(2, 0, "stopped", "stopped by the user")), r.events());
        assertEquals(4, r.layerHistory().size());
        assertEquals(new LayerStats(1, 1, 4, 1, 2, 0.2, Double.NaN), r.layerHistory().get(1));
        assertEquals(List.of(2, 2), r.layerRows().stream().map(LayerStats::epoch).toList(), "the last epoch's rows");
        CurveSource c = r.curves();
        assertEquals(dir.getFileName().toString(), c.name());
        assertEquals(r.steps(), c.steps());
        assertEquals(r.layerHistory(), c.layers());
        assertEquals(2, c.metrics().size());
    }

    @Test
    void aTornLastLineIsDroppedSilently(@TempDir Path dir) throws Exception {
        metrics(dir);
        write(dir, RunLayout.STEPS_CSV, RunLayout.STEPS_HEADER + "\n1,1,2.5,0.25\n1,2,2.2");
        write(dir, RunLayout.EVENTS_CSV, RunLayout.EVENTS_HEADER + "\n1,3,mask-edit,pair 0\n1,4,pro");
        write(dir, RunLayout.LAYERS_CSV, RunLayout.LAYERS_HEADER + "\n1,0,9,0.5,3,0.3,\n2,0,8,0.4");
        RunFolder r = RunFolder.open(dir);
        assertEquals(1, r.steps().size());
        assertEquals(1, r.events().size());
        assertEquals(1, r.layerHistory().size());
        assertTrue(r.problems().stream().noneMatch(p -> p.contains(".csv")), "a kill mid-write is no problem: " + r.problems());
    }

    @Test
    void aBadLineStopsReadingWithAProblemNamingFileAndLine(@TempDir Path dir) throws Exception {
        metrics(dir);
        write(dir, RunLayout.STEPS_CSV, RunLayout.STEPS_HEADER + "\n1,1,2.5,0.25\n1,x,2.2,0.3\n1,3,2.0,0.5\n");
        write(dir, RunLayout.EVENTS_CSV, RunLayout.EVENTS_HEADER + "\n1,3,mask-edit,ok\n1,4,grow,\"unclosed\n");
        write(dir, RunLayout.LAYERS_CSV, RunLayout.LAYERS_HEADER + "\n1,0,9,0.5,3,0.3,\n1,1,4,1,2\n");
        RunFolder r = RunFolder.open(dir);
        assertEquals(1, r.steps().size(), "rows before the bad line");
        assertEquals(1, r.events().size());
        assertEquals(1, r.layerHistory().size());
        String steps = problem(r, RunLayout.STEPS_CSV), events = problem(r, RunLayout.EVENTS_CSV), layers = problem(r, RunLayout.LAYERS_CSV);
        assertTrue(steps.contains(dir.resolve(RunLayout.STEPS_CSV) + ": line 3") && steps.contains("'1,x,2.2,0.3'"), steps);
        assertTrue(events.contains(": line 3") && events.contains("unclosed"), events);
        assertTrue(layers.contains(": line 3") && layers.contains("expected " + RunLayout.LAYERS_HEADER), layers);
    }

    @Test
    void aWrongHeaderOrAMissingFileIsAProblemAndTheRestOpens(@TempDir Path dir) throws Exception {
        metrics(dir);
        write(dir, RunLayout.RUN_JSON, "{");
        write(dir, RunLayout.STEPS_CSV, "step,loss\n1,2\n");
        RunFolder r = RunFolder.open(dir);
        assertTrue(problem(r, RunLayout.STEPS_CSV).contains("line 1: expected the header " + RunLayout.STEPS_HEADER), r.problems().toString());
        assertTrue(problem(r, RunLayout.EVENTS_CSV).endsWith("missing"), r.problems().toString());
        assertEquals(2, r.metrics().size());
        assertTrue(r.steps().isEmpty());
    }

    @Test
    void aFolderFromAnOlderTrainOutHasNoStepsOrEventsAndNoProblemForThem(@TempDir Path dir) throws Exception {
        metrics(dir);
        RunFolder r = RunFolder.open(dir);
        assertTrue(r.problems().stream().noneMatch(p -> p.contains(RunLayout.STEPS_CSV) || p.contains(RunLayout.EVENTS_CSV)), r.problems().toString());
        assertEquals(2, r.curves().metrics().size());
    }

    private static String problem(RunFolder r, String file) {
        return r.problems().stream().filter(p -> p.contains(file)).findFirst().orElse("no problem about " + file + " in " + r.problems());
    }
}
