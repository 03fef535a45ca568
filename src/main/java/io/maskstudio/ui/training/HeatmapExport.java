package io.maskstudio.ui.training;

import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.io.NpyArray;
import io.maskstudio.io.NpyWriter;
import io.maskstudio.io.StateDictKeys;
import io.maskstudio.render.HeatmapImage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One heatmap of a shown snapshot, written to a file: as PNG the map as drawn (full resolution, colour bar,
 * value labels), as NPY the raw float32 values it is drawn from, {@code (out, in)}, cells of absent connections as
 * they are in the snapshot (the picture's grey is a display device, not data). Plain Java: runs on a worker.
 *
 * @param pair  the layer pair (0-based; {@code fc1} for 0)
 * @param title the pair as the chooser names it, "pixels → hidden (36×64)"
 */
record HeatmapExport(HeatmapKind kind, LayerMap map, LayerSnapshot layer, int pair, String title, int epoch) {

    /** {@code fc1-weights-epoch-0007.png}. */
    String fileName(String extension) {
        return String.format(Locale.ROOT, "%s-%s-epoch-%04d.%s", StateDictKeys.layer(pair), slug(kind), epoch, extension);
    }

    void writePng(Path file) throws IOException {
        String when = epoch == 0 ? "before training (epoch 0)" : "epoch " + epoch;
        List<String> heading = List.of(StateDictKeys.layer(pair) + " · " + kind.title() + " · " + title + " · " + when,
                "rows: " + map.rows() + " output neurons · columns: " + map.cols() + " inputs" + note(kind));
        List<HeatmapImage.Tick> ticks = kind == HeatmapKind.MASK
                ? List.of(new HeatmapImage.Tick(1, "connected"), new HeatmapImage.Tick(0, "absent"))
                : HeatmapImage.ticks(map.range());
        HeatmapImage.write(file, map.values(), map.rows(), map.cols(), map.colors(), map.range(), heading, ticks);
    }

    void writeNpy(Path file) throws IOException {
        NpyWriter.write(file, NpyArray.ofFloats(rawValues(kind, layer), layer.outFeatures(), layer.inFeatures()));
    }

    /**
     * What the map is drawn from: weights and gradient as copied (the gradient on absent connections too), the mask as
     * 0/1, the growth map as |gradient| of every cell (the mask export says which cells are absent).
     */
    static float[] rawValues(HeatmapKind kind, LayerSnapshot l) {
        return switch (kind) {
            case WEIGHTS -> require(l.weights(), "weights").clone();
            case GRADIENT -> require(l.gradient(), "gradient").clone();
            case MASK -> l.mask().toFloats();
            case GROWTH -> {
                float[] g = require(l.gradient(), "gradient").clone();
                for (int k = 0; k < g.length; k++) g[k] = Math.abs(g[k]);
                yield g;
            }
        };
    }

    private static float[] require(float[] values, String what) {
        if (values == null) throw new IllegalStateException("this snapshot has no " + what);
        return values;
    }

    static String slug(HeatmapKind kind) {
        return switch (kind) {
            case WEIGHTS -> "weights";
            case GRADIENT -> "gradient";
            case MASK -> "mask";
            case GROWTH -> "growth";
        };
    }

    private static String note(HeatmapKind kind) {
        return switch (kind) {
            case WEIGHTS, GRADIENT -> " · grey: no connection";
            case GROWTH -> " · |gradient| where absent · grey: connected";
            case MASK -> "";
        };
    }
}
