package io.maskstudio.ui.training;

import io.maskstudio.engine.TrainingSnapshot;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A slider over the run's snapshots, one position per kept snapshot. "Latest" (on by default) follows new epochs
 * as they arrive; moving the knob back turns it off, so the chosen epoch stays put, and moving it to the end (or
 * pressing "Latest") turns it on again. While the knob is held, new epochs wait until it is released: a growing
 * or thinned history would move the knob away from the pointer. When the history has been thinned, a line says
 * how many of the run's epochs it holds, since one arrow key press then skips several epochs.
 */
final class EpochScrubber extends VBox {
    /** Room for "train loss 0.0000 · acc 100.0% · val loss 0.0000 · acc 100.0%" in the default font. */
    private static final double METRICS_WIDTH = 420;
    private final Slider slider = new Slider(0, 0, 0);
    private final ToggleButton follow = new ToggleButton("Latest");
    private final Label epochLabel = new Label("–");
    private final Label metricsLabel = new Label("No run yet.");
    private final Label coverage = new Label();
    private List<TrainingSnapshot> snapshots = List.of();
    /** Snapshots that arrived while the knob was held; shown on release. */
    private List<TrainingSnapshot> pending;
    private TrainingSnapshot selected;
    /** True while this class moves the slider itself, so the move is not taken for the user's choice. */
    private boolean adjusting;
    private Consumer<TrainingSnapshot> onSelect = s -> {};

    EpochScrubber() {
        setId("epochScrubberBox");
        setSpacing(2);
        slider.setId("epochScrubber");
        slider.setBlockIncrement(1);
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        slider.setDisable(true);
        slider.setMinWidth(200);
        HBox.setHgrow(slider, Priority.ALWAYS);
        follow.setId("followLatest");
        follow.setSelected(true);
        follow.setTooltip(new Tooltip("Follow the newest epoch as training goes on"));
        follow.setMinWidth(Region.USE_PREF_SIZE);
        epochLabel.setId("epochLabel");
        // Fixed widths: the texts change with every epoch, and a label that resizes would resize the track under the knob.
        fixWidth(epochLabel, 130);
        metricsLabel.setId("epochMetrics");
        fixWidth(metricsLabel, METRICS_WIDTH);
        metricsLabel.setAlignment(Pos.CENTER_RIGHT);
        coverage.setId("epochCoverage");
        coverage.getStyleClass().add("training-note");
        Label title = new Label("Epoch");
        title.getStyleClass().add("training-heading");
        title.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(10, title, slider, follow, epochLabel, metricsLabel);
        row.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(row, coverage);
        slider.valueProperty().addListener((obs, was, now) -> {
            int i = index(now.doubleValue());
            if (!adjusting && !snapshots.isEmpty()) follow.setSelected(i == snapshots.size() - 1);
            select(i);
        });
        slider.valueChangingProperty().addListener((obs, was, changing) -> {
            if (!changing && pending != null) setSnapshots(pending);
        });
        follow.selectedProperty().addListener((obs, was, on) -> {
            if (on && !snapshots.isEmpty()) moveTo(snapshots.size() - 1);
        });
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

    /** True while "Latest" is on: new epochs are shown as they arrive. */
    boolean following() {
        return follow.isSelected();
    }

    /** Turns "Latest" on (Start resumes a run: the user wants to see it train). */
    void followLatest() {
        follow.setSelected(true);
    }

    /** New history contents: shows the newest while following, else keeps the chosen epoch (or the nearest kept one). */
    void setSnapshots(List<TrainingSnapshot> list) {
        if (slider.isValueChanging()) {
            pending = list;
            return;
        }
        pending = null;
        int keepEpoch = selected == null ? Integer.MAX_VALUE : selected.epoch();
        snapshots = list;
        selected = null; // forces select() below to announce the (possibly equal) choice
        adjusting = true;
        slider.setDisable(list.size() < 2);
        slider.setMax(Math.max(0, list.size() - 1));
        adjusting = false;
        moveTo(follow.isSelected() ? list.size() - 1 : nearest(keepEpoch));
        coverage.setText(coverageText(list));
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
        pending = null;
        selected = null;
        adjusting = true;
        slider.setMax(0);
        slider.setValue(0);
        adjusting = false;
        slider.setDisable(true);
        follow.setSelected(true);
        epochLabel.setText("–");
        metricsLabel.setText("No run yet.");
        coverage.setText("");
    }

    /**
     * "showing 128 of 4,483 epochs · ←/→ step one kept epoch" once the history holds fewer trained epochs than the
     * run has had, else empty. Epoch 0 (the untrained network) is kept but is not an epoch of training.
     */
    static String coverageText(List<TrainingSnapshot> list) {
        TrainingSnapshot newest = last(list);
        if (newest == null) return "";
        long kept = list.stream().filter(s -> s.epoch() > 0).count();
        if (kept >= newest.epoch()) return "";
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.ROOT);
        n.setGroupingUsed(true);
        return "showing " + n.format(kept) + " of " + n.format(newest.epoch()) + " epochs (older ones are thinned out) · ←/→ step one kept epoch";
    }

    private void moveTo(int target) {
        adjusting = true;
        try {
            if (index(slider.getValue()) == target) select(target); else slider.setValue(target);
        } finally {
            adjusting = false;
        }
    }

    private void select(int i) {
        if (i < 0 || i >= snapshots.size() || snapshots.get(i) == selected) return;
        selected = snapshots.get(i);
        boolean latest = i == snapshots.size() - 1;
        epochLabel.setText(selected.epoch() + (latest ? " (latest)" : " of " + last(snapshots).epoch()));
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

    private static void fixWidth(Label l, double w) {
        l.setMinWidth(w);
        l.setPrefWidth(w);
        l.setMaxWidth(w);
    }

    private static int index(double value) {
        return (int) Math.round(value);
    }

    private static TrainingSnapshot last(List<TrainingSnapshot> list) {
        return list.isEmpty() ? null : list.get(list.size() - 1);
    }
}
