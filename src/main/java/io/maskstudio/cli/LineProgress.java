package io.maskstudio.cli;

import io.maskstudio.engine.EpochMetrics;

import java.io.PrintWriter;
import java.util.Locale;

/** One line per epoch: readable in logs and CI, where a progress bar would be noise. */
final class LineProgress implements TrainingProgress {
    private final PrintWriter out;

    LineProgress(PrintWriter out) {
        this.out = out;
    }

    @Override public void begin(int epochs, int stepsPerEpoch) {}
    @Override public void step() {}

    @Override
    public void epoch(EpochMetrics m, int epochs, String note) {
        out.println(String.format(Locale.ROOT, "epoch %d/%d  loss %.4f  acc %.4f  val_loss %.4f  val_acc %.4f  %.2fs%s",
                m.epoch(), epochs, m.trainLoss(), m.trainAccuracy(), m.valLoss(), m.valAccuracy(), m.seconds(), note));
    }

    @Override public void close() { out.flush(); }
}
