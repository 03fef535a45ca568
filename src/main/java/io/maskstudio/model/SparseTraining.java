package io.maskstudio.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which sparse-training method changes the masks during a run, and its parameters: the one definition the graph
 * file, run.json, the CLI's {@code train --method} and the app's settings read. The engine turns it into a running
 * method ({@code engine.sparse.SparseMethods}).
 *
 * @param method        the method
 * @param updateEvery   ΔT: steps between mask updates (set, rigl, gmp)
 * @param dropFraction  ζ: share of a pair's connections replaced at an update (set; rigl's initial value)
 * @param updateEnd     rigl: share of the run's steps after which the mask stops changing (T_end / T)
 * @param targetDensity gmp: the density pruning reaches
 * @param pruneStart    gmp: the epoch pruning starts after (0: from the first step)
 * @param pruneEnd      gmp: the epoch by whose end the target is reached (0: three quarters of the epochs)
 * @param scope         gmp: pairs ranked each alone, or all together
 */
public record SparseTraining(Method method, long updateEvery, double dropFraction, double updateEnd, double targetDensity,
                             int pruneStart, int pruneEnd, Scope scope) {

    /** The methods, with their ids on the command line and in files. */
    public enum Method {
        STATIC("static", "the masks stay as drawn"),
        SET("set", "SET: drop the weakest |w|, regrow at random (Mocanu et al. 2018)"),
        RIGL("rigl", "RigL: drop the weakest |w|, regrow by largest |gradient| (Evci et al. 2020)"),
        GMP("gmp", "gradual magnitude pruning to a target density (Zhu & Gupta 2017)");

        private final String id;
        private final String description;

        Method(String id, String description) {
            this.id = id;
            this.description = description;
        }

        public String id() { return id; }
        public String description() { return description; }

        public static Optional<Method> byId(String id) {
            return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
        }

        public static List<String> ids() {
            return Arrays.stream(values()).map(Method::id).toList();
        }
    }

    /** How gradual pruning ranks connections. */
    public enum Scope {
        PAIR("pair"), GLOBAL("global");

        private final String id;

        Scope(String id) {
            this.id = id;
        }

        public String id() { return id; }

        public static Optional<Scope> byId(String id) {
            return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
        }
    }

    /** RigL's defaults (ΔT = 100, ζ = 0.3, T_end = 75%); gmp to 10% from the start to 3/4 of the epochs. */
    public static final SparseTraining STATIC = new SparseTraining(Method.STATIC, 100, 0.3, 0.75, 0.1, 0, 0, Scope.PAIR);

    public SparseTraining {
        if (method == null) throw new IllegalArgumentException("a sparse-training method is required");
        if (scope == null) throw new IllegalArgumentException("a pruning scope is required");
        if (updateEvery < 1) throw new IllegalArgumentException("steps between mask updates must be at least 1, was " + updateEvery);
        if (!(dropFraction >= 0 && dropFraction <= 1)) throw new IllegalArgumentException("drop fraction must be in [0,1], was " + dropFraction);
        if (!(updateEnd > 0 && updateEnd <= 1)) throw new IllegalArgumentException("update end must be in (0,1], was " + updateEnd);
        if (!(targetDensity > 0 && targetDensity <= 1)) throw new IllegalArgumentException("target density must be in (0,1], was " + targetDensity);
        if (pruneStart < 0) throw new IllegalArgumentException("prune start epoch must not be negative, was " + pruneStart);
        if (pruneEnd < 0) throw new IllegalArgumentException("prune end epoch must not be negative, was " + pruneEnd);
        if (pruneEnd > 0 && pruneEnd <= pruneStart) {
            throw new IllegalArgumentException("pruning must end after it starts: epochs " + pruneStart + " to " + pruneEnd);
        }
    }

    /** The given method with the default parameters. */
    public static SparseTraining of(Method method) {
        return STATIC.withMethod(method);
    }

    public boolean isStatic() {
        return method == Method.STATIC;
    }

    /** gmp's last pruning epoch for a run of {@code epochs}: {@link #pruneEnd}, or 3/4 of them (at least start + 1). */
    public int pruneEndFor(int epochs) {
        if (pruneEnd > 0) return pruneEnd;
        return Math.max(pruneStart + 1, (int) Math.round(0.75 * epochs));
    }

    /** One line for events and logs, e.g. {@code rigl ΔT=100 ζ=0.3 end=0.75}. */
    public String describe() {
        return switch (method) {
            case STATIC -> "static";
            case SET -> "set, every " + updateEvery + " steps, drop fraction " + dropFraction;
            case RIGL -> "rigl, every " + updateEvery + " steps, drop fraction " + dropFraction + " (cosine), until " + updateEnd + " of training";
            case GMP -> "gmp to density " + targetDensity + ", every " + updateEvery + " steps, epochs " + pruneStart + " to "
                    + (pruneEnd == 0 ? "3/4" : String.valueOf(pruneEnd)) + ", " + scope.id() + " scope";
        };
    }

    public SparseTraining withMethod(Method m) {
        return new SparseTraining(m, updateEvery, dropFraction, updateEnd, targetDensity, pruneStart, pruneEnd, scope);
    }

    public SparseTraining withUpdateEvery(long n) {
        return new SparseTraining(method, n, dropFraction, updateEnd, targetDensity, pruneStart, pruneEnd, scope);
    }

    public SparseTraining withDropFraction(double z) {
        return new SparseTraining(method, updateEvery, z, updateEnd, targetDensity, pruneStart, pruneEnd, scope);
    }

    public SparseTraining withUpdateEnd(double f) {
        return new SparseTraining(method, updateEvery, dropFraction, f, targetDensity, pruneStart, pruneEnd, scope);
    }

    public SparseTraining withTargetDensity(double d) {
        return new SparseTraining(method, updateEvery, dropFraction, updateEnd, d, pruneStart, pruneEnd, scope);
    }

    public SparseTraining withPruneEpochs(int start, int end) {
        return new SparseTraining(method, updateEvery, dropFraction, updateEnd, targetDensity, start, end, scope);
    }

    public SparseTraining withScope(Scope s) {
        return new SparseTraining(method, updateEvery, dropFraction, updateEnd, targetDensity, pruneStart, pruneEnd, s);
    }
}
