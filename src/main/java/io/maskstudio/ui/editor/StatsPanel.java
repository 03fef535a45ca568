package io.maskstudio.ui.editor;

import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.MaskStats;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.NetworkStats;
import io.maskstudio.ui.fx.LatestOnly;
import io.maskstudio.ui.fx.TaskRunner;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Connectivity statistics of the current pair and the whole network: density, fan-in and fan-out
 * histograms, dead neurons and reachability warnings. Recomputed in the background on a copy of the
 * design, a moment after the last edit. Clicking a dead-neuron line or a warning selects those neurons.
 */
public final class StatsPanel extends ScrollPane {
    private static final int WARNING_LIMIT = 30;
    private final Document doc;
    private final Consumer<String> messages;
    private final Label title = new Label();
    private final GridPane numbers = new GridPane();
    private final HistogramView fanIn = new HistogramView(), fanOut = new HistogramView();
    private final VBox dead = new VBox(2), warnings = new VBox(2);
    private final PauseTransition debounce = new PauseTransition(Duration.millis(150));
    private final LatestOnly results;

    public StatsPanel(Document doc, Consumer<String> messages, TaskRunner tasks) {
        this.doc = doc;
        this.results = new LatestOnly(tasks);
        this.messages = messages;
        setId("statsPanel");
        getStyleClass().add("stats-panel");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        title.getStyleClass().add("section-title");
        title.setWrapText(true);
        numbers.setHgap(10);
        numbers.setVgap(2);
        fanIn.setId("fanInHistogram");
        fanOut.setId("fanOutHistogram");
        warnings.setId("reachabilityWarnings");
        dead.setId("deadNeurons");
        VBox box = new VBox(4, title, numbers,
                section("Fan-in (inputs per target neuron)"), fanIn,
                section("Fan-out (targets per source neuron)"), fanOut,
                section("Dead neurons"), dead,
                section("Reachability (network inputs → outputs)"), warnings);
        box.setPadding(new Insets(8));
        setContent(box);
        debounce.setOnFinished(e -> recompute());
        doc.addListener(p -> debounce.playFromStart());
        doc.pairProperty().addListener((o, a, b) -> recompute());
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    /** What the panel shows, computed off the FX thread. */
    private record Result(int pair, MaskStats pairStats, int[] fanIns, int[] fanOuts, NetworkStats network,
                          List<ReachabilityWarnings.Warning> warnings, NetworkDesign design) {}

    private void recompute() {
        NetworkDesign live = doc.design();
        if (live == null) return;
        NetworkDesign copy = live.copy();
        int pair = Math.min(doc.pair(), copy.pairCount() - 1);
        results.submit(() -> {
            Mask m = copy.mask(pair);
            NetworkStats ns = NetworkStats.of(copy);
            return new Result(pair, MaskStats.of(m), m.fanIns(), m.fanOuts(), ns,
                    ReachabilityWarnings.of(copy, ns.reachability(), WARNING_LIMIT), copy);
        }, this::show);
    }

    private void show(Result r) {
        NetworkDesign d = r.design;
        LayerSpec src = d.layer(r.pair), tgt = d.layer(r.pair + 1);
        title.setText("Pair " + r.pair + ": " + src.name() + " (" + LayerSpecs.shapeText(src) + ") → " + tgt.name() + " (" + LayerSpecs.shapeText(tgt) + ")");
        MaskStats s = r.pairStats;
        numbers.getChildren().clear();
        row(0, "Connections", String.format(Locale.ROOT, "%,d of %,d", s.nnz(), (long) s.rows() * s.cols()));
        row(1, "Density", String.format(Locale.ROOT, "%.2f%%", 100 * s.density()));
        row(2, "Fan-in min / mean / max", String.format(Locale.ROOT, "%d / %.1f / %d", s.fanInMin(), s.fanInMean(), s.fanInMax()));
        row(3, "Fan-out min / mean / max", String.format(Locale.ROOT, "%d / %.1f / %d", s.fanOutMin(), s.fanOutMean(), s.fanOutMax()));
        row(4, "Targets without input", Integer.toString(s.outputsWithoutInput()));
        row(5, "Sources without output", Integer.toString(s.inputsWithoutOutput()));
        fanIn.setValues(r.fanIns);
        fanOut.setValues(r.fanOuts);
        showDead(r);
        showWarnings(r);
    }

    private void row(int k, String name, String value) {
        Label v = new Label(value);
        v.setId("stat" + k);
        // A narrow panel (1280 px screens, 784-input layers) wraps a long value rather than cutting it to "...".
        v.setWrapText(true);
        Label n = new Label(name);
        n.setMinWidth(Region.USE_PREF_SIZE);
        numbers.addRow(k, n, v);
    }

    private void showDead(Result r) {
        dead.getChildren().clear();
        boolean any = false;
        for (int k = 0; k < r.design.layerCount(); k++) {
            int[] idx = r.network.deadNeurons(k);
            if (idx.length == 0) continue;
            any = true;
            String why = k == 0 ? "reach no output" : k == r.design.layerCount() - 1 ? "have no input" : "have no input or no output";
            LayerSpec l = r.design.layer(k);
            final int layer = k;
            Hyperlink link = new Hyperlink(l.name() + ": " + idx.length + " " + why + " (" + IndexText.ranges(idx, 5) + ")");
            link.setWrapText(true);
            link.getStyleClass().add("warning");
            link.setOnAction(e -> showLayerNeurons(layer, idx, link.getText()));
            dead.getChildren().add(link);
        }
        if (!any) dead.getChildren().add(new Label("none"));
    }

    private void showWarnings(Result r) {
        warnings.getChildren().clear();
        if (r.warnings.isEmpty()) {
            Label ok = new Label(r.network.reachability().summary());
            ok.setWrapText(true);
            ok.getStyleClass().add("reachability-ok");
            warnings.getChildren().add(ok);
            return;
        }
        for (ReachabilityWarnings.Warning w : r.warnings) {
            Hyperlink link = new Hyperlink(w.text());
            link.setWrapText(true);
            link.getStyleClass().add("warning");
            link.setOnAction(e -> showWarning(w));
            warnings.getChildren().add(link);
        }
    }

    /** Selects neurons of layer {@code k}: as targets of the pair before it, or as sources of pair 0 for the input layer. */
    private void showLayerNeurons(int k, int[] idx, String text) {
        BitSet set = new BitSet();
        for (int i : idx) set.set(i);
        NetworkDesign d = doc.design();
        if (d == null || k >= d.layerCount() || d.layer(k).size() <= (idx.length == 0 ? 0 : idx[idx.length - 1])) return;
        if (k == 0) {
            doc.setPair(0);
            doc.select(Selection.of(set, new BitSet()));
        } else {
            doc.setPair(k - 1);
            doc.select(Selection.of(new BitSet(), set));
        }
        messages.accept("Selected: " + text);
    }

    /** Shows the unreachable inputs on the first pair's source grid (and the outputs when they are on that pair). */
    private void showWarning(ReachabilityWarnings.Warning w) {
        NetworkDesign d = doc.design();
        if (d == null) return;
        BitSet inputs = new BitSet();
        for (int i : w.inputs()) if (i < d.layer(0).size()) inputs.set(i);
        BitSet outputs = new BitSet();
        if (d.pairCount() == 1) for (int o : w.outputs()) if (o < d.layer(1).size()) outputs.set(o);
        doc.setPair(0);
        doc.select(Selection.of(inputs, outputs));
        messages.accept(w.text() + " (selected on the input layer)");
    }

    /** The warning texts shown now (tests). */
    public List<String> warningTexts() {
        List<String> t = new ArrayList<>();
        warnings.getChildren().forEach(n -> t.add(n instanceof Hyperlink h ? h.getText() : ((Label) n).getText()));
        return t;
    }
}
