package io.maskstudio.runs;

import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.io.GraphFile;
import io.maskstudio.io.RunManifest;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.PruneSchedule;
import io.maskstudio.render.ChartImages;
import io.maskstudio.render.LineChart;
import io.maskstudio.runs.RunCurves.Metric;
import io.maskstudio.runs.RunCurves.Options;
import io.maskstudio.runs.RunCurves.XAxis;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The curves' numbers against values worked out by hand from the rows (not from the code's own mappings). */
class RunCurvesTest {
    /**
     * Two epochs of four batches: epoch 1 took 2 s, epoch 2 took 3 s; a ninth batch of epoch 3 is training now.
     * A mask edit after two batches of epoch 2 (completed epochs 1, step 6); the user stopped at the end of epoch 2.
     */
    private static CurveSource run(String name, NetworkDesign design, double offset) {
        List<EpochMetrics> metrics = List.of(new EpochMetrics(1, 1.0 + offset, 0.5, 1.2 + offset, 0.4, 2.0),
                new EpochMetrics(2, 0.6 + offset, 0.7, 0.8 + offset, 0.6, 3.0));
        List<CurveSource.Step> steps = new ArrayList<>();
        for (int s = 1; s <= 9; s++) steps.add(new CurveSource.Step(s <= 4 ? 1 : s <= 8 ? 2 : 3, s, 2.0 - s * 0.1 + offset, 0.1 * s));
        List<CurveSource.Event> events = List.of(new CurveSource.Event(1, 6, "mask-edit", "pair 0: 10 connections"),
                new CurveSource.Event(2, 0, "stopped", "stopped by the user"));
        List<LayerStats> layers = List.of(new LayerStats(1, 0, 10, 0.5, 3.0, 0.3, Double.NaN), new LayerStats(1, 1, 4, 1.0, 2.0, 0.2, Double.NaN),
                new LayerStats(2, 0, 10, 0.5, 3.5, 0.25, 0.1), new LayerStats(2, 1, 4, 1.0, 2.5, 0.15, 0.2));
        return new CurveSource(name, design, null, metrics, steps, events, layers);
    }

    private static LineChart.Series only(LineChart c) {
        assertEquals(1, c.series().size(), "series " + c.series().stream().map(LineChart.Series::name).toList());
        return c.series().get(0);
    }

    @Test
    void timeInterpolatesBatchesWithinTheirEpochFromTheEpochsSeconds() {
        LineChart c = RunCurves.chart(List.of(run("a", null, 0)), Options.of(Metric.TRAIN_LOSS).withX(XAxis.TIME));
        LineChart.Series s = only(c);
        // Epoch 1 ends at 2 s: its 4 batches at 0.5, 1, 1.5, 2; epoch 2 ends at 5 s: 2.75 .. 5; batch 9 continues
        // epoch 2's pace (0.75 s per batch): 5.75.
        assertArrayEquals(new double[] {0.5, 1, 1.5, 2, 2.75, 3.5, 4.25, 5, 5.75}, s.x(), 1e-12);
        assertArrayEquals(new double[] {1.9, 1.8, 1.7, 1.6, 1.5, 1.4, 1.3, 1.2, 1.1}, s.y(), 1e-12);
        assertEquals("seconds", c.xLabel());

        LineChart v = RunCurves.chart(List.of(run("a", null, 0)), Options.of(Metric.VAL_LOSS).withX(XAxis.TIME));
        assertArrayEquals(new double[] {2, 5}, only(v).x(), 1e-12, "an epoch's value at its end");
        LineChart st = RunCurves.chart(List.of(run("a", null, 0)), Options.of(Metric.VAL_LOSS).withX(XAxis.STEP));
        assertArrayEquals(new double[] {4, 8}, only(st).x(), 1e-12, "epoch 1 ends at step 4, epoch 2 at step 8");
        assertArrayEquals(new double[] {1.2, 0.8}, only(st).y(), 1e-12);
        LineChart ep = RunCurves.chart(List.of(run("a", null, 0)), Options.of(Metric.TRAIN_ACCURACY).withPercent(true));
        assertArrayEquals(new double[] {1, 2}, only(ep).x(), 1e-12);
        assertArrayEquals(new double[] {50, 70}, only(ep).y(), 1e-12, "accuracy in %");
    }

    @Test
    void perLayerMetricsGiveOneSeriesPerRunAndPair() {
        LineChart one = RunCurves.chart(List.of(run("a", null, 0)), Options.of(Metric.WEIGHT_NORM));
        assertEquals(2, one.series().size());
        assertEquals("weight norm, pair 0", one.series().get(0).name());
        assertArrayEquals(new double[] {3.0, 3.5}, one.series().get(0).y(), 1e-12);
        assertArrayEquals(new double[] {2.0, 2.5}, one.series().get(1).y(), 1e-12);
        LineChart ratio = RunCurves.chart(List.of(run("a", null, 0)), Options.of(Metric.UPDATE_RATIO).withX(XAxis.STEP));
        assertArrayEquals(new double[] {4, 8}, ratio.series().get(1).x(), 1e-12);
        assertTrue(Double.isNaN(ratio.series().get(1).y()[0]), "no ratio for the first epoch: a gap");
        assertEquals(0.2, ratio.series().get(1).y()[1], 1e-12);

        LineChart two = RunCurves.chart(List.of(run("a", null, 0), run("b", null, 0)), Options.of(Metric.GRAD_NORM));
        assertEquals(List.of("a · gradient norm, pair 0", "a · gradient norm, pair 1", "b · gradient norm, pair 0", "b · gradient norm, pair 1"),
                two.series().stream().map(LineChart.Series::name).toList());
        assertEquals(two.series().get(0).color(), two.series().get(1).color(), "one colour per run");
        assertTrue(two.series().get(0).color() != two.series().get(2).color());
        assertArrayEquals(new double[] {0.25, 0.15}, new double[] {two.series().get(2).y()[1], two.series().get(3).y()[1]}, 1e-12);
    }

    @Test
    void eventsBecomeMarkersAtTheirPlaceOnEachAxis() throws Exception {
        CurveSource r = run("a", null, 0);
        // The edit after 2 of epoch 2's 4 batches: epoch 1.5, step 6, 2 s + 2/4 of 3 s.
        double[][] expected = {{1.5, 2}, {6, 8}, {3.5, 5}};
        XAxis[] axes = {XAxis.EPOCH, XAxis.STEP, XAxis.TIME};
        for (int k = 0; k < 3; k++) {
            List<LineChart.Marker> m = RunCurves.chart(List.of(r), Options.of(Metric.VAL_LOSS).withX(axes[k])).markers();
            assertEquals(2, m.size());
            assertEquals(expected[k][0], m.get(0).x(), 1e-12, axes[k] + " edit");
            assertEquals(expected[k][1], m.get(1).x(), 1e-12, axes[k] + " stop");
            assertEquals("mask-edit", m.get(0).label());
            assertTrue(m.get(0).detail().contains("pair 0: 10 connections"), m.get(0).detail());
        }
        // Drawn in the SVG: a marker group per event, with the detail as its title (what a browser shows on hover).
        String svg = ChartImages.svg(RunCurves.chart(List.of(r), Options.of(Metric.VAL_LOSS)), 600, 400);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        NodeList groups = doc.getElementsByTagName("g");
        List<String> kinds = new ArrayList<>(), titles = new ArrayList<>();
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (!g.getAttribute("class").equals("marker")) continue;
            kinds.add(g.getAttribute("data-kind"));
            titles.add(g.getElementsByTagName("title").item(0).getTextContent());
        }
        assertEquals(List.of("mask-edit", "stopped"), kinds);
        assertTrue(titles.get(0).contains("pair 0: 10 connections"), titles.toString());
    }

    @Test
    void seedGroupsAreMeanAndMinMaxOfTheSmoothedCurves() throws Exception {
        NetworkDesign xor = GraphFile.read(Path.of("sample-graphs/xor.graph.json"));
        NetworkDesign digits = GraphFile.read(Path.of("sample-graphs/digits-local.graph.json"));
        List<CurveSource> runs = List.of(run("s1", xor, 0), run("s2", xor.copy(), 0.2), run("other", digits, 0));
        LineChart c = RunCurves.chart(runs, Options.of(Metric.VAL_LOSS).withGroupSeeds(true).withSmoothing(0.5));
        assertEquals(2, c.series().size());
        LineChart.Series mean = c.series().get(0);
        assertEquals("s1 (mean of 2 seeds, min-max band)", mean.name());
        // EMA with weight 0.5, debiased: [y1, (0.25 y1 + 0.5 y2) / 0.75]. s1: 1.2, 0.8 -> 1.2, 0.93333; s2: 1.4, 1.0 -> 1.4, 1.13333.
        double s1b = (0.25 * 1.2 + 0.5 * 0.8) / 0.75, s2b = (0.25 * 1.4 + 0.5 * 1.0) / 0.75;
        assertArrayEquals(new double[] {1, 2}, mean.x(), 1e-12);
        assertArrayEquals(new double[] {1.3, (s1b + s2b) / 2}, mean.y(), 1e-12);
        assertArrayEquals(new double[] {1.2, s1b}, mean.low(), 1e-12);
        assertArrayEquals(new double[] {1.4, s2b}, mean.high(), 1e-12);
        assertEquals("other", c.series().get(1).name());
        assertEquals(2, RunCurves.chart(runs.subList(0, 2), Options.of(Metric.VAL_LOSS)).series().size(), "no grouping unless asked");
        // By step, the groups line up on steps; the batch curves of both seeds have 9 steps.
        LineChart steps = RunCurves.chart(runs.subList(0, 2), Options.of(Metric.TRAIN_LOSS).withX(XAxis.STEP).withGroupSeeds(true));
        assertEquals(9, only(steps).x().length);
        assertEquals(1.9 + 0.1, only(steps).y()[0], 1e-12, "mean of 1.9 and 2.1");
    }

    @Test
    void theDataAsCsvHasOneRowPerXAndAColumnPerSeries() {
        LineChart c = RunCurves.chart(List.of(run("a", null, 0)), Options.of(Metric.TRAIN_LOSS, Metric.VAL_LOSS));
        assertEquals("epoch,training loss,validation loss\n1,1,1.2\n2,0.6,0.8\n", c.csv());
    }

    @Test
    void theCurrentRunWithoutRunJsonGroupsWithSavedRunsThatDifferOnlyInSeed() throws Exception {
        NetworkDesign saved = GraphFile.read(Path.of("sample-graphs/xor.graph.json"));
        NetworkDesign current = saved.copy();
        current.setSettings(current.settings().withSeed(saved.settings().seed() + 1));
        RunManifest manifest = new RunManifest(RunManifest.FORMAT_VERSION, "test", Instant.EPOCH, Instant.EPOCH, RunManifest.FINISHED, saved,
                "static", "", new RunManifest.Dataset("xor", null, null), List.of(), null, null, "");
        CurveSource savedRun = run("saved", saved, 0);
        savedRun = new CurveSource("saved", saved, manifest, savedRun.metrics(), savedRun.steps(), savedRun.events(), savedRun.layers());
        Options grouped = Options.of(Metric.VAL_LOSS).withGroupSeeds(true);
        assertEquals(1, RunCurves.chart(List.of(run("current run", current, 0.2), savedRun), grouped).series().size(),
                "a live run (no manifest) is static like the saved one");

        NetworkDesign pruned = current.copy();
        pruned.setSettings(pruned.settings().withPruneSchedule(PruneSchedule.parse("0.5@2")));
        assertEquals(2, RunCurves.chart(List.of(run("current run", pruned, 0.2), savedRun), grouped).series().size(),
                "a live run with a prune schedule is another method");
    }
}
