package io.maskstudio.ui.training;

import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.io.RunManifest;
import io.maskstudio.runs.RunFolder;
import io.maskstudio.runs.RunLabel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One line of the Runs list: what {@code runs list} prints for a run folder, plus the two things the user changes
 * here (the label, and whether the run's curves are overlaid for comparison). Built off the FX thread from a
 * {@link RunFolder}; the properties are touched on the FX thread only.
 */
final class RunRow {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    final Path dir;
    final String method;
    final String density;
    final String best;
    final String last;
    final String status;
    final String date;
    final int epochs;
    private final StringProperty label;
    private final BooleanProperty compare = new SimpleBooleanProperty(false);

    private RunRow(Path dir, String label, String method, String density, String best, String last, String status, String date, int epochs) {
        this.dir = dir;
        this.label = new SimpleStringProperty(label);
        this.method = method;
        this.density = density;
        this.best = best;
        this.last = last;
        this.status = status;
        this.date = date;
        this.epochs = epochs;
    }

    static RunRow of(RunFolder run) {
        RunManifest m = run.manifest();
        String date = m != null && m.started() != null ? DATE.format(m.started().atZone(ZoneId.systemDefault())) : "";
        EpochMetrics best = run.bestMetrics();
        return new RunRow(run.dir(), RunLabel.read(run.dir()), run.method(), percent(run.density()),
                best == null ? "–" : percent(best.valAccuracy()) + " (ep " + best.epoch() + ")",
                run.lastMetrics() == null ? "–" : percent(run.lastMetrics().valAccuracy()),
                run.status(), date, run.metrics().size());
    }

    private static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f %%", 100 * v) : "–";
    }

    /** Whether {@code other} shows the same folder with the same text in every column (the Compare tick aside). */
    boolean showsSameAs(RunRow other) {
        return dir.equals(other.dir) && label.get().equals(other.label.get()) && method.equals(other.method) && density.equals(other.density)
                && best.equals(other.best) && last.equals(other.last) && status.equals(other.status) && date.equals(other.date)
                && epochs == other.epochs;
    }

    StringProperty labelProperty() {
        return label;
    }

    BooleanProperty compareProperty() {
        return compare;
    }
}
