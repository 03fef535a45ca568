package io.maskstudio.engine;

/** Training produced a NaN/Inf loss or weight; the network has been put back to the last good epoch. */
public final class DivergedException extends Exception {
    private final int epoch;
    private final int step;
    private final int lastGoodEpoch;

    public DivergedException(int epoch, int step, int lastGoodEpoch, String what) {
        super("training diverged at epoch " + epoch + ", step " + step + ": " + what
                + "; kept the state of epoch " + lastGoodEpoch + " (try a smaller learning rate)");
        this.epoch = epoch;
        this.step = step;
        this.lastGoodEpoch = lastGoodEpoch;
    }

    public int epoch() { return epoch; }
    public int step() { return step; }
    public int lastGoodEpoch() { return lastGoodEpoch; }
}
