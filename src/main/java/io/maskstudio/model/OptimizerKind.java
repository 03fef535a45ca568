package io.maskstudio.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The optimizers users can pick, by the names PyTorch users know. The one list: the engine maps each constant to an
 * updater, and the CLI's help, its validation and the app's settings form all read it from here.
 */
public enum OptimizerKind {
    SGD("sgd", "plain SGD (torch.optim.SGD)", false),
    MOMENTUM("momentum", "SGD with Nesterov momentum 0.9", false),
    ADAM("adam", "Adam, betas 0.9/0.999, eps 1e-8", false),
    ADAMW("adamw", "Adam with decoupled weight decay (torch.optim.AdamW)", true),
    RMSPROP("rmsprop", "RMSprop, alpha 0.99, eps 1e-8", false);

    private final String id;
    private final String description;
    private final boolean decoupledWeightDecay;

    OptimizerKind(String id, String description, boolean decoupledWeightDecay) {
        this.id = id;
        this.description = description;
        this.decoupledWeightDecay = decoupledWeightDecay;
    }

    /** The name in graph files and on the command line. */
    public String id() { return id; }

    public String description() { return description; }

    /**
     * True when weight decay shrinks the weights directly ({@code w -= lr·λ·w}, AdamW); false when it enters the
     * gradient as L2 ({@code g + λw}), as PyTorch's other optimizers do.
     */
    public boolean decoupledWeightDecay() { return decoupledWeightDecay; }

    /** Every id, in the order above: for help texts and choice lists. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(OptimizerKind::id).toList();
    }

    /** The optimizer named {@code id} (case-insensitive), or an exception that lists the valid names. */
    public static OptimizerKind fromId(String id) {
        String key = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (OptimizerKind k : values()) if (k.id.equals(key)) return k;
        throw new IllegalArgumentException("unknown optimizer '" + id + "', expected one of " + String.join(", ", ids()));
    }
}
