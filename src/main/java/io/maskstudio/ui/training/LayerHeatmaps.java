package io.maskstudio.ui.training;

import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.engine.TrainingEvent;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.MaskGenerators;
import io.maskstudio.render.Raster;
import io.maskstudio.render.ValueRange;
import io.maskstudio.ui.fx.RenderQueue;
import io.maskstudio.ui.fx.TaskRunner;
import io.maskstudio.ui.shell.FileDialogs;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The chosen layer pair of one snapshot: weights, gradient, mask and gradient on absent connections, with
 * the pair's stats and grow/prune hints. Images and hints are computed in the background ({@link RenderQueue}:
 * one at a time, then the newest snapshot or pair). A click on a tile opens the {@link HeatmapViewer},
 * which from then on shows what the tiles show. The tiles' and the viewer's context menus export the shown map
 * ({@link HeatmapExport}).
 */
final class LayerHeatmaps extends VBox {
    static final int BOX_WIDTH = 225;
    static final int BOX_HEIGHT = 180;
    /** The largest image inside a box, leaving a margin so cells never touch the frame. */
    static final int IMAGE_WIDTH = BOX_WIDTH - 10;
    static final int IMAGE_HEIGHT = BOX_HEIGHT - 10;

    /** How many connections Prune/Grow act on before the user types another k. */
    static final int DEFAULT_K = 8;

    /** Applies a hint button's mask to the live design as one undoable edit named {@code label}. */
    @FunctionalInterface
    interface HintAction {
        void apply(int pair, Mask after, TrainingEvent kind, String label);
    }

    /** Everything the worker produces for one (snapshot, pair). */
    private record Rendered(TrainingSnapshot snapshot, int pair, List<LayerSpec> layers, LayerImages images,
                            LayerInsights insights, String error) {}

    private final ComboBox<Integer> pairChooser = new ComboBox<>();
    private final Label stats = new Label();
    private final HeatmapTile weights = new HeatmapTile("weightsHeatmap", "Weights",
            "Weight of each connection (rows: output neurons, columns: inputs). Blue negative, red positive; grey: no connection.",
            BOX_WIDTH, BOX_HEIGHT);
    private final HeatmapTile gradient = new HeatmapTile("gradientHeatmap", "Gradient",
            "Last batch's weight gradient on existing connections. Blue negative, red positive; grey: no connection.",
            BOX_WIDTH, BOX_HEIGHT);
    private final HeatmapTile mask = new HeatmapTile("maskHeatmap", "Mask",
            "Which connections exist: dark present, white absent (shrunk maps show the local density).",
            BOX_WIDTH, BOX_HEIGHT);
    private final HeatmapTile growth = new HeatmapTile("growthHeatmap", "Gradient on absent connections",
            "|gradient| where the mask is 0: bright cells are where adding a connection would reduce the loss fastest. Grey: already connected.",
            BOX_WIDTH, BOX_HEIGHT);
    private final ListView<String> grow = hintList("growHints", "No absent connection, or no gradient yet.");
    private final ListView<String> prune = hintList("pruneHints", "No weights yet.");
    private final Hyperlink receptiveFields = new Hyperlink("Receptive fields…");
    private final Spinner<Integer> hintCount = new Spinner<>(1, Integer.MAX_VALUE, DEFAULT_K);
    private final Button pruneButton = new Button();
    private final Button growButton = new Button();
    private final Label hintNote = new Label();
    private final Spinner<Integer> nOfMN = new Spinner<>(1, 4096, 2);
    private final Spinner<Integer> nOfMM = new Spinner<>(1, 4096, 4);
    private final Button nOfMButton = new Button();
    private HintAction hintAction;
    /** The design's current mask of a pair, or null when the design's layers are not the shown run's. */
    private IntFunction<Mask> designMask = k -> null;
    private final TaskRunner runner;
    private final RenderQueue renders;
    private HeatmapViewer viewer;
    private Rendered shown;
    private List<LayerSpec> layers = List.of();
    private TrainingSnapshot snapshot;
    private TrainingSnapshot requestedSnapshot;
    private int requestedPair = -1;
    private FileDialogs dialogs = FileDialogs.NATIVE;
    private Consumer<String> notices = m -> {};
    private File lastExportDir;

    LayerHeatmaps(TaskRunner runner) {
        this.runner = runner;
        renders = new RenderQueue(runner);
        setSpacing(8);
        pairChooser.setId("pairChooser");
        pairChooser.setCellFactory(v -> new PairCell());
        pairChooser.setButtonCell(new PairCell());
        pairChooser.valueProperty().addListener((obs, was, now) -> request());
        stats.setId("layerStats");
        stats.setWrapText(true);
        Label chooserLabel = new Label("Layer pair");
        chooserLabel.getStyleClass().add("training-heading");
        receptiveFields.setId("receptiveFieldsLink");
        receptiveFields.setTooltip(new Tooltip("Each output neuron's incoming weights in the shape of the input image."));
        receptiveFields.setOnAction(e -> openViewer(null));
        receptiveFields.managedProperty().bind(receptiveFields.visibleProperty());
        receptiveFields.setVisible(false);
        weights.setOnOpen(() -> openViewer(HeatmapKind.WEIGHTS));
        gradient.setOnOpen(() -> openViewer(HeatmapKind.GRADIENT));
        mask.setOnOpen(() -> openViewer(HeatmapKind.MASK));
        growth.setOnOpen(() -> openViewer(HeatmapKind.GROWTH));
        weights.setOnExport(png -> exportMap(HeatmapKind.WEIGHTS, png, getScene().getWindow()));
        gradient.setOnExport(png -> exportMap(HeatmapKind.GRADIENT, png, getScene().getWindow()));
        mask.setOnExport(png -> exportMap(HeatmapKind.MASK, png, getScene().getWindow()));
        growth.setOnExport(png -> exportMap(HeatmapKind.GROWTH, png, getScene().getWindow()));
        HBox header = new HBox(8, chooserLabel, pairChooser, receptiveFields);
        header.setAlignment(Pos.CENTER_LEFT);

        VBox hints = new VBox(4,
                hintCountRow(), hintNote,
                hintRow(hintTitle("Grow: largest |grad|", "Absent connections with the largest |gradient| of the loss: "
                        + "the loss would fall fastest if they existed."), growButton), grow,
                hintRow(hintTitle("Prune: smallest |w|", "Present connections with the smallest |weight|: they contribute least."),
                        pruneButton), prune, nOfMRow());
        hints.setMinWidth(280);
        hints.setPrefWidth(320);
        setUpHintButtons();
        // Tiles and hints wrap onto further rows in a narrow window (1280 px) instead of widening the tab.
        FlowPane body = new FlowPane(10, 10, weights, gradient, mask, growth, hints);
        body.setId("heatmapTiles");
        getChildren().addAll(header, stats, body);
    }

    /** The layers of the run being shown: fills the pair chooser, keeping the chosen pair when it still exists. */
    void setLayers(List<LayerSpec> runLayers) {
        if (runLayers.equals(layers)) return;
        layers = runLayers;
        Integer keep = pairChooser.getValue();
        pairChooser.getItems().setAll(IntStream.range(0, layers.size() - 1).boxed().toList());
        pairChooser.setValue(keep != null && keep < layers.size() - 1 ? keep : 0);
    }

    void show(TrainingSnapshot s) {
        snapshot = s;
        request();
    }

    /** Blits a finished render and hands it to the viewer. */
    private void showRendered(Rendered r) {
        shown = r;
        if (viewer != null) viewer.show(content(r));
        if (r.error() != null) {
            for (HeatmapTile t : List.of(weights, gradient, mask, growth)) t.showMessage(r.error());
            return;
        }
        LayerImages im = r.images();
        showOr(weights, im.weights(), im.weightRange(), "Not copied: this layer is too large to snapshot every epoch.");
        showOr(gradient, im.gradient(), im.gradientRange(), "No gradient yet: train at least one batch.");
        mask.show(im.mask(), "dark: connected · white: absent");
        showOr(growth, im.growth(), im.growthRange(), im.gradient() == null
                ? "No gradient yet: train at least one batch." : "Every connection exists: there is nothing to grow.");
        stats.setText(r.insights().stats());
        grow.getItems().setAll(r.insights().grow());
        prune.getItems().setAll(r.insights().prune());
        updateHintButtons();
    }

    /** Back to the empty state of a panel with no run. */
    void clear() {
        renders.cancel();
        shown = null;
        if (viewer != null) viewer.clear();
        snapshot = null;
        requestedSnapshot = null;
        requestedPair = -1;
        for (HeatmapTile t : List.of(weights, gradient, mask, growth)) t.showMessage("Start training to see this map.");
        stats.setText("");
        grow.getItems().clear();
        prune.getItems().clear();
        updateHintButtons();
    }

    /**
     * Where Prune/Grow send their mask ({@code action}) and how to read the design's current mask of a pair
     * ({@code currentMask}, null when the design's layers differ from the run's): the buttons act only while the
     * shown snapshot's mask is the design's, so what they remove or add is what the lists above show.
     */
    void setHintActions(HintAction action, IntFunction<Mask> currentMask) {
        hintAction = action;
        designMask = currentMask;
        updateHintButtons();
    }

    /** The design changed (an edit, an undo): the buttons may have to wait for a snapshot of the new mask. */
    void designChanged() {
        updateHintButtons();
    }

    private void setUpHintButtons() {
        hintCount.setId("hintCount");
        hintCount.setEditable(true);
        hintCount.setPrefWidth(96);
        hintCount.getEditor().setPrefColumnCount(6);
        Tooltip countTip = new Tooltip("k: how many connections Prune and Grow remove or add (type a number, then press a button).");
        hintCount.setTooltip(countTip);
        hintCount.valueProperty().addListener((obs, was, now) -> updateHintButtons());
        pruneButton.setId("pruneWeakest");
        growButton.setId("growStrongest");
        pruneButton.setTooltip(wrapping("Removes the k present connections with the smallest |weight| in the epoch shown (the prune list, "
                + "continued to k) from the design, as one edit that Edit > Undo takes back. A running trainer applies it at its next batch."
                + " Enabled while the shown epoch's mask of this pair is the design's. Connections just grown start at weight 0, so they"
                + " are the weakest until trained."));
        growButton.setTooltip(wrapping("Adds the k absent connections with the largest |gradient| in the epoch shown (the grow list, "
                + "continued to k) to the design, as one undoable edit. They start at weight 0, so the network's output does not jump; "
                + "a running trainer applies it at its next batch. Enabled while the shown epoch's mask of this pair is the design's."));
        pruneButton.setOnAction(e -> applyHint(TrainingEvent.PRUNE));
        nOfMButton.setId("nOfMByMagnitude");
        nOfMButton.setTooltip(wrapping("Keeps, in every output row, the N largest |weight| of each group of M consecutive inputs (the epoch shown) "
                + "and removes the rest, as one undoable edit: the N:M pattern (2:4 is what sparse tensor cores run). A group with fewer "
                + "than N present connections gets absent ones back at weight 0, so every group has exactly N."));
        nOfMButton.setOnAction(e -> applyNOfM());
        for (Spinner<Integer> s : List.of(nOfMN, nOfMM)) {
            s.setEditable(true);
            s.setPrefWidth(70);
            s.valueProperty().addListener((obs, was, now) -> updateHintButtons());
        }
        nOfMN.setId("nOfMN");
        nOfMM.setId("nOfMM");
        growButton.setOnAction(e -> applyHint(TrainingEvent.GROW));
        hintNote.setId("hintNote");
        hintNote.setWrapText(true);
        hintNote.getStyleClass().add("training-small");
        hintNote.managedProperty().bind(hintNote.visibleProperty());
    }

    /** The spinner's typed text counts even before Enter: the button is what the user pressed to apply it. */
    private Integer typedCount() {
        String text = hintCount.getEditor().getText().trim();
        try {
            int k = Integer.parseInt(text);
            if (k < 1) return null;
            if (k != hintCount.getValue()) hintCount.getValueFactory().setValue(k);
            return k;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void applyHint(TrainingEvent kind) {
        Integer k = typedCount();
        if (k == null) {
            hintNote.setText("k must be a whole number of at least 1, was '" + hintCount.getEditor().getText().trim() + "'.");
            hintNote.setVisible(true);
            hintCount.getEditor().setText(Integer.toString(hintCount.getValue()));
            return;
        }
        Rendered r = shown;
        if (hintAction == null || !actionable(r)) return;
        LayerSnapshot l = r.snapshot().layers().get(r.pair());
        boolean pruning = kind == TrainingEvent.PRUNE;
        int[] cells = pruning ? LayerInsights.weakest(l, k) : LayerInsights.strongest(l, k);
        if (cells.length == 0) return;
        Mask after = l.mask().copy();
        for (int c : cells) after.set(c / l.inFeatures(), c % l.inFeatures(), !pruning);
        String label = (pruning ? "Prune " + cells.length + " weakest" : "Grow " + cells.length + " strongest")
                + " (" + r.layers().get(r.pair()).name() + " → " + r.layers().get(r.pair() + 1).name() + ")";
        hintAction.apply(r.pair(), after, kind, label);
    }

    /** A spinner's typed text as a whole number of at least 1 (committed to the spinner), or null. */
    private static Integer typed(Spinner<Integer> s) {
        try {
            int v = Integer.parseInt(s.getEditor().getText().trim());
            if (v < 1) return null;
            if (v != s.getValue()) s.getValueFactory().setValue(v);
            return v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** "Make N:M by |w|": the shown epoch's weights, restricted to the present connections, through {@link MaskGenerators#nOfMByMagnitude}. */
    private void applyNOfM() {
        Integer n = typed(nOfMN), m = typed(nOfMM);
        if (n == null || m == null) {
            hintNote.setText("N and M must be whole numbers of at least 1, were '" + nOfMN.getEditor().getText().trim() + "' and '"
                    + nOfMM.getEditor().getText().trim() + "'.");
            hintNote.setVisible(true);
            return;
        }
        Rendered r = shown;
        if (hintAction == null || !actionable(r)) return;
        LayerSnapshot l = r.snapshot().layers().get(r.pair());
        if (l.weights() == null) return;
        // Absent connections count as weight 0: a present connection always wins over an absent one of its group.
        float[] w = l.weights().clone();
        for (int c = 0; c < w.length; c++) if (!l.mask().get(c / l.inFeatures(), c % l.inFeatures())) w[c] = 0f;
        Mask after;
        try {
            after = MaskGenerators.nOfMByMagnitude(w, l.outFeatures(), l.inFeatures(), n, m);
        } catch (IllegalArgumentException e) {
            hintNote.setText("Cannot make " + n + ":" + m + ": " + e.getMessage());
            hintNote.setVisible(true);
            return;
        }
        if (after.equals(l.mask())) {
            hintNote.setText("This pair is already " + n + ":" + m + " by |w|: nothing to change.");
            hintNote.setVisible(true);
            return;
        }
        hintAction.apply(r.pair(), after, TrainingEvent.PRUNE, "Make " + n + ":" + m + " by |w|"
                + " (" + r.layers().get(r.pair()).name() + " → " + r.layers().get(r.pair() + 1).name() + ")");
    }

    /** The N:M action: its title and button, and below them "N [ ] of every M [ ] inputs" (fits the hints' 280 px). */
    private VBox nOfMRow() {
        Label title = hintTitle("N:M by |w|", "In each row, N present connections in every group of M consecutive inputs, keeping the largest |weight|.");
        Label nLabel = new Label("N"), mLabel = new Label("of every M");
        nLabel.setLabelFor(nOfMN);
        mLabel.setLabelFor(nOfMM);
        HBox numbers = new HBox(6, nLabel, nOfMN, mLabel, nOfMM, new Label("inputs"));
        numbers.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, hintRow(title, nOfMButton), numbers);
    }

    /** True when the shown render is of the design's current mask (the buttons' cells are the lists' cells). */
    private boolean actionable(Rendered r) {
        if (r == null || r.error() != null) return false;
        Mask current = designMask.apply(r.pair());
        return current != null && current.equals(r.snapshot().layers().get(r.pair()).mask());
    }

    private void updateHintButtons() {
        int k = hintCount.getValue();
        pruneButton.setText("Prune " + k + " weakest");
        growButton.setText("Grow " + k + " strongest");
        Rendered r = shown;
        boolean ok = hintAction != null && actionable(r);
        LayerSnapshot l = ok ? r.snapshot().layers().get(r.pair()) : null;
        pruneButton.setDisable(!ok || l.weights() == null || l.mask().nnz() == 0);
        growButton.setDisable(!ok || l.gradient() == null || r.insights().grow().isEmpty());
        nOfMButton.setText("Make " + nOfMN.getValue() + ":" + nOfMM.getValue() + " by |w|");
        nOfMButton.setDisable(!ok || l.weights() == null);
        String why = r == null || r.error() != null || hintAction == null ? ""
                : designMask.apply(r.pair()) == null ? "The design's layers changed since this run: Prune and Grow wait for a run of them."
                : !ok ? "The design's mask of this pair differs from the epoch shown (edited since, or pruned by the schedule): "
                        + "Prune and Grow wait for a snapshot of it (Step, or the next epoch)."
                : "";
        hintNote.setText(why);
        hintNote.setVisible(!why.isEmpty());
    }

    private static Tooltip wrapping(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(360);
        return t;
    }

    private static HBox hintRow(Label title, Button action) {
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        action.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(6, title, gap, action);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private HBox hintCountRow() {
        Label label = new Label("k");
        label.setLabelFor(hintCount);
        HBox row = new HBox(6, label, hintCount, new Label("connections per press"));
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    void dispose() {
        renders.cancel();
        if (viewer != null) viewer.close();
    }

    /** Opens the large viewer on {@code kind} (null: the receptive fields), owned by this panel's window. */
    private void openViewer(HeatmapKind kind) {
        if (getScene() == null) return;
        if (viewer == null || viewer.stage().getOwner() != getScene().getWindow()) {
            if (viewer != null) viewer.close();
            viewer = new HeatmapViewer(getScene().getWindow(), runner);
            HeatmapViewer v = viewer;
            viewer.setOnExport((shownKind, png) -> exportMap(shownKind, png, v.stage()));
        }
        viewer.show(shown == null ? null : content(shown));
        viewer.open(kind);
    }

    private HeatmapViewer.Content content(Rendered r) {
        if (r.images() == null) return null;
        LayerSpec in = r.pair() < r.layers().size() ? r.layers().get(r.pair()) : null;
        return new HeatmapViewer.Content(pairTitle(r.layers(), r.pair()), when(r.snapshot()), r.images().maps(), in);
    }

    private static String when(TrainingSnapshot s) {
        return s.epoch() == 0 ? "before training (epoch 0)" : "epoch " + s.epoch();
    }

    /** The choosers the exports ask with (tests answer instead of the platform). */
    void setFileDialogs(FileDialogs d) {
        dialogs = d;
    }

    /** Where the outcome of an export is told ("Saved … to …" or why not). */
    void setNotices(Consumer<String> n) {
        notices = n;
    }

    /** The shown snapshot's map of {@code kind} as a file, or null when there is none (no run, map not drawn). */
    HeatmapExport export(HeatmapKind kind) {
        Rendered r = shown;
        if (r == null || r.images() == null) return null;
        LayerMap m = r.images().maps().get(kind);
        if (m == null) return null;
        return new HeatmapExport(kind, m, r.snapshot().layers().get(r.pair()), r.pair(), pairTitle(r.layers(), r.pair()), r.snapshot().epoch());
    }

    /** Asks where (a save chooser owned by {@code owner}), then writes off the FX thread. */
    private void exportMap(HeatmapKind kind, boolean png, Window owner) {
        HeatmapExport e = export(kind);
        if (e == null) {
            notice("Nothing to export: this map is not drawn.");
            return;
        }
        String ext = png ? "png" : "npy";
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + kind.title() + " as " + ext.toUpperCase(Locale.ROOT));
        chooser.setInitialFileName(e.fileName(ext));
        chooser.getExtensionFilters().add(png ? new FileChooser.ExtensionFilter("PNG image", "*.png")
                : new FileChooser.ExtensionFilter("NumPy array", "*.npy"));
        if (lastExportDir != null && lastExportDir.isDirectory()) chooser.setInitialDirectory(lastExportDir);
        File f = dialogs.showSave(chooser, owner);
        if (f == null) return;
        lastExportDir = f.getAbsoluteFile().getParentFile();
        // Choosers on Linux do not add the extension the filter names.
        Path file = f.getName().toLowerCase(Locale.ROOT).endsWith("." + ext) ? f.toPath() : f.toPath().resolveSibling(f.getName() + "." + ext);
        runner.run(() -> {
            if (png) e.writePng(file);
            else e.writeNpy(file);
            return file;
        }, done -> notice("Saved " + done.getFileName() + " to " + done.toAbsolutePath().getParent()),
                err -> notice("Cannot export to " + file + ": " + ModelExport.describe(err)));
    }

    private void notice(String text) {
        notices.accept(text);
        if (viewer != null) viewer.showNotice(text);
    }

    /** The viewer, once opened; for tests. */
    HeatmapViewer viewer() { return viewer; }

    HeatmapTile weightsTile() { return weights; }
    HeatmapTile gradientTile() { return gradient; }
    HeatmapTile growthTile() { return growth; }
    HeatmapTile maskTile() { return mask; }
    ComboBox<Integer> pairChooser() { return pairChooser; }
    Button pruneButton() { return pruneButton; }
    Button nOfMButton() { return nOfMButton; }
    /** The snapshot on the tiles, lists and buttons now (null before any render). */
    TrainingSnapshot shownSnapshot() { return shown == null ? null : shown.snapshot(); }
    Button growButton() { return growButton; }

    private void request() {
        Integer pair = pairChooser.getValue();
        TrainingSnapshot s = snapshot;
        if (s == null || pair == null || pair >= s.layers().size() || pair >= layers.size() - 1) return;
        if (s == requestedSnapshot && pair == requestedPair) return;
        requestedSnapshot = s;
        requestedPair = pair;
        List<LayerSpec> ls = layers;
        receptiveFields.setVisible(ls.get(pair).hasShape());
        renders.submit(() -> {
            try {
                return new Rendered(s, pair, ls, LayerImages.render(s.layers().get(pair), IMAGE_WIDTH, IMAGE_HEIGHT),
                        LayerInsights.of(s, pair, ls), null);
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(LayerHeatmaps.class).error("cannot draw a layer heatmap", e);
                return new Rendered(s, pair, ls, null, null, "Cannot draw this layer: " + e.getMessage());
            }
        }, this::showRendered);
    }

    private static void showOr(HeatmapTile tile, Raster r, ValueRange range, String missing) {
        if (r == null) tile.showMessage(missing);
        else tile.show(r, String.format(Locale.ROOT, "colour range %.3g … %.3g", range.min(), range.max()));
    }

    private static ListView<String> hintList(String id, String empty) {
        ListView<String> l = new ListView<>();
        l.setId(id);
        l.setFixedCellSize(20);
        l.setPrefHeight(LayerInsights.HINTS * 20 + 4);
        l.setMinHeight(LayerInsights.HINTS * 20 + 4);
        l.getStyleClass().add("training-small");
        Label placeholder = new Label(empty);
        placeholder.getStyleClass().add("training-placeholder");
        l.setPlaceholder(placeholder);
        return l;
    }

    private static Label hintTitle(String text, String help) {
        Label l = new Label(text);
        l.setTooltip(wrapping(help));
        l.getStyleClass().add("training-heading");
        return l;
    }

    /** "pixels → hidden (36×64)" for pair k. */
    static String pairTitle(List<LayerSpec> ls, int k) {
        return ls.get(k).name() + " → " + ls.get(k + 1).name() + " (" + ls.get(k + 1).size() + "×" + ls.get(k).size() + ")";
    }

    /** Shows pair k in the chooser. */
    private final class PairCell extends ListCell<Integer> {
        @Override
        protected void updateItem(Integer k, boolean empty) {
            super.updateItem(k, empty);
            setText(empty || k == null || k + 1 >= layers.size() ? null : pairTitle(layers, k));
        }
    }
}
