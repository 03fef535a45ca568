package io.maskstudio.engine;

import io.maskstudio.model.NetworkDesign;

/**
 * The trainer the desktop app runs for a design: the dataset is loaded on the trainer thread and the
 * history is sized to a memory budget. Kept out of the UI so {@code bench soak} measures exactly this.
 */
public final class DesignTrainers {
    /** Snapshots kept for the scrubber at most; older ones are thinned beyond this (the curves keep every epoch). */
    public static final int MAX_HISTORY = 400;
    /** Memory the snapshots of one run may take: each holds a copy of every weight and gradient. */
    public static final long HISTORY_BYTES = 256L << 20;

    private DesignTrainers() {}

    /** A paused trainer for {@code privateCopy} (nobody else may edit it); its thread starts loading the data at once. */
    public static Trainer forDesign(NetworkDesign privateCopy) {
        return forDesign(privateCopy, historyCapacity(privateCopy));
    }

    /** As {@link #forDesign(NetworkDesign)}, telling {@code observer} what happens (the app's run recorder). */
    public static Trainer forDesign(NetworkDesign privateCopy, TrainingObserver observer) {
        return new Trainer(new SessionLoader(privateCopy), historyCapacity(privateCopy), observer);
    }

    /** The same with another history size: {@code bench soak --history} fills it in a few epochs. */
    public static Trainer forDesign(NetworkDesign privateCopy, int historyCapacity) {
        return new Trainer(new SessionLoader(privateCopy), historyCapacity);
    }

    /** As many snapshots as fit {@link #HISTORY_BYTES} (weights and gradients as floats, plus mask bits), 8 to 400. */
    public static int historyCapacity(NetworkDesign d) {
        long bytes = 1;
        for (int k = 0; k < d.pairCount(); k++) {
            long cells = (long) d.mask(k).rows() * d.mask(k).cols();
            bytes += cells * 2 * Float.BYTES + cells / 8;
        }
        return (int) Math.max(8, Math.min(MAX_HISTORY, HISTORY_BYTES / bytes));
    }
}
