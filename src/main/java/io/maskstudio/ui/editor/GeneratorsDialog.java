package io.maskstudio.ui.editor;

import io.maskstudio.model.Combine;
import io.maskstudio.model.Generator;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.MaskStats;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.edit.MaskEdit;
import io.maskstudio.render.BipartiteLayout;
import io.maskstudio.render.BipartiteRenderer;
import io.maskstudio.render.MatrixRenderer;
import io.maskstudio.render.MatrixViewport;
import io.maskstudio.render.Raster;
import io.maskstudio.ui.fx.Background;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Generators for the current pair: choose a generator and its parameters, how it combines with the
 * current mask and whether it applies to the whole pair or the selection. A live preview (matrix and
 * bipartite) and the resulting density and fan-in are computed in the background before anything is applied;
 * Apply makes it one undo step.
 */
public final class GeneratorsDialog extends Dialog<ButtonType> {
    public static final ButtonType APPLY = new ButtonType("Apply", ButtonBar.ButtonData.OK_DONE);
    private static final int PREVIEW_W = 300, PREVIEW_H = 240;

    private final Document doc;
    private final int pair;
    private final NetworkDesign design;
    private final ComboBox<Generator> kind = new ComboBox<>();
    private final ComboBox<Combine> combine = new ComboBox<>();
    private final RadioButton wholePair = new RadioButton("Whole pair");
    private final RadioButton selectionOnly = new RadioButton("Selection only");
    private final Map<Generator.Param, Spinner<Double>> spinners = new EnumMap<>(Generator.Param.class);
    private final GridPane paramGrid = new GridPane();
    private final WritableImage matrixImage = new WritableImage(PREVIEW_W, PREVIEW_H);
    private final WritableImage bipartiteImage = new WritableImage(PREVIEW_W, PREVIEW_H);
    private final Label stats = new Label();
    private final Label problem = new Label();
    private Generator.Values values = Generator.Values.defaults();
    private Mask result;
    private long generation;

    public GeneratorsDialog(Window owner, Document doc) {
        this.doc = doc;
        this.pair = doc.pair();
        this.design = doc.design();
        initOwner(owner);
        setTitle("MaskStudio — Generators");
        LayerSpec src = design.layer(pair), tgt = design.layer(pair + 1);
        setHeaderText("Generate connectivity for pair " + pair + ": " + src.name() + " (" + LayerSpecs.shapeText(src) + ") → "
                + tgt.name() + " (" + LayerSpecs.shapeText(tgt) + ")");
        getDialogPane().setId("generatorsDialog");
        kind.setId("generatorKind");
        combine.setId("generatorCombine");
        wholePair.setId("scopeWhole");
        selectionOnly.setId("scopeSelection");
        stats.setId("generatorStats");
        problem.setId("generatorProblem");
        problem.setStyle("-fx-text-fill: #b91c1c;");
        problem.setWrapText(true);
        problem.setMaxWidth(2 * PREVIEW_W + 20);
        stats.setWrapText(true);
        stats.setMaxWidth(2 * PREVIEW_W + 20);
        stats.setMinHeight(Region.USE_PREF_SIZE);
        stats.setStyle("-fx-font-family: monospace; -fx-font-size: 12px;");

        kind.getItems().setAll(Generator.values());
        kind.setValue(src.hasShape() && tgt.hasShape() ? Generator.LOCAL_2D : Generator.RANDOM);
        combine.getItems().setAll(Combine.values());
        combine.setValue(Combine.REPLACE);
        ToggleGroup scope = new ToggleGroup();
        wholePair.setToggleGroup(scope);
        selectionOnly.setToggleGroup(scope);
        Selection sel = doc.selection();
        boolean hasSelection = sel.sourceCount() > 0 || sel.targetCount() > 0;
        selectionOnly.setDisable(!hasSelection);
        (hasSelection ? selectionOnly : wholePair).setSelected(true);
        for (Generator.Param p : Generator.Param.values()) spinners.put(p, spinner(p));

        paramGrid.setHgap(8);
        paramGrid.setVgap(6);
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("Generator"), kind);
        form.add(paramGrid, 1, 1);
        form.addRow(2, new Label("Combine"), combine);
        form.addRow(3, new Label("Apply to"), new HBox(12, wholePair, selectionOnly));
        ImageView mv = new ImageView(matrixImage), bv = new ImageView(bipartiteImage);
        mv.setId("generatorPreview");
        HBox previews = new HBox(10, titled("Matrix", mv), titled("Bipartite", bv));
        VBox content = new VBox(12, form, previews, stats, problem);
        content.setPadding(new Insets(12));
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().setAll(APPLY, ButtonType.CANCEL);

        kind.valueProperty().addListener((o, a, b) -> {
            showParams();
            refresh();
        });
        combine.valueProperty().addListener((o, a, b) -> refresh());
        scope.selectedToggleProperty().addListener((o, a, b) -> refresh());
        showParams();
        refresh();
        setResultConverter(bt -> bt);
        setOnHidden(e -> {
            if (getResult() == APPLY) apply();
        });
    }

    private static VBox titled(String title, ImageView view) {
        Label l = new Label(title);
        l.setStyle("-fx-text-fill: #6b7280;");
        VBox b = new VBox(2, l, view);
        b.setAlignment(Pos.TOP_LEFT);
        b.setStyle("-fx-border-color: #d5d9df; -fx-padding: 4;");
        return b;
    }

    private Spinner<Double> spinner(Generator.Param p) {
        SpinnerValueFactory.DoubleSpinnerValueFactory f = new SpinnerValueFactory.DoubleSpinnerValueFactory(p.min(), p.max(), p.initial(),
                p.isFraction() ? 0.01 : 1);
        if (!p.isFraction()) {
            f.setConverter(new StringConverter<>() {
                @Override public String toString(Double d) { return d == null ? "" : String.valueOf(Math.round(d)); }
                @Override public Double fromString(String s) { return Double.valueOf(s.trim()); }
            });
        }
        Spinner<Double> s = new Spinner<>(f);
        s.setEditable(true);
        s.setPrefWidth(120);
        s.setId("param" + p.name());
        s.valueProperty().addListener((o, a, b) -> {
            if (b == null) return;
            values = values.with(p, b);
            refresh();
        });
        return s;
    }

    private void showParams() {
        paramGrid.getChildren().clear();
        int row = 0;
        for (Generator.Param p : kind.getValue().params()) paramGrid.addRow(row++, new Label(p.label()), spinners.get(p));
    }

    /** Sets a parameter (tests, and callers that pre-fill the dialog). */
    public void set(Generator g, Generator.Param p, double value) {
        kind.setValue(g);
        spinners.get(p).getValueFactory().setValue(value);
    }

    public void setCombine(Combine c) {
        combine.setValue(c);
    }

    /** The mask Apply would set, or null while it is being computed or when the parameters do not fit. */
    public Mask result() {
        return result;
    }

    /** Recomputes the result and previews in the background; older computations are ignored when they finish. */
    private void refresh() {
        long gen = ++generation;
        result = null;
        getDialogPane().lookupButton(APPLY).setDisable(true);
        stats.setText("Computing…");
        Generator g = kind.getValue();
        Generator.Values v = values;
        Combine c = combine.getValue();
        boolean scoped = selectionOnly.isSelected();
        Selection sel = doc.selection();
        LayerSpec src = design.layer(pair), tgt = design.layer(pair + 1);
        Mask current = design.mask(pair).copy();
        Task<Preview> task = new Task<>() {
            @Override
            protected Preview call() {
                Mask pattern = g.generate(src, tgt, current, v);
                Mask combined = c.apply(current, pattern);
                if (scoped) combined = Combine.withinSelection(current, combined, sel.sources(), sel.targets());
                return Preview.of(src, tgt, current, combined);
            }
        };
        task.setOnSucceeded(e -> {
            if (gen != generation) return;
            Preview p = task.getValue();
            result = p.mask;
            blit(p.matrix, matrixImage);
            blit(p.bipartite, bipartiteImage);
            stats.setText(p.text);
            problem.setText("");
            getDialogPane().lookupButton(APPLY).setDisable(false);
        });
        task.setOnFailed(e -> {
            if (gen != generation) return;
            Throwable t = task.getException();
            stats.setText("");
            problem.setText(t instanceof IllegalArgumentException ? t.getMessage() : String.valueOf(t));
        });
        Background.run(task);
    }

    private static void blit(Raster r, WritableImage img) {
        img.getPixelWriter().setPixels(0, 0, r.width(), r.height(), PixelFormat.getIntArgbInstance(), r.pixels(), 0, r.width());
    }

    private void apply() {
        if (result == null || doc.design() != design || doc.pair() != pair) return;
        Generator g = kind.getValue();
        String label = g.describe(values) + (combine.getValue() == Combine.REPLACE ? "" : " (" + combine.getValue() + ")")
                + (selectionOnly.isSelected() ? " on the selection" : "") + ": {cells}";
        MaskEdit edit = MaskEdit.replace(design, pair, result, label);
        if (edit.changedCells() > 0) doc.history().perform(edit);
    }

    /** Everything the preview shows, built off the FX thread. */
    private record Preview(Mask mask, Raster matrix, Raster bipartite, String text) {
        static Preview of(LayerSpec src, LayerSpec tgt, Mask current, Mask m) {
            Raster mr = new Raster(PREVIEW_W, PREVIEW_H);
            new MatrixRenderer().render(mr, m, MatrixViewport.fit(m.rows(), m.cols(), PREVIEW_W, PREVIEW_H));
            Raster br = new Raster(PREVIEW_W, PREVIEW_H);
            new BipartiteRenderer().render(br, BipartiteLayout.of(src, tgt, PREVIEW_W, PREVIEW_H), m);
            MaskStats s = MaskStats.of(m);
            long added = m.difference(current).nnz(), removed = current.difference(m).nnz();
            String text = String.format(Locale.ROOT,
                    "%,d connections   ·   density %.2f%%   ·   change +%,d / −%,d cells%n"
                            + "fan-in min / mean / max   %d / %.1f / %d   ·   targets without input: %d%n"
                            + "fan-out min / mean / max   %d / %.1f / %d   ·   sources without output: %d",
                    s.nnz(), 100 * s.density(), added, removed,
                    s.fanInMin(), s.fanInMean(), s.fanInMax(), s.outputsWithoutInput(),
                    s.fanOutMin(), s.fanOutMean(), s.fanOutMax(), s.inputsWithoutOutput());
            return new Preview(m, mr, br, text);
        }
    }
}
