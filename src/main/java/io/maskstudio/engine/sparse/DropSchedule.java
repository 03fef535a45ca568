package io.maskstudio.engine.sparse;

/**
 * When a drop-and-grow method updates a mask, and what share of each pair's connections it replaces then.
 * SET (Mocanu et al. 2018) replaces a constant fraction at every update; RigL (Evci et al. 2020) lets the fraction
 * decay by cosine, {@code ζ_t = ζ/2 · (1 + cos(π t / T_end))}, and stops updating at {@code T_end}.
 *
 * @param fraction    ζ, the share of present connections dropped (and regrown) at an update, in [0, 1]
 * @param updateEvery ΔT, steps between updates (an update happens after step ΔT, 2ΔT, ...)
 * @param endStep     T_end: no update at or after this step (RigL's default is 75% of training)
 * @param cosine      whether the fraction decays by cosine (RigL) or stays constant (SET)
 */
public record DropSchedule(double fraction, long updateEvery, long endStep, boolean cosine) {

    public DropSchedule {
        if (!(fraction >= 0 && fraction <= 1)) throw new IllegalArgumentException("drop fraction must be in [0,1], was " + fraction);
        if (updateEvery < 1) throw new IllegalArgumentException("steps between updates must be at least 1, was " + updateEvery);
        if (endStep < 0) throw new IllegalArgumentException("the last update step must not be negative, was " + endStep);
    }

    /** Whether the mask is updated after {@code step} (counted from 1, over the whole run). */
    public boolean updatesAfter(long step) {
        return step > 0 && step < endStep && step % updateEvery == 0;
    }

    /** The drop fraction at {@code step}: ζ for SET; ζ/2 (1 + cos(π t/T_end)) for RigL; 0 from T_end on. */
    public double fractionAt(long step) {
        if (step >= endStep) return 0;
        if (!cosine) return fraction;
        return fraction / 2 * (1 + Math.cos(Math.PI * step / endStep));
    }
}
