package io.maskstudio.ui.shell;

import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.render.Cell;
import io.maskstudio.render.Side;
import io.maskstudio.ui.editor.Document;
import io.maskstudio.ui.editor.Hover;
import io.maskstudio.ui.editor.NeuronNames;
import io.maskstudio.ui.editor.Selection;
import io.maskstudio.ui.fx.Background;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import org.controlsfx.control.StatusBar;

import java.util.BitSet;
import java.util.Locale;

/**
 * The status bar: the hovered neuron or connection (left), the selection's stats (centre), the current
 * pair's stats (right) and a busy bar while background work runs. Messages from commands replace the
 * centre text until the selection changes.
 */
public final class StatusLine {
    private final Document doc;
    private final StatusBar bar = new StatusBar();
    private final Label hover = new Label();
    private final Label pairStats = new Label();

    public StatusLine(Document doc) {
        this.doc = doc;
        bar.setText("");
        hover.setId("statusHover");
        pairStats.setId("statusPair");
        hover.setMinWidth(360);
        bar.getLeftItems().addAll(hover, new Separator(Orientation.VERTICAL));
        bar.getRightItems().addAll(new Separator(Orientation.VERTICAL), pairStats);
        bar.progressProperty().bind(Bindings.when(Background.runningProperty().greaterThan(0)).then(-1.0).otherwise(0.0));
        doc.hoverProperty().addListener((o, a, b) -> hover.setText(describeHover(b)));
        doc.selectionProperty().addListener((o, a, b) -> bar.setText(describeSelection()));
        doc.pairProperty().addListener((o, a, b) -> refresh());
        doc.addListener(p -> refresh());
    }

    public StatusBar node() {
        return bar;
    }

    /** Shows a one-line message (a command's result or failure) in the centre. */
    public void message(String text) {
        bar.setText(text);
    }

    public String text() {
        return bar.getText();
    }

    /** Every document change re-reads all three texts: an edit under a still mouse changes what the hover says. */
    private void refresh() {
        NetworkDesign d = doc.design();
        hover.setText(describeHover(doc.hover()));
        if (d == null) return;
        int k = doc.pair();
        Mask m = d.mask(k);
        long nnz = m.nnz();
        pairStats.setText(String.format(Locale.ROOT, "pair %d: %s → %s   %,d connections   density %.1f%%",
                k, d.layer(k).name(), d.layer(k + 1).name(), nnz, 100.0 * nnz / ((double) m.rows() * m.cols())));
        bar.setText(describeSelection());
    }

    private String describeHover(Hover h) {
        NetworkDesign d = doc.design();
        if (d == null || h.equals(Hover.NONE)) return "";
        int k = doc.pair();
        Mask m = d.mask(k);
        LayerSpec src = d.layer(k), tgt = d.layer(k + 1);
        if (h.isNeuron()) {
            if (h.side() == Side.SOURCE && h.index() < m.cols()) {
                return "source " + NeuronNames.of(src, h.index()) + ": fan-out " + m.fanOut(h.index());
            }
            if (h.side() == Side.TARGET && h.index() < m.rows()) {
                return "target " + NeuronNames.of(tgt, h.index()) + ": fan-in " + m.fanIn(h.index());
            }
            return "";
        }
        Cell c = h.cell();
        if (c.row() >= m.rows() || c.col() >= m.cols()) return "";
        return NeuronNames.of(src, c.col()) + " → " + NeuronNames.of(tgt, c.row())
                + (m.get(c.row(), c.col()) ? ": connected" : ": not connected");
    }

    private String describeSelection() {
        NetworkDesign d = doc.design();
        Selection s = doc.selection();
        if (d == null || s.isEmpty()) return "";
        int k = doc.pair();
        Mask m = d.mask(k);
        if (s.connection() != null) {
            Cell c = s.connection();
            if (c.row() >= m.rows() || c.col() >= m.cols()) return "";
            return "selected connection " + NeuronNames.of(d.layer(k), c.col()) + " → " + NeuronNames.of(d.layer(k + 1), c.row())
                    + " (Delete removes it)";
        }
        BitSet src = s.sources(), tgt = s.targets();
        int ns = src.cardinality(), nt = tgt.cardinality();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "selected %,d sources × %,d targets", ns, nt));
        if (ns > 0 && nt > 0) {
            long connected = 0;
            for (int o = tgt.nextSetBit(0); o >= 0 && o < m.rows(); o = tgt.nextSetBit(o + 1)) {
                long[] n = {0};
                m.forEachInRow(o, i -> { if (src.get(i)) n[0]++; });
                connected += n[0];
            }
            long cells = (long) ns * nt;
            sb.append(String.format(Locale.ROOT, ": %,d of %,d connected (%.1f%%)", connected, cells, 100.0 * connected / cells));
        } else if (nt > 0) {
            long fanIn = 0;
            for (int o = tgt.nextSetBit(0); o >= 0 && o < m.rows(); o = tgt.nextSetBit(o + 1)) fanIn += m.fanIn(o);
            sb.append(String.format(Locale.ROOT, ": mean fan-in %.1f", fanIn / (double) nt));
        } else if (ns > 0) {
            int[] fanOuts = m.fanOuts();
            long fanOut = 0;
            for (int i = src.nextSetBit(0); i >= 0 && i < m.cols(); i = src.nextSetBit(i + 1)) fanOut += fanOuts[i];
            sb.append(String.format(Locale.ROOT, ": mean fan-out %.1f", fanOut / (double) ns));
        }
        return sb.toString();
    }
}
