package io.maskstudio.ui.training;

import io.maskstudio.data.Dataset;
import io.maskstudio.engine.ConfusionMatrix;
import io.maskstudio.engine.SnapshotEvaluation;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.runs.RunValidation;
import io.maskstudio.ui.fx.LatestOnly;
import io.maskstudio.ui.fx.TaskRunner;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * "Confusion matrix (validation)": for the scrubber's epoch, how the validation rows of each true class (rows) were
 * predicted (columns), each cell coloured by its share of the row, with each class's accuracy (recall) beside its row,
 * each predicted class's precision below its column, and the overall accuracy above. Hovering a cell spells it out.
 * Computed off the FX thread, newest request only, and only while the pane is expanded. FX thread only.
 */
public final class ConfusionView extends TitledPane {
    /** Beyond this many classes the cells would be too small to read; the summary still gives the accuracy. */
    static final int MAX_GRID_CLASSES = 40;
    /** Colour steps of a cell's share of its row: style classes confusion-level-0 .. confusion-level-10. */
    static final int LEVELS = 10;
    static final String NOTHING_YET = "Start training to see how the selected epoch classifies the validation set.";
    static final String HOVER_HINT = "Hover a cell for its count and share of the true class.";

    private final LatestOnly latest;
    private final Label summary = new Label(NOTHING_YET);
    private final Label readout = new Label(HOVER_HINT);
    private final GridPane grid = new GridPane();
    private TrainingSnapshot wantedSnapshot;
    private ValidationSource wantedSource;
    private TrainingSnapshot shownSnapshot;
    private ValidationSource shownSource;

    /** What one computation gives: the matrix and class names, or why there is none. */
    record Outcome(int epoch, ConfusionMatrix matrix, List<String> classNames, String problem) {}

    public ConfusionView(TaskRunner runner) {
        this.latest = new LatestOnly(runner);
        setId("confusionPane");
        setText("Confusion matrix (validation)");
        getStyleClass().add("confusion-pane");
        summary.setId("confusionSummary");
        summary.setWrapText(true);
        summary.setMinHeight(USE_PREF_SIZE);
        readout.setId("confusionReadout");
        readout.getStyleClass().add("training-note");
        grid.setId("confusionGrid");
        grid.getStyleClass().add("confusion-grid");
        grid.setHgap(1);
        grid.setVgap(1);
        // As wide as its cells: stretched over a wide window, the columns would drift apart from their labels.
        grid.setMaxWidth(USE_PREF_SIZE);
        Label legend = new Label("Rows: true class · columns: predicted class · colour: share of the row. "
                + "Accuracy is each true class's share predicted right (recall); precision, each predicted class's share that is right.");
        legend.setWrapText(true);
        legend.getStyleClass().add("training-note");
        legend.setMinHeight(USE_PREF_SIZE);
        VBox box = new VBox(6, summary, grid, readout, legend);
        setContent(box);
        expandedProperty().addListener((obs, was, now) -> {
            if (now) update();
        });
    }

    /**
     * Shows {@code snapshot}'s confusion matrix on {@code source}'s validation set (computed when the pane is expanded;
     * the same pair again costs nothing).
     */
    public void show(TrainingSnapshot snapshot, ValidationSource source) {
        wantedSnapshot = snapshot;
        wantedSource = source;
        update();
    }

    /** Forgets the shown run (a fresh one begins). */
    public void clear() {
        latest.cancel();
        wantedSnapshot = null;
        wantedSource = null;
        shownSnapshot = null;
        shownSource = null;
        grid.getChildren().clear();
        summary.setText(NOTHING_YET);
        readout.setText(HOVER_HINT);
    }

    private void update() {
        if (!isExpanded() || wantedSnapshot == null || (wantedSnapshot == shownSnapshot && wantedSource == shownSource)) return;
        TrainingSnapshot s = wantedSnapshot;
        ValidationSource v = wantedSource;
        shownSnapshot = s;
        shownSource = v;
        latest.submit(() -> compute(s, v), this::display, e -> display(new Outcome(s.epoch(), null, List.of(),
                "The confusion matrix could not be computed: " + e.getMessage())));
    }

    /** Off the FX thread. */
    static Outcome compute(TrainingSnapshot s, ValidationSource source) {
        RunValidation v = source.load();
        if (v.data() == null) return new Outcome(s.epoch(), null, List.of(), v.problem());
        Dataset d = v.data();
        if (d.rows() == 0) {
            return new Outcome(s.epoch(), null, List.of(), "No validation split: set a validation fraction above 0 to see a confusion matrix.");
        }
        try {
            ConfusionMatrix m = SnapshotEvaluation.confusion(s, source.activations(), d.x(), d.y());
            List<String> names = new ArrayList<>();
            for (int c = 0; c < m.classes(); c++) names.add(c < d.classNames().size() ? d.classNames().get(c) : Integer.toString(c));
            return new Outcome(s.epoch(), m, names, null);
        } catch (IllegalArgumentException e) {
            return new Outcome(s.epoch(), null, List.of(), "No confusion matrix: " + e.getMessage());
        }
    }

    private void display(Outcome o) {
        grid.getChildren().clear();
        readout.setText(HOVER_HINT);
        if (o.matrix() == null) {
            summary.setText(o.problem());
            return;
        }
        ConfusionMatrix m = o.matrix();
        summary.setText(String.format(Locale.ROOT, "Epoch %d: %,d of %,d validation rows correct (%s)",
                o.epoch(), m.correct(), m.total(), percent(m.accuracy())));
        if (m.classes() > MAX_GRID_CLASSES) {
            summary.setText(summary.getText() + String.format(Locale.ROOT, "; %d classes are too many to draw as cells.", m.classes()));
            return;
        }
        int k = m.classes();
        grid.add(header("true \\ predicted", "confusion-corner"), 0, 0);
        for (int c = 0; c < k; c++) {
            grid.add(header(o.classNames().get(c), "confusion-header", "confusion-predicted-" + c), c + 1, 0);
            grid.add(header(o.classNames().get(c), "confusion-header", "confusion-true-" + c), 0, c + 1);
        }
        grid.add(header("n", "confusion-header"), k + 1, 0);
        grid.add(header("accuracy", "confusion-header"), k + 2, 0);
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) grid.add(cell(m, o.classNames(), t, p), p + 1, t + 1);
            grid.add(figure(String.format(Locale.ROOT, "%,d", m.rowTotal(t)), "confusion-total-" + t), k + 1, t + 1);
            grid.add(figure(percent(m.recall(t)), "confusion-recall-" + t), k + 2, t + 1);
        }
        grid.add(header("precision", "confusion-header"), 0, k + 1);
        for (int p = 0; p < k; p++) grid.add(figure(percent(m.precision(p)), "confusion-precision-" + p), p + 1, k + 1);
    }

    private Label cell(ConfusionMatrix m, List<String> names, int t, int p) {
        long count = m.count(t, p);
        long row = m.rowTotal(t);
        Label l = new Label(Long.toString(count));
        l.setId(cellId(t, p));
        l.getStyleClass().addAll("confusion-cell", "confusion-level-" + level(count, row));
        if (t == p) l.getStyleClass().add("confusion-diagonal");
        l.setAlignment(Pos.CENTER);
        l.setMinWidth(USE_PREF_SIZE);
        l.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        GridPane.setFillWidth(l, true);
        GridPane.setFillHeight(l, true);
        String text = hoverText(names.get(t), names.get(p), count, row);
        l.setOnMouseEntered(e -> readout.setText(text));
        l.setOnMouseExited(e -> readout.setText(HOVER_HINT));
        return l;
    }

    /** "true 3 predicted 5: 17 (2.1 % of class 3)". */
    static String hoverText(String truth, String predicted, long count, long rowTotal) {
        String share = rowTotal == 0 ? "no rows of class " + truth
                : String.format(Locale.ROOT, "%.1f %% of class %s", 100.0 * count / rowTotal, truth);
        return String.format(Locale.ROOT, "true %s predicted %s: %,d (%s)", truth, predicted, count, share);
    }

    static String cellId(int truth, int predicted) {
        return "confusion-cell-" + truth + "-" + predicted;
    }

    /** 0 (none of the row) .. LEVELS (all of it); a non-zero share never rounds down to the empty colour. */
    static int level(long count, long rowTotal) {
        if (count == 0 || rowTotal == 0) return 0;
        return Math.max(1, (int) Math.round((double) LEVELS * count / rowTotal));
    }

    static String percent(double share) {
        return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    private static Label header(String text, String style) {
        return header(text, style, null);
    }

    private static Label header(String text, String style, String id) {
        Label l = new Label(text);
        l.setId(id);
        l.getStyleClass().add(style);
        l.setMinWidth(USE_PREF_SIZE);
        l.setTooltip(new Tooltip(text));
        GridPane.setHalignment(l, HPos.CENTER);
        return l;
    }

    private static Label figure(String text, String id) {
        Label l = new Label(text);
        l.setId(id);
        l.getStyleClass().add("confusion-figure");
        l.setMinWidth(USE_PREF_SIZE);
        GridPane.setHalignment(l, HPos.RIGHT);
        return l;
    }
}
