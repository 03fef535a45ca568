package io.maskstudio.io;

/**
 * The PyTorch state_dict names of a network's linear layers, {@code fc1} for pair 0: the one place that
 * spells them, so the exporter, the app's all-masks export and its import agree with load_model.py.
 */
public final class StateDictKeys {
    private StateDictKeys() {}

    /** {@code "fc1.weight"} for pair 0. */
    public static String weight(int pair) {
        return layer(pair) + ".weight";
    }

    /** {@code "fc1.bias"} for pair 0. */
    public static String bias(int pair) {
        return layer(pair) + ".bias";
    }

    /** {@code "fc1.weight_mask"} for pair 0: the buffer {@code prune.custom_from_mask} registers. */
    public static String weightMask(int pair) {
        return layer(pair) + "." + MaskWriteOptions.DEFAULT_KEY;
    }

    /** {@code "fc1.grad"} for pair 0: a run snapshot's raw {@code δᵀx}, on absent connections too. */
    public static String grad(int pair) {
        return layer(pair) + ".grad";
    }

    /** {@code "fc1"} for pair 0. PyTorch modules in load_model.py are numbered from 1; pairs are 0-based everywhere else. */
    public static String layer(int pair) {
        if (pair < 0) throw new IllegalArgumentException("layer pair must be >= 0, got " + pair);
        return "fc" + (pair + 1);
    }
}
