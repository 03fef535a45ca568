package io.maskstudio.ui.training;

import io.maskstudio.engine.TrainingSnapshot;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.util.List;
import java.util.function.Consumer;

/**
 * A slider over the run's snapshots. At the right end it follows new epochs as they arrive; moved back,
 * it stays on the chosen snapshot (the history may thin out old ones; then the nearest epoch is kept).
 */
final class EpochScrubber extends HBox {
    /** Room for "train loss 0.0000 · acc 100.0% · val loss 0.0000 · acc 100.0%" in the default font. */
    private static final double METRICS_WIDTH = 420;
    private final Slider slider = new Slider(0, 0, 0);
    private final Label epochLabel = new Label("–");
    private final Label metricsLabel = new Label("No run yet.");
    private List<TrainingSnapshot> snapshots = List.of();
    private TrainingSnapshot selected;
    private Consumer<TrainingSnapshot> onSelect = s -> {};

    EpochScrubber() {
        setId("epochScrubberBox");
        setSpacing(10);
        setAlignment(Pos.CENTER_LEFT);
        slider.setId("epochScrubber");
        slider.setBlockIncrement(1);
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        slider.setDisable(true);
        slider.setMinWidth(200);
        HBox.setHgrow(slider, Priority.ALWAYS);
        epochLabel.setId("epochLabel");
        // Fixed widths: the texts change with every epoch, and a label that resizes relayouts the whole row.
        epochLabel.setMinWidth(130);
        epochLabel.setPrefWidth(130);
        epochLabel.setMaxWidth(130);
        metricsLabel.setId("epochMetrics");
        metricsLabel.setMinWidth(METRICS_WIDTH);
        metricsLabel.setPrefWidth(METRICS_WIDTH);
        metricsLabel.setMaxWidth(METRICS_WIDTH);
        metricsLabel.setAlignment(Pos.CENTER_RIGHT);
        Label title = new Label("Epoch");
        title.setStyle("-fx-font-weight: bold;");
        getChildren().addAll(title, slider, epochLabel, metricsLabel);
        slider.valueProperty().addListener((obs, was, now) -> select(index(now.doubleValue())));
    }

    void setOnSelect(Consumer<TrainingSnapshot> action) {
        onSelect = action;
    }

    TrainingSnapshot selected() {
        return selected;
    }

    /** True when the newest snapshot is selected. */
    boolean latestSelected() {
        return selected != null && selected == last(snapshots);
    }

    /** New history contents: follows the newest when the last one was selected, else keeps the chosen epoch. */
    void setSnapshots(List<TrainingSnapshot> list) {
        boolean follow = selected == null || selected == last(snapshots);
        int keepEpoch = selected == null ? Integer.MAX_VALUE : selected.epoch();
        snapshots = list;
        selected = null; // forces select() below to announce the (possibly equal) choice
        slider.setDisable(list.size() < 2);
        slider.setMax(Math.max(0, list.size() - 1));
        int target = follow ? list.size() - 1 : nearest(keepEpoch);
        if (index(slider.getValue()) == target) select(target); else slider.setValue(target);
    }

    /** Says that the heatmaps show the network between two epochs (after Step), not the selected snapshot. */
    void noteBetweenEpochs(String when) {
        epochLabel.setText(when);
        if (selected != null) {
            metricsLabel.setText(selected.epoch() == 0 ? "no epoch completed yet"
                    : "epoch " + selected.epoch() + ": " + StatusText.metrics(selected.metrics()));
        }
    }

    /** Selects the snapshot of {@code epoch} (or the nearest kept one). */
    void selectEpoch(int epoch) {
        slider.setValue(nearest(epoch));
    }

    void clear() {
        snapshots = List.of();
        selected = null;
        slider.setMax(0);
        slider.setValue(0);
        slider.setDisable(true);
        epochLabel.setText("–");
        metricsLabel.setText("No run yet.");
    }

    private void select(int i) {
        if (i < 0 || i >= snapshots.size() || snapshots.get(i) == selected) return;
        selected = snapshots.get(i);
        boolean latest = i == snapshots.size() - 1;
        epochLabel.setText(selected.epoch() + (latest ? " (latest)" : ""));
        metricsLabel.setText(StatusText.metrics(selected.metrics()));
        onSelect.accept(selected);
    }

    private int nearest(int epoch) {
        int best = 0;
        for (int i = 0; i < snapshots.size(); i++) {
            if (Math.abs(snapshots.get(i).epoch() - epoch) < Math.abs(snapshots.get(best).epoch() - epoch)) best = i;
        }
        return best;
    }

    private static int index(double value) {
        return (int) Math.round(value);
    }

    private static TrainingSnapshot last(List<TrainingSnapshot> list) {
        return list.isEmpty() ? null : list.get(list.size() - 1);
    }
}
