package io.maskstudio.ui.training;

import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.engine.Trainer;

import java.util.Locale;

/** The one-line status under the panel, e.g. {@code epoch 3/30 · step 12/45 · 850 steps/s · running}. */
final class StatusText {
    private StatusText() {}

    static String of(Trainer.Progress p, int epochs, double stepsPerSecond, boolean loading) {
        if (loading) return "Loading the dataset and building the network…";
        StringBuilder sb = new StringBuilder();
        sb.append("epoch ").append(p.epoch()).append('/').append(epochs);
        if (p.stepsPerEpoch() > 0) sb.append(" · step ").append(p.step()).append('/').append(p.stepsPerEpoch());
        if (p.state() == Trainer.State.RUNNING && Double.isFinite(stepsPerSecond)) {
            sb.append(String.format(Locale.ROOT, " · %.0f steps/s", stepsPerSecond));
        }
        if (Double.isFinite(p.lastLoss())) sb.append(" · loss ").append(NumberText.loss(p.lastLoss()));
        sb.append(" · ").append(stateName(p.state()));
        return sb.toString();
    }

    static String stateName(Trainer.State s) {
        return switch (s) {
            case PAUSED -> "paused";
            case RUNNING -> "running";
            case FINISHED -> "finished (raise Epochs to continue, or Stop for a new run)";
            case DIVERGED -> "diverged, paused at the last good epoch";
            case FAILED -> "failed";
            case CLOSED -> "stopped";
        };
    }

    /** {@code train loss 0.1234 · acc 95.1% · val loss 0.2000 · acc 93.0%}; validation left out when there is none. */
    static String metrics(EpochMetrics m) {
        if (m.epoch() == 0) return "untrained (initial weights)";
        StringBuilder sb = new StringBuilder("train loss ").append(NumberText.loss(m.trainLoss()))
                .append(String.format(Locale.ROOT, " · acc %.1f%%", 100 * m.trainAccuracy()));
        if (!Double.isNaN(m.valLoss())) {
            sb.append(" · val loss ").append(NumberText.loss(m.valLoss()))
                    .append(String.format(Locale.ROOT, " · acc %.1f%%", 100 * m.valAccuracy()));
        }
        return sb.toString();
    }
}
