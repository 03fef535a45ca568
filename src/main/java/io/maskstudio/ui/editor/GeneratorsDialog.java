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
import io.maskstudio.ui.fx.LatestOnly;
import io.maskstudio.ui.fx.TaskRunner;
import io.maskstudio.ui.shell.EdgeResize;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
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
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import javafx.util.StringConverter;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Generators for the current pair: choose a generator and its parameters, how it combines with the
 * current mask and whether it applies to the whole pair or the selection. A live preview (matrix and
 * bipartite) and the resulting density and fan-in are computed in the background before anything is applied;
 * Apply makes it one undo step.
 */
public final class GeneratorsDialog extends Dialog<ButtonType> {
    public static final ButtonType APPLY = new ButtonType("Apply", ButtonBar.ButtonData.OK_DONE);
    private static final int PREVIEW_W = 300, PREVIEW_H = 240;
    /** Typing pauses this long before the preview recomputes: one computation per burst of keys, not per key. */
    static final Duration TYPING_PAUSE = Duration.millis(250);

    private final Document doc;
    private final int pair;
    private final NetworkDesign design;
    private final LayerSpec src, tgt;
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
    /** Each generator's own parameters: switching generators and back keeps what was typed. */
    private final Map<Generator, Generator.Values> perGenerator = new EnumMap<>(Generator.class);
    /** Parameters whose text does not parse, with the reason; while any is here nothing is computed or applied. */
    private final Map<Generator.Param, String> typingProblems = new EnumMap<>(Generator.Param.class);
    private final GeneratorSettings settings = GeneratorSettings.standard();
    private final PauseTransition typingPause = new PauseTransition(TYPING_PAUSE);
    private final LatestOnly previews;
    private Generator.Values values;
    private Mask result;
    private boolean computing, applyWhenReady, populating;

    public GeneratorsDialog(Window owner, Document doc, TaskRunner tasks) {
        this.doc = doc;
        this.previews = new LatestOnly(tasks);
        this.pair = doc.pair();
        this.design = doc.design();
        this.src = design.layer(pair);
        this.tgt = design.layer(pair + 1);
        initOwner(owner);
        setTitle("MaskStudio — Generators");
        setResizable(true);
        setHeaderText("Generate connectivity for pair " + pair + ": " + src.name() + " (" + LayerSpecs.shapeText(src) + ") → "
                + tgt.name() + " (" + LayerSpecs.shapeText(tgt) + ")");
        DialogPane pane = getDialogPane();
        pane.setId("generatorsDialog");
        pane.getStylesheets().add(GeneratorsDialog.class.getResource("/io/maskstudio/ui/maskstudio.css").toExternalForm());
        pane.getStyleClass().add("generators-dialog");
        kind.setId("generatorKind");
        combine.setId("generatorCombine");
        wholePair.setId("scopeWhole");
        selectionOnly.setId("scopeSelection");
        stats.setId("generatorStats");
        problem.setId("generatorProblem");
        problem.getStyleClass().add("generator-problem");
        stats.getStyleClass().add("generator-stats");
        for (Label l : new Label[] {stats, problem}) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.setMaxWidth(Double.MAX_VALUE);
        }

        kind.getItems().setAll(Generator.values());
        combine.getItems().setAll(Combine.values());
        combine.setValue(settings.combine().orElse(Combine.REPLACE));
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
        // Room for the longest parameter list, so switching generators never changes the dialog's height.
        int rows = Arrays.stream(Generator.values()).mapToInt(g -> g.params().size()).max().orElse(0);
        paramGrid.minHeightProperty().bind(kind.heightProperty().add(paramGrid.getVgap()).multiply(rows).subtract(paramGrid.getVgap()));
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("Generator"), kind);
        form.add(paramGrid, 1, 1);
        form.addRow(2, new Label("Combine"), combine);
        form.addRow(3, new Label("Apply to"), new HBox(12, wholePair, selectionOnly));
        FitImage mv = new FitImage(matrixImage), bv = new FitImage(bipartiteImage);
        mv.view.setId("generatorPreview");
        bv.view.setId("generatorBipartitePreview");
        HBox previewRow = new HBox(10, titled("Matrix", mv), titled("Bipartite", bv));
        VBox.setVgrow(previewRow, Priority.ALWAYS);
        // Stats (three lines) and a problem share one area of fixed height: a message never pushes the buttons away.
        StackPane messages = new StackPane(stats, problem);
        messages.setAlignment(Pos.TOP_LEFT);
        Label reserve = new Label("\n\n");
        reserve.getStyleClass().add("generator-stats");
        reserve.setVisible(false);
        messages.getChildren().add(0, reserve);
        VBox content = new VBox(12, form, previewRow, messages);
        content.setPadding(new Insets(12));
        pane.setContent(content);
        pane.getButtonTypes().setAll(APPLY, ButtonType.CANCEL);
        pane.lookupButton(APPLY).addEventFilter(ActionEvent.ACTION, this::applyPressed);

        kind.valueProperty().addListener((o, a, b) -> {
            if (a != null) perGenerator.put(a, values);
            showParams();
            refresh();
        });
        combine.valueProperty().addListener((o, a, b) -> refresh());
        scope.selectedToggleProperty().addListener((o, a, b) -> refresh());
        typingPause.setOnFinished(e -> refresh());
        Generator first = settings.generator().orElse(src.hasShape() && tgt.hasShape() ? Generator.LOCAL_2D : Generator.RANDOM);
        if (!first.fits(src, tgt, valuesFor(first))) first = Generator.RANDOM;
        kind.setValue(first);
        setResultConverter(bt -> bt);
        setOnShown(e -> {
            Window w = pane.getScene().getWindow();
            EdgeResize.keepOnScreen(w);
            if (w instanceof Stage st) {
                st.setMinWidth(Math.min(520, st.getWidth()));
                st.setMinHeight(Math.min(480, st.getHeight()));
            }
            EdgeResize.install(w);
        });
        setOnHidden(e -> {
            typingPause.stop();
            previews.cancel();
            perGenerator.put(kind.getValue(), values);
            settings.remember(kind.getValue(), combine.getValue(), perGenerator);
            if (getResult() == APPLY) apply();
        });
    }

    /** The values a generator starts with here: what the user left it at, if that still fits this pair; else this pair's defaults. */
    private Generator.Values valuesFor(Generator g) {
        Generator.Values v = perGenerator.get(g);
        if (v != null) return v;
        Optional<Generator.Values> remembered = settings.values(g);
        if (remembered.isPresent() && g.fits(src, tgt, remembered.get())) return remembered.get();
        return g.defaultsFor(src, tgt);
    }

    private static VBox titled(String title, Region view) {
        Label l = new Label(title);
        l.getStyleClass().add("generator-preview-title");
        VBox b = new VBox(2, l, view);
        b.setAlignment(Pos.TOP_LEFT);
        b.getStyleClass().add("generator-preview");
        VBox.setVgrow(view, Priority.ALWAYS);
        HBox.setHgrow(b, Priority.ALWAYS);
        return b;
    }

    private Spinner<Double> spinner(Generator.Param p) {
        SpinnerValueFactory.DoubleSpinnerValueFactory f = new SpinnerValueFactory.DoubleSpinnerValueFactory(p.min(), p.max(), p.initial(),
                p.isFraction() ? 0.01 : 1);
        f.setConverter(new StringConverter<>() {
            @Override public String toString(Double d) { return d == null ? "" : p.format(d); }

            // Text that does not parse keeps the current value (and its message stays up); it is never guessed at.
            @Override public Double fromString(String s) {
                try {
                    return p.parse(s);
                } catch (IllegalArgumentException e) {
                    return f.getValue();
                }
            }
        });
        Spinner<Double> s = new Spinner<>(f);
        s.setEditable(true);
        s.setPrefWidth(120);
        s.setId("param" + p.name());
        s.getEditor().textProperty().addListener((o, a, text) -> typed(p, text));
        return s;
    }

    /** Every change of a parameter's text (keys, arrows, a pasted value): parse it, and recompute once typing pauses. */
    private void typed(Generator.Param p, String text) {
        if (populating || !kind.getValue().params().contains(p)) return;
        try {
            values = values.with(p, p.parse(text));
            typingProblems.remove(p);
        } catch (IllegalArgumentException e) {
            typingProblems.put(p, e.getMessage());
        }
        if (!typingProblems.isEmpty()) {
            showTypingProblem();
            return;
        }
        problem.setText("");
        typingPause.playFromStart();
    }

    private void showTypingProblem() {
        typingPause.stop();
        previews.cancel();
        computing = applyWhenReady = false;
        result = null;
        stats.setText("");
        problem.setText(String.join("\n", typingProblems.values()));
        getDialogPane().lookupButton(APPLY).setDisable(true);
    }

    private void showParams() {
        Generator g = kind.getValue();
        values = valuesFor(g);
        typingProblems.clear();
        paramGrid.getChildren().clear();
        populating = true;
        try {
            int row = 0;
            for (Generator.Param p : g.params()) {
                Spinner<Double> s = spinners.get(p);
                s.getValueFactory().setValue(values.get(p));
                s.getEditor().setText(p.format(values.get(p)));
                paramGrid.addRow(row++, new Label(p.label()), s);
            }
        } finally {
            populating = false;
        }
    }

    /** Sets a parameter (tests, and callers that pre-fill the dialog); the preview recomputes at once. */
    public void set(Generator g, Generator.Param p, double value) {
        kind.setValue(g);
        spinners.get(p).getValueFactory().setValue(value);
        typingPause.stop();
        refresh();
    }

    public void setCombine(Combine c) {
        combine.setValue(c);
    }

    /** The mask Apply would set, or null while it is being computed or when the parameters do not fit. */
    public Mask result() {
        return result;
    }

    /**
     * Apply while the preview is still being computed (the click that ends typing starts the last computation)
     * waits for it and then applies: one click is enough. With parameters that do not fit it does nothing.
     */
    private void applyPressed(ActionEvent e) {
        if (!typingProblems.isEmpty()) {
            e.consume();
            return;
        }
        if (typingPause.getStatus() == Animation.Status.RUNNING) {
            typingPause.stop();
            refresh();
        }
        if (computing || result == null) {
            e.consume();
            applyWhenReady = true;
            stats.setText("Computing… the mask is applied when it is ready.");
        }
    }

    /** Recomputes the result and previews in the background; older computations are ignored when they finish. */
    private void refresh() {
        if (!typingProblems.isEmpty()) return;
        result = null;
        String misfit = blockLargerThanMask(kind.getValue(), values);
        if (misfit != null) {
            previews.cancel();
            computing = applyWhenReady = false;
            stats.setText("");
            problem.setText(misfit);
            getDialogPane().lookupButton(APPLY).setDisable(true);
            return;
        }
        computing = true;
        getDialogPane().lookupButton(APPLY).setDisable(false);
        if (!applyWhenReady) stats.setText("Computing…");
        Generator g = kind.getValue();
        Generator.Values v = values;
        Combine c = combine.getValue();
        boolean scoped = selectionOnly.isSelected();
        Selection sel = doc.selection();
        Mask current = design.mask(pair).copy();
        previews.submit(() -> {
            Mask pattern = g.generate(src, tgt, current, v);
            Mask combined = c.apply(current, pattern);
            if (scoped) combined = Combine.withinSelection(current, combined, sel.sources(), sel.targets());
            return Preview.of(src, tgt, current, combined);
        }, p -> {
            computing = false;
            result = p.mask;
            blit(p.matrix, matrixImage);
            blit(p.bipartite, bipartiteImage);
            stats.setText(p.text);
            problem.setText("");
            if (applyWhenReady) {
                applyWhenReady = false;
                setResult(APPLY);
            }
        }, t -> {
            computing = applyWhenReady = false;
            stats.setText("");
            problem.setText(t instanceof IllegalArgumentException ? t.getMessage() : String.valueOf(t));
            getDialogPane().lookupButton(APPLY).setDisable(true);
        });
    }

    /**
     * A block taller or wider than the mask: the generator would accept it as one cut-short block, which is never what
     * was meant (a typo, or the rows and columns swapped), so the dialog refuses it with the limit.
     */
    private String blockLargerThanMask(Generator g, Generator.Values v) {
        if (g != Generator.BLOCK) return null;
        int br = v.integer(Generator.Param.BLOCK_ROWS), bc = v.integer(Generator.Param.BLOCK_COLS);
        if (br > tgt.size()) {
            return "Block rows: a block of " + br + " rows is taller than the mask, which has " + tgt.size() + " rows (the neurons of '"
                    + tgt.name() + "')";
        }
        if (bc > src.size()) {
            return "Block columns: a block of " + bc + " columns is wider than the mask, which has " + src.size() + " columns (the neurons of '"
                    + src.name() + "')";
        }
        return null;
    }

    /** An image that scales with the room the dialog gives it (the dialog is resizable), keeping its aspect. */
    private static final class FitImage extends Region {
        final ImageView view;

        FitImage(WritableImage image) {
            view = new ImageView(image);
            view.setPreserveRatio(true);
            view.setSmooth(true);
            getChildren().add(view);
        }

        @Override protected double computePrefWidth(double h) { return PREVIEW_W; }
        @Override protected double computePrefHeight(double w) { return PREVIEW_H; }
        @Override protected double computeMinWidth(double h) { return PREVIEW_W / 4.0; }
        @Override protected double computeMinHeight(double w) { return PREVIEW_H / 4.0; }

        @Override
        protected void layoutChildren() {
            view.setFitWidth(getWidth());
            view.setFitHeight(getHeight());
            view.relocate((getWidth() - view.prefWidth(-1)) / 2, (getHeight() - view.prefHeight(-1)) / 2);
        }
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
