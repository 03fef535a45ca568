package io.maskstudio.ui.training;

import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.io.GraphFile;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.render.LineChart;
import io.maskstudio.runs.CurveSource;
import io.maskstudio.runs.RunFolder;
import io.maskstudio.runs.RunLayout;
import io.maskstudio.ui.fx.TaskRunner;
import io.maskstudio.ui.shell.FileDialogs;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The curve charts driven as a user does (clicks, pointer moves, right click), on a run folder written here by
 * hand; what they show is checked against the folder's metrics.csv, parsed here, not by the app's reader.
 */
@ExtendWith(ApplicationExtension.class)
class CurveChartTest {
    private Path dir;
    private CurvesPanel panel;
    private Path saveTo;

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("curves-run");
        StringBuilder m = new StringBuilder(RunLayout.METRICS_HEADER).append('\n');
        StringBuilder s = new StringBuilder(RunLayout.STEPS_HEADER).append('\n');
        for (int e = 1; e <= 6; e++) {
            m.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.3f%n", e, 2.0 / (e + 0.3), 0.5 + 0.07 * e, 2.2 / (e + 0.1), 0.45 + 0.06 * e, 1.5));
            for (int k = 1; k <= 4; k++) s.append(e).append(',').append((e - 1) * 4 + k).append(',').append(2.5 / (e + k * 0.25)).append(",0.5\n");
        }
        Files.writeString(dir.resolve(RunLayout.METRICS_CSV), m);
        Files.writeString(dir.resolve(RunLayout.STEPS_CSV), s);
        Files.writeString(dir.resolve(RunLayout.EVENTS_CSV), RunLayout.EVENTS_HEADER + "\n4,0,prune,pair 0: the 12 weakest removed\n");
        panel = new CurvesPanel();
        panel.setTaskRunner(TaskRunner.sameThread());
        panel.setFileDialogs(new FileDialogs() {
            @Override
            public File showOpen(FileChooser chooser, Window owner) {
                return null;
            }

            @Override
            public File showSave(FileChooser chooser, Window owner) {
                return saveTo.toFile();
            }
        });
        panel.show(List.of(RunFolder.open(dir).curves()));
        stage.setScene(new Scene(panel, 1000, 560));
        stage.show();
    }

    /** metrics.csv's column {@code name}, one value per epoch. */
    private double[] column(String name) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve(RunLayout.METRICS_CSV));
        int c = List.of(lines.get(0).split(",")).indexOf(name);
        double[] v = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) v[i - 1] = Double.parseDouble(lines.get(i).split(",")[c]);
        return v;
    }

    /** TensorBoard's smoothing written out again here: EMA, debiased by 1 - w^n. */
    private static double[] ema(double[] y, double w) {
        double[] out = new double[y.length];
        double last = 0;
        for (int i = 0; i < y.length; i++) {
            last = last * w + (1 - w) * y[i];
            out[i] = last / (1 - Math.pow(w, i + 1));
        }
        return out;
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    /** The screen point of data (x, y) in {@code chart}'s canvas. */
    private Point2D screen(CurveChart chart, double x, double y) throws Exception {
        return fx(() -> {
            LineChart.Layout l = chart.plotLayout();
            Canvas canvas = (Canvas) chart.lookup("#" + chart.getId() + "Canvas");
            return canvas.localToScreen(l.px(x), l.py(y));
        });
    }

    @Test
    void theMetricSmoothingLogYAndXAxisChangeByClicking(FxRobot robot) throws Exception {
        CurveChart loss = panel.lossChart();
        assertEquals(List.of("training loss", "validation loss"), fx(() -> loss.chart().series().stream().map(LineChart.Series::name).toList()));
        robot.clickOn("#lossChartMetric");
        robot.clickOn("Validation loss");
        WaitForAsyncUtils.waitForFxEvents();
        LineChart.Series val = fx(() -> loss.chart().series().get(0));
        assertEquals(1, fx(() -> loss.chart().series().size()));
        assertArrayEquals(column("val_loss"), val.y(), 1e-12, "metrics.csv's val_loss");

        // Half way along the slider: a weight near 0.5, and the label says which.
        robot.clickOn("#curveSmoothing");
        WaitForAsyncUtils.waitForFxEvents();
        String shown = fx(() -> ((Label) robot.lookup("#curveSmoothingValue").query()).getText());
        double w = Double.parseDouble(shown);
        assertTrue(w > 0.3 && w < 0.7, shown);
        assertArrayEquals(ema(column("val_loss"), w), fx(() -> loss.chart().series().get(0).y()), 1e-12, "smoothed with " + shown);

        assertTrue(!fx(() -> loss.plotLayout().logY()));
        robot.clickOn("#curveLogY");
        WaitForAsyncUtils.waitForFxEvents();
        LineChart.Layout log = fx(loss::plotLayout);
        assertTrue(log.logY());
        assertEquals(0, Math.log10(log.yMin()) % 1, 1e-9, "a log axis from a power of ten: " + log.yMin());

        robot.clickOn("#curveXAxis");
        robot.clickOn("Step");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("step", fx(() -> loss.chart().xLabel()));
        // Validation is per epoch: at each epoch's last step (4 batches an epoch).
        assertArrayEquals(new double[] {4, 8, 12, 16, 20, 24}, fx(() -> loss.chart().series().get(0).x()), 1e-12);
    }

    @Test
    void thePointerShowsEverySeriesValueAtTheNearestEpochAndAMarkersDetail(FxRobot robot) throws Exception {
        CurveChart loss = panel.lossChart();
        double[] train = column("train_loss"), val = column("val_loss");
        // A little off epoch 3: the nearest one is shown.
        robot.moveTo(screen(loss, 3.1, val[2]));
        WaitForAsyncUtils.waitForFxEvents();
        Label readout = loss.readout();
        assertTrue(fx(readout::isVisible), "the readout appears");
        String text = fx(readout::getText);
        assertTrue(text.startsWith("epoch 3\n"), text);
        assertEquals(train[2], value(text, "training loss"), 5e-5 * train[2], text);
        assertEquals(val[2], value(text, "validation loss"), 5e-5 * val[2], text);
        assertTrue(!fx(() -> loss.markerDetail().isVisible()), "no marker near epoch 3");

        robot.moveTo(screen(loss, 4, val[1]));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(() -> loss.markerDetail().isVisible()));
        assertTrue(fx(() -> loss.markerDetail().getText()).contains("prune") && fx(() -> loss.markerDetail().getText()).contains("the 12 weakest removed"),
                fx(() -> loss.markerDetail().getText()));
        // The detail is on screen inside the plot.
        assertTrue(fx(() -> loss.markerDetail().localToScreen(loss.markerDetail().getBoundsInLocal()).getMinX())
                >= fx(() -> loss.lookup("#lossChartCanvas").localToScreen(loss.lookup("#lossChartCanvas").getBoundsInLocal()).getMinX()));
    }

    private static double value(String readout, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + ": (\\S+)$").matcher(readout);
        assertTrue(m.find(), series + " in " + readout);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void twoRunsAreOverlaidInTheirColoursAndGroupBySeedDrawsTheirMeanAndBand(FxRobot robot) throws Exception {
        NetworkDesign xor = GraphFile.read(Path.of("sample-graphs/xor.graph.json"));
        CurveSource a = RunFolder.open(dir).curves();
        List<EpochMetrics> shifted = new ArrayList<>();
        for (EpochMetrics m : a.metrics()) {
            shifted.add(new EpochMetrics(m.epoch(), m.trainLoss() + 0.2, m.trainAccuracy(), m.valLoss() + 0.4, m.valAccuracy(), m.seconds()));
        }
        CurveSource seed1 = new CurveSource("seed1", xor, null, a.metrics(), a.steps(), a.events(), a.layers());
        CurveSource seed2 = new CurveSource("seed2", xor.copy(), null, shifted, a.steps(), List.of(), a.layers());
        fx(() -> {
            panel.show(List.of(seed1, seed2));
            return null;
        });
        CurveChart loss = panel.lossChart();
        List<LineChart.Series> overlaid = fx(() -> loss.chart().series());
        assertEquals(List.of("seed1 · training loss", "seed1 · validation loss", "seed2 · training loss", "seed2 · validation loss"),
                overlaid.stream().map(LineChart.Series::name).toList());
        assertEquals(overlaid.get(0).color(), overlaid.get(1).color(), "one colour per run");
        assertTrue(overlaid.get(0).color() != overlaid.get(2).color());
        assertTrue(overlaid.get(1).dashed() && !overlaid.get(0).dashed(), "validation dashed, training solid");

        robot.clickOn("#curveGroupSeeds");
        WaitForAsyncUtils.waitForFxEvents();
        List<LineChart.Series> grouped = fx(() -> loss.chart().series());
        assertEquals(2, grouped.size());
        assertTrue(grouped.get(1).name().contains("mean of 2 seeds"), grouped.get(1).name());
        double[] val = column("val_loss");
        for (int e = 0; e < val.length; e++) {
            assertEquals(val[e] + 0.2, grouped.get(1).y()[e], 1e-12, "mean of v and v + 0.4");
            assertEquals(val[e], grouped.get(1).low()[e], 1e-12);
            assertEquals(val[e] + 0.4, grouped.get(1).high()[e], 1e-12);
        }
    }

    @Test
    void rightClickExportsThePngTheSvgAndTheCsv(FxRobot robot) throws Exception {
        Path out = Files.createTempDirectory("curves-export");
        saveTo = out.resolve("loss.png");
        robot.rightClickOn("#lossChartCanvas");
        robot.clickOn("Export PNG…");
        WaitForAsyncUtils.waitForFxEvents();
        BufferedImage img = ImageIO.read(saveTo.toFile());
        Canvas canvas = (Canvas) robot.lookup("#lossChartCanvas").query();
        assertEquals((int) Math.floor(fx(canvas::getWidth)), img.getWidth());
        assertEquals((int) Math.floor(fx(canvas::getHeight)), img.getHeight());
        assertTrue(fx(() -> panel.message().getText()).contains("loss.png"));

        saveTo = out.resolve("loss.svg");
        robot.rightClickOn("#lossChartCanvas");
        robot.clickOn("Export SVG…");
        WaitForAsyncUtils.waitForFxEvents();
        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(saveTo.toFile());
        NodeList lines = svg.getElementsByTagName("polyline");
        int series = 0;
        for (int i = 0; i < lines.getLength(); i++) if (((Element) lines.item(i)).getAttribute("class").equals("series")) series++;
        assertEquals(2, series, "training and validation loss");
        List<String> texts = new ArrayList<>();
        NodeList t = svg.getElementsByTagName("text");
        for (int i = 0; i < t.getLength(); i++) texts.add(t.item(i).getTextContent());
        assertTrue(texts.contains("training loss") && texts.contains("validation loss"), texts.toString());

        saveTo = out.resolve("loss-data");
        robot.rightClickOn("#accuracyChartCanvas");
        robot.clickOn("Export CSV…");
        WaitForAsyncUtils.waitForFxEvents();
        List<String> csv = Files.readAllLines(out.resolve("loss-data.csv"));
        assertEquals("epoch,training accuracy,validation accuracy", csv.get(0));
        double[] train = column("train_accuracy"), val = column("val_accuracy");
        assertEquals(7, csv.size());
        for (int e = 1; e <= 6; e++) {
            String[] f = csv.get(e).split(",");
            assertEquals(e, Integer.parseInt(f[0]));
            assertEquals(100 * train[e - 1], Double.parseDouble(f[1]), 1e-9, "epoch " + e + ", in %");
            assertEquals(100 * val[e - 1], Double.parseDouble(f[2]), 1e-9);
        }
    }
}
