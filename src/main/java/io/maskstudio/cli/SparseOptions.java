package io.maskstudio.cli;

import io.maskstudio.model.DensityAllocation;
import io.maskstudio.model.Generator.Param;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.NetworkMasks;
import io.maskstudio.model.SparseTraining;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The sparse-training options {@code train}, {@code lottery} and {@code sweep} share: the method and its parameters
 * on top of the graph's {@code training.sparse}, and {@code --density}'s random starting masks.
 */
final class SparseOptions {
    private SparseOptions() {}

    /** {@code base} with the options given (null: keep the base's); a bad value is named by its option. */
    static SparseTraining sparse(SparseTraining base, String method, Long updateEvery, Double dropFraction, Double updateEnd, Double targetDensity,
                                 Integer pruneStart, Integer pruneEnd, String scope) {
        SparseTraining t = base;
        if (method != null) {
            t = t.withMethod(SparseTraining.Method.byId(method.trim().toLowerCase(Locale.ROOT)).orElseThrow(() -> usage("--method: expected one of "
                    + String.join(", ", SparseTraining.Method.ids()) + ", was '" + method + "'")));
        }
        try {
            if (updateEvery != null) t = t.withUpdateEvery(updateEvery);
            if (dropFraction != null) t = t.withDropFraction(dropFraction);
            if (updateEnd != null) t = t.withUpdateEnd(updateEnd);
            if (targetDensity != null) t = t.withTargetDensity(targetDensity);
            if (pruneStart != null || pruneEnd != null) {
                t = t.withPruneEpochs(pruneStart != null ? pruneStart : t.pruneStart(), pruneEnd != null ? pruneEnd : t.pruneEnd());
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (scope != null) t = t.withScope(scope(scope));
        return t;
    }

    /** {@code --scope}'s value as a scope, for train, sweep and lottery alike. */
    static SparseTraining.Scope scope(String id) {
        return SparseTraining.Scope.byId(id.trim().toLowerCase(Locale.ROOT)).orElseThrow(() -> usage("--scope: expected pair or global, was '" + id + "'"));
    }

    /** The network density {@code --density} names (a fraction or a percentage), or null when it was not given. */
    static Double density(String text) {
        if (text == null) return null;
        try {
            return Param.DENSITY.parse(text);
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            if (msg.startsWith(Param.DENSITY.label() + ": ")) msg = msg.substring(Param.DENSITY.label().length() + 2);
            throw usage("--density: " + msg);
        }
    }

    static DensityAllocation allocation(String id) {
        return DensityAllocation.byId(id.trim().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> usage("--allocation: expected uniform or erk, was '" + id + "'"));
    }

    /** With {@code --density}: replaces every mask of {@code design} with a random one, and says what it did. */
    static void randomMasks(NetworkDesign design, String densityText, String allocationId, long seed, PrintWriter messages) {
        Double d = density(densityText);
        DensityAllocation a = allocation(allocationId);
        if (d == null) return;
        List<Mask> masks = NetworkMasks.random(design, a, d, seed);
        long n = 0, cells = 0;
        for (int k = 0; k < masks.size(); k++) {
            design.setMask(k, masks.get(k));
            n += masks.get(k).nnz();
            cells += (long) masks.get(k).rows() * masks.get(k).cols();
        }
        messages.printf(Locale.ROOT, "note: random masks, %d of %d connections (density %.4f, %s, seed %d)%n", n, cells, (double) n / cells, a.id(), seed);
    }

    private static CliException usage(String message) {
        return new CliException(message, MaskStudioCommand.USAGE);
    }
}
