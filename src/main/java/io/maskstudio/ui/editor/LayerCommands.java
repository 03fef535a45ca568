package io.maskstudio.ui.editor;

import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.edit.LayerEdit;
import javafx.stage.Window;

import java.util.Optional;

/** Adds, removes, moves and changes layers, each as one undo step. */
public final class LayerCommands {
    private final Document doc;
    private final Window owner;

    public LayerCommands(Document doc, Window owner) {
        this.doc = doc;
        this.owner = owner;
    }

    /** Inserts a 32-neuron relu layer after layer {@code after} (before the output at the latest). */
    public void addAfter(int after) {
        NetworkDesign d = doc.design();
        int k = Math.max(1, Math.min(after + 1, d.layerCount() - 1));
        LayerSpec spec = LayerSpec.vector(uniqueName(d, "hidden"), 32, Activation.RELU);
        doc.history().perform(LayerEdit.insert(d, k, spec));
        doc.setPair(k - 1);
    }

    public boolean canRemove(int k) {
        NetworkDesign d = doc.design();
        return d != null && k > 0 && k < d.layerCount() - 1;
    }

    public void remove(int k) {
        if (!canRemove(k)) return;
        doc.history().perform(LayerEdit.remove(doc.design(), k));
    }

    /** Hidden layers can swap places with a hidden neighbour; the masks around them become full. */
    public boolean canMove(int k, int delta) {
        NetworkDesign d = doc.design();
        int to = k + delta;
        return d != null && canRemove(k) && to > 0 && to < d.layerCount() - 1;
    }

    public void move(int k, int delta) {
        if (!canMove(k, delta)) return;
        NetworkDesign d = doc.design();
        LayerSpec spec = d.layer(k);
        EditBatch batch = new EditBatch(d);
        try {
            batch.apply(LayerEdit.remove(d, k));
            batch.apply(LayerEdit.insert(d, k + delta, spec));
        } catch (RuntimeException e) {
            batch.rollback();
            throw e;
        }
        batch.commit(doc.history(), "Move layer '" + spec.name() + "'");
    }

    /** Opens the layer dialog and applies the change. */
    public void edit(int k) {
        NetworkDesign d = doc.design();
        if (d == null || k < 0 || k >= d.layerCount()) return;
        Optional<LayerSpec> result = new LayerDialog(owner, "Layer " + k + ": " + d.layer(k).name(), d.layer(k), k == d.layerCount() - 1).showAndWait();
        result.ifPresent(spec -> change(k, spec));
    }

    public void change(int k, LayerSpec spec) {
        NetworkDesign d = doc.design();
        if (spec.equals(d.layer(k))) return;
        doc.history().perform(LayerEdit.set(d, k, spec));
    }

    private static String uniqueName(NetworkDesign d, String base) {
        for (int n = 1; ; n++) {
            String candidate = base + n;
            if (d.layers().stream().noneMatch(l -> l.name().equals(candidate))) return candidate;
        }
    }
}
