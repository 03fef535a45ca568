package io.maskstudio.ui.training;

import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.io.RunManifest;
import io.maskstudio.runs.RunFolder;
import io.maskstudio.runs.RunGroup;
import io.maskstudio.runs.RunLabel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * One line of the Runs list: what {@code runs list} prints for a run folder, plus the two things the user changes
 * here (the label, and whether the run's curves are overlaid for comparison). A sweep or lottery folder is one group
 * line (kind, density range, best result, number of runs) holding the lines of its runs, which the list shows
 * under it, indented, while the group is expanded. Built off the FX thread from a {@link RunFolder} or
 * {@link RunGroup}; the properties are touched on the FX thread only.
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
    /** The group this line is (null: a run). */
    final RunGroup group;
    /** A group's runs, in the group's order; a member's group folder (null: not in a group). */
    final List<RunRow> members;
    final Path parent;
    private final StringProperty label;
    private final BooleanProperty compare = new SimpleBooleanProperty(false);

    private RunRow(Path dir, String label, String method, String density, String best, String last, String status, String date, int epochs,
                   RunGroup group, List<RunRow> members, Path parent) {
        this.dir = dir;
        this.group = group;
        this.members = members;
        this.parent = parent;
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
        return of(run, RunLabel.read(run.dir()), null);
    }

    /** A group's line and its runs' lines (each run labelled with its role in the group unless the user named it). */
    static RunRow of(RunGroup g) {
        List<RunRow> runs = new ArrayList<>();
        for (RunGroup.Member m : g.members()) {
            String label = Files.exists(m.dir().resolve(RunLabel.LABEL_TXT)) ? RunLabel.read(m.dir()) : m.role();
            runs.add(of(RunFolder.open(m.dir()), label, g.dir()));
        }
        double[] d = g.densityBounds();
        String densities = Double.isNaN(d[0]) ? "–" : d[0] == d[1] ? percent(d[0]) : percent(d[0]) + "–" + percent(d[1]);
        return new RunRow(g.dir(), g.label(), g.kind(), densities, g.best(), "–", runs.size() + (runs.size() == 1 ? " run" : " runs"), "",
                0, g, List.copyOf(runs), null);
    }

    boolean isGroup() {
        return group != null;
    }

    private static RunRow of(RunFolder run, String label, Path parent) {
        RunManifest m = run.manifest();
        String date = m != null && m.started() != null ? DATE.format(m.started().atZone(ZoneId.systemDefault())) : "";
        EpochMetrics best = run.bestMetrics();
        return new RunRow(run.dir(), label, run.method(), percent(run.density()),
                best == null ? "–" : percent(best.valAccuracy()) + " (ep " + best.epoch() + ")",
                run.lastMetrics() == null ? "–" : percent(run.lastMetrics().valAccuracy()),
                run.status(), date, run.metrics().size(), null, List.of(), parent);
    }

    private static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f %%", 100 * v) : "–";
    }

    /** Whether {@code other} shows the same folder with the same text in every column (the Compare tick aside). */
    boolean showsSameAs(RunRow other) {
        return dir.equals(other.dir) && label.get().equals(other.label.get()) && method.equals(other.method) && density.equals(other.density)
                && best.equals(other.best) && last.equals(other.last) && status.equals(other.status) && date.equals(other.date)
                && epochs == other.epochs && members.size() == other.members.size()
                && IntStream.range(0, members.size()).allMatch(k -> members.get(k).showsSameAs(other.members.get(k)));
    }

    StringProperty labelProperty() {
        return label;
    }

    BooleanProperty compareProperty() {
        return compare;
    }
}
