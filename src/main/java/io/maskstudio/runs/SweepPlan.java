package io.maskstudio.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a sweep trains: every method at every density with seeds 1..{@code seeds}, each cell one run folder. Two plans
 * are the same sweep when all their fields are equal; a sweep folder only ever holds one plan, so re-running the
 * same command resumes it and a different one is refused ({@link #differences}).
 *
 * @param graph        the graph file as the user gave it
 * @param epochs       null: the graph's
 * @param dataset      null: the graph's
 * @param test         a held-out test set, or null
 * @param trainOptions further {@code train} options every cell gets (the methods' parameters), in order
 */
public record SweepPlan(String graph, List<String> methods, List<Double> densities, int seeds, Integer epochs, String dataset,
                        String allocation, String test, List<String> trainOptions) {

    public SweepPlan {
        Objects.requireNonNull(graph, "graph");
        methods = List.copyOf(methods);
        densities = List.copyOf(densities);
        trainOptions = List.copyOf(trainOptions);
        if (methods.isEmpty()) throw new IllegalArgumentException("a sweep needs at least one method");
        if (densities.isEmpty()) throw new IllegalArgumentException("a sweep needs at least one density");
        if (seeds < 1) throw new IllegalArgumentException("a sweep needs at least one seed, was " + seeds);
        for (double d : densities) {
            if (!(d > 0 && d <= 1)) throw new IllegalArgumentException("densities must be in (0, 1], was " + d);
        }
        if (methods.stream().distinct().count() != methods.size()) throw new IllegalArgumentException("a method is named twice: " + methods);
        if (densities.stream().distinct().count() != densities.size()) throw new IllegalArgumentException("a density is named twice: " + densities);
    }

    /** Method-major, then density, then seed: cell K is the same cell wherever the plan is read. */
    public List<SweepCell> cells() {
        List<SweepCell> cells = new ArrayList<>(methods.size() * densities.size() * seeds);
        for (String m : methods) {
            for (double d : densities) {
                for (int s = 1; s <= seeds; s++) cells.add(new SweepCell(cells.size(), m, d, s));
            }
        }
        return cells;
    }

    public int cellCount() {
        return methods.size() * densities.size() * seeds;
    }

    /** The fields in which {@code other} differs from this plan, as {@code name: this vs other}; empty when they are the same sweep. */
    public List<String> differences(SweepPlan other) {
        List<String> d = new ArrayList<>();
        differ(d, "graph", graph, other.graph);
        differ(d, "methods", methods, other.methods);
        differ(d, "densities", densities, other.densities);
        differ(d, "seeds", seeds, other.seeds);
        differ(d, "epochs", epochs, other.epochs);
        differ(d, "dataset", dataset, other.dataset);
        differ(d, "allocation", allocation, other.allocation);
        differ(d, "test", test, other.test);
        differ(d, "method options", trainOptions, other.trainOptions);
        return d;
    }

    private static void differ(List<String> out, String name, Object mine, Object theirs) {
        if (!Objects.equals(mine, theirs)) out.add(name + ": " + mine + " vs " + theirs);
    }
}
