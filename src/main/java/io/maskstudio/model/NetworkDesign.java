package io.maskstudio.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A feed-forward network as the user designs it: ordered layers (layer 0 is the input), one
 * {@link Mask} per consecutive pair ({@code mask(k)} connects layer k to layer k+1, shape
 * {@code [size(k+1), size(k)]}) and the training settings.
 *
 * <p>Owned by one thread (the FX thread in the app); other threads get a {@link #copy()}.
 * Observers register a {@link Listener} and are told which pair changed.
 */
public final class NetworkDesign {

    /** Told after every change; {@code pair} is the changed mask's index, or -1 when layers or settings changed. */
    public interface Listener {
        void designChanged(NetworkDesign design, int pair);
    }

    public static final int STRUCTURE = -1;

    private final List<LayerSpec> layers = new ArrayList<>();
    private final List<Mask> masks = new ArrayList<>();
    private TrainingSettings settings;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public NetworkDesign(List<LayerSpec> layers, List<Mask> masks, TrainingSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (layers.size() < 2) throw new IllegalArgumentException("a network needs at least an input and an output layer");
        if (masks.size() != layers.size() - 1) {
            throw new IllegalArgumentException("expected " + (layers.size() - 1) + " masks for " + layers.size() + " layers, got " + masks.size());
        }
        for (int k = 0; k < masks.size(); k++) {
            Mask m = masks.get(k);
            if (m.rows() != layers.get(k + 1).size() || m.cols() != layers.get(k).size()) {
                throw new IllegalArgumentException("mask " + (k + 1) + " has shape [" + m.rows() + "," + m.cols() + "], expected [out,in] = ["
                        + layers.get(k + 1).size() + "," + layers.get(k).size() + "]");
            }
        }
        this.layers.addAll(layers);
        this.masks.addAll(masks);
        this.settings = settings;
    }

    /** Layers of the given sizes, fully connected, relu hidden layers and a softmax output. */
    public static NetworkDesign dense(TrainingSettings settings, int... sizes) {
        List<LayerSpec> ls = new ArrayList<>();
        List<Mask> ms = new ArrayList<>();
        for (int k = 0; k < sizes.length; k++) {
            Activation a = k == 0 ? Activation.IDENTITY : k == sizes.length - 1 ? Activation.SOFTMAX : Activation.RELU;
            ls.add(LayerSpec.vector(k == 0 ? "input" : k == sizes.length - 1 ? "output" : "hidden" + k, sizes[k], a));
            if (k > 0) ms.add(Mask.full(sizes[k], sizes[k - 1]));
        }
        return new NetworkDesign(ls, ms, settings);
    }

    public List<LayerSpec> layers() { return List.copyOf(layers); }
    public LayerSpec layer(int k) { return layers.get(k); }
    public int layerCount() { return layers.size(); }
    /** Number of masks = layer pairs. */
    public int pairCount() { return masks.size(); }
    /** The live mask of pair k (layer k -> layer k+1); mutate through {@link #setMask} so observers hear of it. */
    public Mask mask(int pair) { return masks.get(pair); }
    public List<Mask> masks() { return List.copyOf(masks); }
    public TrainingSettings settings() { return settings; }

    public void setSettings(TrainingSettings s) {
        settings = Objects.requireNonNull(s);
        fire(STRUCTURE);
    }

    /** Replaces pair k's mask with a copy of {@code m} (same shape). */
    public void setMask(int pair, Mask m) {
        Mask cur = masks.get(pair);
        if (!cur.sameShape(m)) {
            throw new IllegalArgumentException("mask for pair " + pair + " must be [" + cur.rows() + "," + cur.cols() + "], was ["
                    + m.rows() + "," + m.cols() + "]");
        }
        masks.set(pair, m.copy());
        fire(pair);
    }

    /** Tells observers that pair k's mask was edited in place. */
    public void maskEdited(int pair) {
        fire(pair);
    }

    /** Replaces layer k; when its size changes the adjacent masks are cut or zero-extended. */
    public void setLayer(int k, LayerSpec spec) {
        LayerSpec old = layers.get(k);
        layers.set(k, spec);
        if (old.size() != spec.size()) {
            if (k > 0) masks.set(k - 1, masks.get(k - 1).resized(spec.size(), layers.get(k - 1).size()));
            if (k < masks.size()) masks.set(k, masks.get(k).resized(layers.get(k + 1).size(), spec.size()));
        }
        fire(STRUCTURE);
    }

    /** Inserts a layer at position k (1..layerCount-1), fully connected to its neighbours. */
    public void insertLayer(int k, LayerSpec spec) {
        if (k <= 0 || k >= layers.size()) throw new IllegalArgumentException("a new layer goes between input and output, position 1.." + (layers.size() - 1));
        layers.add(k, spec);
        masks.set(k - 1, Mask.full(spec.size(), layers.get(k - 1).size()));
        masks.add(k, Mask.full(layers.get(k + 1).size(), spec.size()));
        fire(STRUCTURE);
    }

    /** Removes hidden layer k; its neighbours become fully connected. */
    public void removeLayer(int k) {
        if (k <= 0 || k >= layers.size() - 1) throw new IllegalArgumentException("only hidden layers can be removed (1.." + (layers.size() - 2) + ")");
        layers.remove(k);
        masks.remove(k);
        masks.set(k - 1, Mask.full(layers.get(k).size(), layers.get(k - 1).size()));
        fire(STRUCTURE);
    }

    /** A deep copy without listeners (for the trainer thread, for saving in the background). */
    public NetworkDesign copy() {
        List<Mask> ms = new ArrayList<>();
        for (Mask m : masks) ms.add(m.copy());
        return new NetworkDesign(layers, ms, settings);
    }

    public void addListener(Listener l) { listeners.add(l); }
    public void removeListener(Listener l) { listeners.remove(l); }

    private void fire(int pair) {
        for (Listener l : listeners) l.designChanged(this, pair);
    }

    /** Same layers, masks and settings. */
    public boolean sameContent(NetworkDesign o) {
        return layers.equals(o.layers) && masks.equals(o.masks) && settings.equals(o.settings);
    }
}
