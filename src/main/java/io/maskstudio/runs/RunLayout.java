package io.maskstudio.runs;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The names and CSV headers of a run folder, in one place: user scripts read these, so they are contracts.
 * metrics.csv keeps the columns {@code train --out} always wrote.
 */
public final class RunLayout {
    public static final String RUN_JSON = "run.json";
    public static final String METRICS_CSV = "metrics.csv";
    public static final String STEPS_CSV = "steps.csv";
    public static final String EVENTS_CSV = "events.csv";
    public static final String LAYERS_CSV = "layers.csv";
    public static final String SNAPSHOTS = "snapshots";
    /** The standardization the inputs went through (mean, std per feature), so any snapshot can be exported. */
    public static final String NORMALIZATION_NPZ = "normalization.npz";

    public static final String METRICS_HEADER = "epoch,train_loss,train_accuracy,val_loss,val_accuracy,seconds";
    public static final String STEPS_HEADER = "epoch,step,loss,accuracy";
    public static final String EVENTS_HEADER = "epoch,step,kind,detail";
    public static final String LAYERS_HEADER = "epoch,pair,connections,density,weight_norm,grad_norm,update_ratio";

    /** steps.csv is thinned evenly so it never holds more rows than this. */
    public static final int MAX_STEP_ROWS = 20_000;
    public static final long DEFAULT_SNAPSHOT_BUDGET_BYTES = 256L * 1024 * 1024;

    private RunLayout() {}

    /** {@code snapshots/epoch-0007.npz}: four digits, zero-padded (more digits past epoch 9999). */
    public static Path snapshot(Path runDir, int epoch) {
        return runDir.resolve(SNAPSHOTS).resolve(String.format(Locale.ROOT, "epoch-%04d.npz", epoch));
    }
}
