package io.maskstudio.ui.editor;

import io.maskstudio.model.DensityAllocation;
import io.maskstudio.model.Generator;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.NetworkMasks;
import io.maskstudio.model.edit.CompoundEdit;
import io.maskstudio.model.edit.Edit;
import io.maskstudio.model.edit.MaskEdit;
import io.maskstudio.ui.fx.LatestOnly;
import io.maskstudio.ui.fx.TaskRunner;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Random masks for every pair at once, at one overall density allocated uniformly or by ERK. The masks and a
 * table of each pair's shape, density and connections are built in the background before anything is applied;
 * Apply replaces every pair's mask as one undo step.
 */
public final class NetworkDensityDialog extends Dialog<ButtonType> {
    public static final ButtonType APPLY = new ButtonType("Apply", ButtonBar.ButtonData.OK_DONE);

    /** One pair of the preview: what the table shows and the mask Apply sets. */
    record PairRow(int pair, String name, String shape, double density, long nnz, Mask mask) {}

    /** The whole preview, built off the FX thread. */
    private record Preview(List<PairRow> rows, long nnz, long cells, String asked, DensityAllocation allocation) {}

    private final Document doc;
    private final NetworkDesign design;
    private final TextField density = new TextField("0.1");
    private final TextField seed = new TextField("42");
    private final ComboBox<DensityAllocation> allocation = new ComboBox<>();
    private final TableView<PairRow> table = new TableView<>();
    private final Label total = new Label();
    private final Label problem = new Label();
    private final PauseTransition typingPause = new PauseTransition(GeneratorsDialog.TYPING_PAUSE);
    private final LatestOnly previews;
    private Preview result;
    private boolean computing, applyWhenReady;

    public NetworkDensityDialog(Window owner, Document doc, TaskRunner tasks) {
        this.doc = doc;
        this.design = doc.design();
        this.previews = new LatestOnly(tasks);
        initOwner(owner);
        setTitle("MaskStudio — Sparse Network at Density");
        setResizable(true);
        setHeaderText("Random masks for all " + design.pairCount() + " pairs, at one density for the whole network");
        DialogPane pane = getDialogPane();
        pane.setId("networkDensityDialog");
        pane.getStylesheets().add(NetworkDensityDialog.class.getResource("/io/maskstudio/ui/maskstudio.css").toExternalForm());
        pane.getStyleClass().addAll("generators-dialog", "network-density-dialog");
        density.setId("networkDensity");
        seed.setId("networkSeed");
        allocation.setId("networkAllocation");
        table.setId("networkDensityTable");
        total.setId("networkDensityTotal");
        problem.setId("networkDensityProblem");
        problem.getStyleClass().add("generator-problem");
        total.getStyleClass().add("generator-stats");
        for (Label l : new Label[] {total, problem}) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.setMaxWidth(Double.MAX_VALUE);
        }
        for (TextField f : new TextField[] {density, seed}) {
            f.setPrefColumnCount(8);
            f.setMaxWidth(Region.USE_PREF_SIZE);
        }
        allocation.getItems().setAll(DensityAllocation.values());
        allocation.setConverter(new StringConverter<>() {
            @Override public String toString(DensityAllocation a) { return a == null ? "" : label(a); }
            @Override public DensityAllocation fromString(String s) { return null; }
        });
        allocation.setValue(DensityAllocation.UNIFORM);

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("Density"), density, new Label("a fraction 0..1 or a percentage, of all connections"));
        form.addRow(1, new Label("Allocation"), allocation);
        form.addRow(2, new Label("Seed"), seed);
        setUpTable();
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox content = new VBox(10, form, table, total, problem);
        content.setPadding(new Insets(12));
        pane.setContent(content);
        pane.getButtonTypes().setAll(APPLY, ButtonType.CANCEL);
        pane.lookupButton(APPLY).addEventFilter(ActionEvent.ACTION, this::applyPressed);

        density.textProperty().addListener((o, a, b) -> typingPause.playFromStart());
        seed.textProperty().addListener((o, a, b) -> typingPause.playFromStart());
        allocation.valueProperty().addListener((o, a, b) -> refresh());
        typingPause.setOnFinished(e -> refresh());
        setResultConverter(bt -> bt);
        setOnHidden(e -> {
            typingPause.stop();
            previews.cancel();
            if (getResult() == APPLY) apply();
        });
        refresh();
    }

    /** What the allocation list says: the name and, for ERK, the rule. */
    static String label(DensityAllocation a) {
        return switch (a) {
            case UNIFORM -> "Uniform (every pair at the density)";
            case ERK -> "ERK (Erdős–Rényi: small layers denser)";
        };
    }

    private void setUpTable() {
        table.getColumns().add(column("Pair", r -> r.pair() + ": " + r.name(), 220));
        table.getColumns().add(column("Shape (out × in)", PairRow::shape, 130));
        table.getColumns().add(column("Density", r -> String.format(Locale.ROOT, "%.2f%%", 100 * r.density()), 90));
        table.getColumns().add(column("Connections", r -> String.format(Locale.ROOT, "%,d", r.nnz()), 110));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(Math.min(10, design.pairCount() + 1) * 26 + 8);
        table.setPlaceholder(new Label("Computing…"));
    }

    private static TableColumn<PairRow, String> column(String title, Function<PairRow, String> text, double width) {
        TableColumn<PairRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(text.apply(f.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    /** Apply while the preview is being computed waits for it and then applies; with a typing problem it does nothing. */
    private void applyPressed(ActionEvent e) {
        if (typingPause.getStatus() == Animation.Status.RUNNING) {
            typingPause.stop();
            refresh();
        }
        if (computing || result == null) {
            e.consume();
            if (computing) {
                applyWhenReady = true;
                total.setText("Computing… the masks are applied when they are ready.");
            }
        }
    }

    /** Reads the fields and recomputes the masks in the background; a field that does not parse says why instead. */
    private void refresh() {
        result = null;
        double d;
        long s;
        try {
            d = Generator.Param.DENSITY.parse(density.getText());
            s = (long) Generator.Param.SEED.parse(seed.getText());
        } catch (IllegalArgumentException e) {
            previews.cancel();
            computing = applyWhenReady = false;
            table.getItems().clear();
            total.setText("");
            problem.setText(e.getMessage());
            getDialogPane().lookupButton(APPLY).setDisable(true);
            return;
        }
        computing = true;
        problem.setText("");
        getDialogPane().lookupButton(APPLY).setDisable(false);
        if (!applyWhenReady) total.setText("Computing…");
        DensityAllocation a = allocation.getValue();
        NetworkDesign copy = design.copy();
        previews.submit(() -> preview(copy, a, d, s), p -> {
            computing = false;
            result = p;
            table.getItems().setAll(p.rows());
            total.setText(String.format(Locale.ROOT, "Network: %,d of %,d connections · density %.2f%%", p.nnz(), p.cells(),
                    100.0 * p.nnz() / p.cells()));
            if (applyWhenReady) {
                applyWhenReady = false;
                setResult(APPLY);
            }
        }, t -> {
            computing = applyWhenReady = false;
            total.setText("");
            table.getItems().clear();
            problem.setText(t instanceof IllegalArgumentException ? t.getMessage() : String.valueOf(t));
            getDialogPane().lookupButton(APPLY).setDisable(true);
        });
    }

    private static Preview preview(NetworkDesign d, DensityAllocation a, double density, long seed) {
        List<Mask> masks = NetworkMasks.random(d, a, density, seed);
        List<PairRow> rows = new ArrayList<>(masks.size());
        long nnz = 0, cells = 0;
        for (int k = 0; k < masks.size(); k++) {
            Mask m = masks.get(k);
            long c = (long) m.rows() * m.cols(), n = m.nnz();
            rows.add(new PairRow(k, d.layer(k).name() + " → " + d.layer(k + 1).name(), m.rows() + " × " + m.cols(), (double) n / c, n, m));
            nnz += n;
            cells += c;
        }
        return new Preview(List.copyOf(rows), nnz, cells, Generator.Param.DENSITY.format(density), a);
    }

    private void apply() {
        Preview p = result;
        if (p == null || doc.design() != design || p.rows().size() != design.pairCount()) return;
        List<Edit> edits = new ArrayList<>();
        for (PairRow r : p.rows()) {
            if (!r.mask().sameShape(design.mask(r.pair()))) return; // the layers changed since the preview
            MaskEdit e = MaskEdit.replace(design, r.pair(), r.mask(), "pair " + r.pair() + ": {cells}");
            if (e.changedCells() > 0) edits.add(e);
        }
        if (edits.isEmpty()) return;
        String what = "Sparse network at density " + p.asked() + " (" + (p.allocation() == DensityAllocation.ERK ? "ERK" : "uniform") + ")";
        doc.history().perform(new CompoundEdit(what, edits));
    }
}
