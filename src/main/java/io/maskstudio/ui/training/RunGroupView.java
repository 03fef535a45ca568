package io.maskstudio.ui.training;

import io.maskstudio.runs.RunGroup;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An opened sweep or lottery folder, in place of a run's curves: what it is (kind, runs, best result), its
 * accuracy-vs-density chart as the command drew it, and its results table (results.csv / levels.csv as written).
 * A double click on a sweep's result row opens that cell's run; "Back to current run" leaves.
 */
final class RunGroupView extends VBox {
    private final Label what = new Label();
    private final Label chartNote = new Label();
    private final ImageView chart = new ImageView();
    private final TableView<List<String>> results = new TableView<>();
    final Button back = new Button("Back to current run");
    private Consumer<Path> onOpenRun = p -> { };
    private RunGroup shown;

    RunGroupView() {
        setId("runGroupView");
        setSpacing(8);
        setPadding(new Insets(8, 10, 8, 10));
        what.setId("groupText");
        what.setWrapText(true);
        what.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(what, Priority.ALWAYS);
        back.setId("groupBack");
        back.setTooltip(new Tooltip("Show the run trained in this window again"));
        back.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, what, back);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("saved-run-bar");
        bar.setPadding(new Insets(4, 8, 4, 8));
        chart.setId("groupChart");
        chart.setPreserveRatio(true);
        chart.setSmooth(true);
        chartNote.setId("groupChartNote");
        chartNote.setWrapText(true);
        StackPane chartArea = new StackPane(chart, chartNote);
        chartArea.setAlignment(Pos.TOP_LEFT);
        chartArea.setMinWidth(200);
        // The chart takes at most half the width; it shrinks with the window, never grows past its own pixels.
        chart.fitWidthProperty().bind(widthProperty().multiply(0.5).subtract(20));
        results.setId("groupResults");
        results.setPlaceholder(new Label("No results yet: the table fills as runs finish."));
        results.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        results.setRowFactory(t -> {
            TableRow<List<String>> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && row.getItem() != null) openRowRun(row.getItem());
            });
            return row;
        });
        HBox.setHgrow(results, Priority.ALWAYS);
        HBox body = new HBox(12, chartArea, results);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(bar, body);
        managedProperty().bind(visibleProperty());
        setVisible(false);
    }

    /** What a double click on a result row opens (the run of that sweep cell). */
    void setOnOpenRun(Consumer<Path> open) {
        onOpenRun = open;
    }

    void show(RunGroup g) {
        shown = g;
        List<String> parts = new ArrayList<>();
        String kind = g.isSweep() ? "Sweep" : "Lottery";
        parts.add(kind + " " + g.label() + " · " + g.members().size() + (g.members().size() == 1 ? " run" : " runs") + " · best " + g.best() + " · " + g.dir());
        if (!g.problems().isEmpty()) parts.add("Could not read everything: " + String.join("; ", g.problems()));
        what.setText(String.join("\n", parts));
        what.setTooltip(new Tooltip(String.join("\n", parts)));
        if (g.chart() != null) {
            chart.setImage(new Image(g.chart().toUri().toString()));
            chartNote.setText("");
        } else {
            chart.setImage(null);
            chartNote.setText("No " + RunGroup.CHART_PNG + " yet: the " + g.kind() + " command draws it when its runs have finished.");
        }
        results.getColumns().clear();
        for (int k = 0; k < g.header().size(); k++) {
            int col = k;
            TableColumn<List<String>, String> c = new TableColumn<>(g.header().get(k));
            c.setCellValueFactory(d -> new ReadOnlyStringWrapper(col < d.getValue().size() ? d.getValue().get(col) : ""));
            c.setSortable(true);
            results.getColumns().add(c);
        }
        results.setItems(FXCollections.observableArrayList(g.rows()));
        setVisible(true);
    }

    void hide() {
        shown = null;
        setVisible(false);
    }

    RunGroup shown() {
        return shown;
    }

    /** A sweep's result row names its cell by method, density and seed: the member of that role. */
    private void openRowRun(List<String> row) {
        RunGroup g = shown;
        if (g == null || !g.isSweep()) return;
        int m = g.header().indexOf("method"), d = g.header().indexOf("density"), s = g.header().indexOf("seed");
        if (m < 0 || d < 0 || s < 0) return;
        for (RunGroup.Member member : g.members()) {
            String[] role = member.role().split(" ");
            if (role.length == 3 && role[0].equals(row.get(m)) && sameNumber(role[1].substring(1), row.get(d)) && role[2].equals("s" + row.get(s))) {
                onOpenRun.accept(member.dir());
                return;
            }
        }
    }

    private static boolean sameNumber(String a, String b) {
        try {
            return Double.parseDouble(a) == Double.parseDouble(b);
        } catch (NumberFormatException e) {
            return a.equals(b);
        }
    }
}
