package io.maskstudio.ui.training;

import io.maskstudio.render.LineChart;
import io.maskstudio.runs.RunFolder;
import io.maskstudio.runs.RunLayout;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The curves mark each mask update of a run folder's events.csv (written here by hand) as a teal tick on the plot's
 * bottom edge at its step's place in epochs, apart from a prune's full-height line; the legend names the ticks and
 * pointing at one shows what it changed.
 */
@ExtendWith(ApplicationExtension.class)
class MaskUpdateMarksTest {
    private CurvesPanel panel;

    @Start
    void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory("mask-update-run");
        StringBuilder m = new StringBuilder(RunLayout.METRICS_HEADER).append('\n');
        StringBuilder s = new StringBuilder(RunLayout.STEPS_HEADER).append('\n');
        for (int e = 1; e <= 6; e++) {
            m.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.3f%n", e, 2.0 / (e + 0.3), 0.5 + 0.07 * e, 2.2 / (e + 0.1), 0.45 + 0.06 * e, 1.5));
            for (int k = 1; k <= 4; k++) s.append(e).append(',').append((e - 1) * 4 + k).append(',').append(2.5 / (e + k * 0.25)).append(",0.5\n");
        }
        Files.writeString(dir.resolve(RunLayout.METRICS_CSV), m);
        Files.writeString(dir.resolve(RunLayout.STEPS_CSV), s);
        // Four steps an epoch: step 10 is half-way through epoch 3 (2.5 on the epoch axis), step 18 half-way through epoch 5.
        Files.writeString(dir.resolve(RunLayout.EVENTS_CSV), RunLayout.EVENTS_HEADER + "\n3,10,mask-update,rigl: replaced 5 of 40 connections in 1 pairs\n"
                + "4,0,prune,pair 0: the 12 weakest removed\n5,18,mask-update,rigl: replaced 4 of 40 connections in 1 pairs\n");
        panel = new CurvesPanel();
        panel.show(List.of(RunFolder.open(dir).curves()));
        stage.setScene(new Scene(panel, 1000, 560));
        stage.show();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    /** The canvas pixel's colour as 0xRRGGBB. */
    private static int rgb(PixelReader r, double x, double y) {
        return r.getArgb((int) Math.floor(x), (int) Math.floor(y)) & 0xFFFFFF;
    }

    private static boolean near(int rgb, int expected) {
        for (int shift : new int[] {16, 8, 0}) {
            if (Math.abs((rgb >> shift & 0xFF) - (expected >> shift & 0xFF)) > 40) return false;
        }
        return true;
    }

    @Test
    void eachMaskUpdateIsATickOnTheChartNamedByTheLegendAndOnHover(FxRobot robot) throws Exception {
        CurveChart loss = panel.lossChart();
        List<Double> xs = fx(() -> loss.chart().markers().stream().filter(k -> k.label().equals("mask-update")).map(LineChart.Marker::x).toList());
        assertEquals(List.of(2.5, 4.5), xs, "one mark per mask update, where its step lies in epochs");
        assertEquals(2, fx(loss::drawnUpdateTicks), "both drawn");
        assertTrue(fx(() -> panel.updateLegend().isVisible()), "the legend names the ticks");

        Canvas canvas = (Canvas) loss.lookup("#lossChartCanvas");
        LineChart.Layout l = fx(loss::plotLayout);
        PixelReader pixels = fx(() -> {
            WritableImage img = canvas.snapshot(new SnapshotParameters(), null);
            return img.getPixelReader();
        });
        double bottom = l.top() + l.height();
        for (double x : xs) {
            double px = Math.round(l.px(x)) + 0.5;
            int tick = rgb(pixels, px, bottom - 4);
            assertTrue(near(tick, MaskUpdateTicks.COLOR), "a teal tick at x " + x + ": " + Integer.toHexString(tick));
            assertFalse(near(rgb(pixels, px, l.top() + l.height() / 2), MaskUpdateTicks.COLOR), "a tick, not a line through the plot");
        }
        assertFalse(near(rgb(pixels, Math.round(l.px(4)) + 0.5, bottom - 4), MaskUpdateTicks.COLOR), "the prune is not drawn as an update");
        assertTrue(near(rgb(pixels, Math.round(l.px(4)), l.top() + 3), 0xC0392B) || near(rgb(pixels, Math.round(l.px(4)) + 1, l.top() + 3), 0xC0392B),
                "the prune keeps its red flag");

        Point2D tick = fx(() -> canvas.localToScreen(l.px(2.5), bottom - 4));
        robot.moveTo(tick);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(() -> loss.markerDetail().isVisible()), "pointing at the tick names it");
        String detail = fx(() -> loss.markerDetail().getText());
        assertEquals("mask-update (epoch 3, step 10): rigl: replaced 5 of 40 connections in 1 pairs", detail);
    }
}
