package io.maskstudio.engine.sparse;

/**
 * The trainings of one lottery level: the ticket (the pruned mask, survivors rewound) and the two controls of
 * Frankle and Carbin — the same mask with fresh random values, and a random mask of the same per-pair counts.
 */
public enum LotteryBranch {
    TICKET("ticket"),
    REINIT("reinit"),
    RANDOM_MASK("random-mask");

    private final String id;

    LotteryBranch(String id) {
        this.id = id;
    }

    /** The branch's folder name under {@code level-<L>/}. */
    public String id() {
        return id;
    }

    /** The run.json method of the branch's run folder: {@code lottery-ticket}, {@code lottery-reinit}, {@code lottery-random-mask}. */
    public String methodId() {
        return "lottery-" + id;
    }
}
