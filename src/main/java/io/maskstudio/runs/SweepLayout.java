package io.maskstudio.runs;

/** The names inside a sweep folder (docs/slurm.md and the layouts contract describe them). */
public final class SweepLayout {
    public static final String PLAN_JSON = "sweep.json";
    public static final String RESULTS_CSV = "results.csv";
    public static final String RESULTS_HEADER = "method,density,seed,connections,val_accuracy,test_accuracy,seconds";
    public static final String CHART_PNG = "accuracy-vs-density.png";
    public static final String CHART_SVG = "accuracy-vs-density.svg";
    public static final String CELLS = "cells";
    /** What each cell's training printed, and Slurm's output files: kept out of the run folders, which stay ordinary. */
    public static final String LOGS = "logs";

    private SweepLayout() {}
}
