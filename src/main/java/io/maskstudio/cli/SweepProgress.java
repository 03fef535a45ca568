package io.maskstudio.cli;

import io.maskstudio.runs.SweepCell;
import io.maskstudio.runs.SweepResult;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A line per finished cell with the time left: the cells still to train times the mean wall time of the cells this
 * command trained, shared among the jobs. Cells finish on several threads with --jobs, hence synchronized.
 */
final class SweepProgress {
    private final int total, jobs;
    private final PrintWriter out;
    private final long start = System.nanoTime();
    private int done;

    SweepProgress(int total, int jobs, PrintWriter out) {
        this.total = total;
        this.jobs = jobs;
        this.out = out;
    }

    synchronized void cellDone(SweepCell cell, SweepResult result, String failure) {
        done++;
        double elapsed = (System.nanoTime() - start) / 1e9;
        String what = failure != null ? failure : Double.isFinite(result.valAccuracy())
                ? String.format(Locale.ROOT, "val_accuracy %.4f", result.valAccuracy()) : "finished (no validation split)";
        out.printf(Locale.ROOT, "[%d/%d] cell %d %s: %s; %s%n", done, total, cell.cell(), cell.label(), what, eta(elapsed));
        out.flush();
    }

    /** Elapsed wall time per finished cell, times the cells left, over the jobs that share them; whole seconds. */
    String eta(double elapsed) {
        int left = total - done;
        if (left == 0) return "done in " + clock(elapsed);
        // elapsed already runs {@code jobs} cells at once, so the per-cell wall time it shows is shared among them
        double perCell = elapsed / done;
        return "ETA " + clock(perCell * left) + " (" + left + " left)";
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
