package io.maskstudio.ui.training;

import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.MaskStats;
import io.maskstudio.model.Reachability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;

/**
 * The text beside a pair's heatmaps: a stats line and two hint lists. "Grow" lists the absent connections
 * with the largest |δ^T x| (the loss would fall fastest if they existed); "prune" the present ones with the
 * smallest |w| (they contribute least). Plain Java, computed on the worker thread with the images.
 */
record LayerInsights(String stats, List<String> grow, List<String> prune) {

    static final int HINTS = 8;

    static LayerInsights of(TrainingSnapshot snapshot, int pair, List<LayerSpec> layers) {
        LayerSnapshot l = snapshot.layers().get(pair);
        LayerSpec in = layers.get(pair), out = layers.get(pair + 1);
        String stats = statsLine(snapshot, pair, in, out);
        List<String> grow = l.gradient() == null ? List.of()
                : top(l, false, true, HINTS, in, out, "|grad|");
        List<String> prune = l.weights() == null ? List.of()
                : top(l, true, false, HINTS, in, out, "|w|");
        return new LayerInsights(stats, grow, prune);
    }

    private static String statsLine(TrainingSnapshot snapshot, int pair, LayerSpec in, LayerSpec out) {
        LayerSnapshot l = snapshot.layers().get(pair);
        MaskStats s = MaskStats.of(l.mask());
        Mask next = pair + 1 < snapshot.layers().size() ? snapshot.layers().get(pair + 1).mask() : null;
        int dead = deadOutputs(l.mask(), next);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%s → %s [%d×%d] · density %.1f%% (%d connections) · fan-in %d/%.1f/%d · fan-out %d/%.1f/%d (min/mean/max) · dead %s neurons: %d",
                in.name(), out.name(), s.rows(), s.cols(), 100 * s.density(), s.nnz(),
                s.fanInMin(), s.fanInMean(), s.fanInMax(), s.fanOutMin(), s.fanOutMean(), s.fanOutMax(), out.name(), dead));
        if (l.gradient() != null) sb.append(" · without gradient in the last batch: ").append(silentOutputs(l));
        List<Mask> masks = snapshot.layers().stream().map(LayerSnapshot::mask).toList();
        return sb.append('\n').append(reachability(Reachability.of(masks))).toString();
    }

    /** Input -> output reachability of the whole network, in one line. */
    static String reachability(Reachability r) {
        if (r.complete()) return "Whole network: every output sees all " + r.inputCount() + " inputs";
        int partial = 0;
        for (int o = 0; o < r.outputCount(); o++) if (r.reachableCount(o) < r.inputCount()) partial++;
        return "Whole network: " + r.inputsReachingNoOutput().length + " of " + r.inputCount() + " inputs reach no output · "
                + partial + " of " + r.outputCount() + " outputs miss some inputs · "
                + r.outputsSeeingNoInput().length + " see no input at all";
    }

    /** Output neurons with no input, or (hidden layers) no output: they can never affect the prediction. */
    static int deadOutputs(Mask mask, Mask next) {
        int[] fanIn = mask.fanIns();
        int[] fanOut = next == null ? null : next.fanOuts();
        int n = 0;
        for (int o = 0; o < fanIn.length; o++) if (fanIn[o] == 0 || (fanOut != null && fanOut[o] == 0)) n++;
        return n;
    }

    /** Connected output neurons whose whole gradient row was exactly 0 (e.g. a ReLU that never fired). */
    static int silentOutputs(LayerSnapshot l) {
        int n = 0;
        int[] fanIn = l.mask().fanIns();
        for (int o = 0; o < l.outFeatures(); o++) {
            if (fanIn[o] == 0) continue;
            boolean zero = true;
            for (int i = 0, base = o * l.inFeatures(); i < l.inFeatures() && zero; i++) zero = l.gradient()[base + i] == 0f;
            if (zero) n++;
        }
        return n;
    }

    /** The hint lines: {@link #ranked} cells with their value. */
    private static List<String> top(LayerSnapshot l, boolean present, boolean largest, int k, LayerSpec in, LayerSpec out, String what) {
        float[] v = present ? l.weights() : l.gradient();
        List<String> lines = new ArrayList<>();
        for (int c : ranked(l, present, largest, k)) {
            int o = c / l.inFeatures(), i = c % l.inFeatures();
            lines.add(String.format(Locale.ROOT, "%s → %s   %s %.3g", neuron(in, i), neuron(out, o), what, Math.abs(v[c])));
        }
        return lines;
    }

    /** Prune's cells: the {@code k} present connections with the smallest |w| (the prune hints, continued to k). */
    static int[] weakest(LayerSnapshot l, int k) {
        return l.weights() == null ? new int[0] : ranked(l, true, false, k);
    }

    /** Grow's cells: the {@code k} absent connections with the largest nonzero |δ^T x| (the grow hints, continued to k). */
    static int[] strongest(LayerSnapshot l, int k) {
        return l.gradient() == null ? new int[0] : ranked(l, false, true, k);
    }

    /**
     * Flat indices ({@code out * in + i}) of up to {@code k} cells with mask == {@code present}, best first: ranked by
     * |value| (largest first, or smallest first when {@code largest} is false) from the weights (present) or the raw
     * gradient (absent); ties go to the lower index, so the list and the buttons agree. Non-finite values are skipped,
     * and so is a zero gradient on an absent cell (no evidence that growing it helps).
     */
    static int[] ranked(LayerSnapshot l, boolean present, boolean largest, int k) {
        float[] v = present ? l.weights() : l.gradient();
        boolean[] m = l.mask().toBooleans();
        Comparator<Integer> better = (a, b) -> {
            int byValue = largest ? Float.compare(Math.abs(v[b]), Math.abs(v[a])) : Float.compare(Math.abs(v[a]), Math.abs(v[b]));
            return byValue != 0 ? byValue : Integer.compare(a, b);
        };
        // Keeps the k best: the heap's head is the worst of them, evicted by anything better.
        PriorityQueue<Integer> best = new PriorityQueue<>(better.reversed());
        for (int c = 0; c < v.length && k > 0; c++) {
            if (m[c] != present || !Float.isFinite(v[c]) || (!present && v[c] == 0f)) continue;
            best.add(c);
            if (best.size() > k) best.poll();
        }
        return best.stream().sorted(better).mapToInt(Integer::intValue).toArray();
    }

    /** "hidden 5", or "pixels (3,4)" for a 2-D layer (row, column; with the channel first when there are several). */
    static String neuron(LayerSpec layer, int index) {
        if (!layer.hasShape()) return layer.name() + " " + index;
        int plane = layer.height() * layer.width();
        int ch = index / plane, r = (index % plane) / layer.width(), c = index % layer.width();
        return layer.channels() > 1 ? layer.name() + " (" + ch + "," + r + "," + c + ")" : layer.name() + " (" + r + "," + c + ")";
    }
}
