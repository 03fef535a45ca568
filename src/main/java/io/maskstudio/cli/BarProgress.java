package io.maskstudio.cli;

import io.maskstudio.engine.EpochMetrics;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.util.Locale;

/** A terminal progress bar over all steps, with the latest epoch's figures beside it. */
final class BarProgress implements TrainingProgress {
    private ProgressBar bar;

    @Override
    public void begin(int epochs, int stepsPerEpoch) {
        bar = new ProgressBarBuilder().setTaskName("train").setInitialMax((long) epochs * stepsPerEpoch)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(200).build();
    }

    @Override
    public void step() {
        bar.step();
    }

    @Override
    public void epoch(EpochMetrics m, int epochs, String note) {
        bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d/%d loss %.4f val_acc %.4f%s", m.epoch(), epochs, m.trainLoss(), m.valAccuracy(), note));
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
