package io.maskstudio.ui.training;

import io.maskstudio.data.DataException;
import io.maskstudio.data.Datasets;
import io.maskstudio.data.IdxFiles;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.OptimizerKind;
import io.maskstudio.model.PruneSchedule;
import io.maskstudio.model.SparseTraining;
import io.maskstudio.model.TrainingSettings;
import io.maskstudio.ui.fx.TaskRunner;
import io.maskstudio.ui.shell.FileDialogs;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The training settings of the design, edited in place: every committed change goes through
 * {@code design.setSettings}, and {@link #refresh()} shows changes made elsewhere (undo, opening a file).
 * Text fields commit on Enter or when focus leaves; a value the settings reject stays red with the reason.
 * The sparse-training method's parameters are rows of the same grid, laid out anew so only the chosen method's show.
 */
final class SettingsForm extends GridPane {
    static final String CSV_CHOICE = "CSV file…";
    /** An MNIST-family images file (its labels found beside it), checked before it becomes the dataset. */
    static final String IDX_FILE_CHOICE = "Open IDX…";
    /** A folder of the standard four IDX files. */
    static final String IDX_FOLDER_CHOICE = "Open IDX folder…";
    /** A field whose value was refused: outlined in red by maskstudio.css ({@code .text-field:invalid}). */
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private final Supplier<NetworkDesign> design;
    private final ComboBox<String> dataset = new ComboBox<>();
    private final ComboBox<String> optimizer = new ComboBox<>();
    private final TextField learningRate = new TextField();
    private final TextField batchSize = new TextField();
    private final TextField epochs = new TextField();
    private final TextField weightDecay = new TextField();
    private final TextField seed = new TextField();
    private final TextField validation = new TextField();
    private final TextField pruneSchedule = new TextField();
    private final ComboBox<SparseTraining.Method> method = new ComboBox<>();
    private final Label methodDescription = new Label();
    private final TextField updateEvery = new TextField();
    private final TextField dropFraction = new TextField();
    private final TextField updateEnd = new TextField();
    private final TextField targetDensity = new TextField();
    private final TextField pruneStart = new TextField();
    private final TextField pruneEnd = new TextField();
    private final ComboBox<SparseTraining.Scope> scope = new ComboBox<>();
    /** Every row in order; {@link #layoutRows} puts those of the chosen method into the grid. */
    private final List<Row> rows = new ArrayList<>();
    private SparseTraining.Method laidOut;
    private final Label error = new Label();
    private final List<TextField> fields = new ArrayList<>();
    private boolean refreshing;
    private FileDialogs dialogs = FileDialogs.NATIVE;
    private final TaskRunner tasks = TaskRunner.background();

    SettingsForm(Supplier<NetworkDesign> design) {
        this.design = design;
        setHgap(8);
        setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setHalignment(HPos.RIGHT);
        labels.setMinWidth(Control.USE_PREF_SIZE);
        ColumnConstraints inputs = new ColumnConstraints(120, 150, Double.MAX_VALUE);
        inputs.setHgrow(Priority.ALWAYS);
        getColumnConstraints().addAll(labels, inputs);

        dataset.setId("dataset");
        dataset.setMaxWidth(Double.MAX_VALUE);
        // Every built-in set and the file choices at once, without scrolling the list to find "Open IDX…".
        dataset.setVisibleRowCount(16);
        dataset.setCellFactory(v -> new DatasetCell());
        dataset.setButtonCell(new DatasetCell());
        dataset.valueProperty().addListener((obs, was, now) -> datasetChosen(was, now));
        optimizer.setId("optimizer");
        optimizer.setMaxWidth(Double.MAX_VALUE);
        optimizer.getItems().setAll(TrainingSettings.OPTIMIZERS);
        optimizer.valueProperty().addListener((obs, was, now) -> {
            if (!refreshing && now != null) apply(s -> s.withOptimizer(now), null);
        });

        addRow("Dataset", dataset, "A built-in dataset, a CSV file with the class label in the last column, or MNIST-family "
                + "IDX files: an *-images-idx3-ubyte[.gz] file (labels beside it) or a folder with train-* and t10k-* files.");
        addRow("Optimizer", optimizer, optimizerHelp());
        number("Learning rate", learningRate, "learningRate", "Step size, e.g. 0.001. Applies at the next batch while training.",
                (s, t) -> s.withLearningRate(Double.parseDouble(t)));
        number("Batch size", batchSize, "batchSize", "Rows per mini-batch. Applies at the next batch while training.",
                (s, t) -> s.withBatchSize(Integer.parseInt(t)));
        number("Epochs", epochs, "epochs", "How many passes over the training rows; raise it to continue a finished run.",
                (s, t) -> s.withEpochs(Integer.parseInt(t)));
        number("Weight decay", weightDecay, "weightDecay", "L2 penalty (decoupled for adamw). Applies at the next batch.",
                (s, t) -> s.withWeightDecay(Double.parseDouble(t)));
        number("Seed", seed, "seed", "Seeds initialization, the split and the shuffles: the same seed gives the same run.",
                (s, t) -> s.withSeed(Long.parseLong(t)));
        number("Validation", validation, "validationFraction", "Fraction of the rows held out for validation, in [0, 1).",
                (s, t) -> s.withValidationFraction(Double.parseDouble(t)));
        number("Prune schedule", pruneSchedule, "pruneSchedule", "F@E[,E...]: at the end of epoch E remove the fraction F of each "
                + "layer's connections with the smallest |weight|, as train --prune does. 0.5@3,6 halves them at epochs 3 and 6; "
                + "0.5@3,0.25@6 a half, then a quarter. Empty: no pruning. Changes apply from the next epoch's end while training.",
                (s, t) -> s.withPruneSchedule(schedule(t)));
        pruneSchedule.setPromptText("none, e.g. 0.5@3,6");
        sparseRows();
        error.setId("settingsError");
        error.setWrapText(true);
        error.getStyleClass().add("training-error");
        error.setMaxWidth(280);
        error.setMinHeight(Control.USE_PREF_SIZE);
        refresh();
    }

    /**
     * The method chooser and its parameters (as train --method and its options name them). A change reaches a running
     * trainer like the other settings; the engine re-plans the method's schedule from the current step.
     */
    private void sparseRows() {
        Set<SparseTraining.Method> dropGrow = EnumSet.of(SparseTraining.Method.SET, SparseTraining.Method.RIGL);
        Set<SparseTraining.Method> updating = EnumSet.of(SparseTraining.Method.SET, SparseTraining.Method.RIGL, SparseTraining.Method.GMP);
        Set<SparseTraining.Method> rigl = EnumSet.of(SparseTraining.Method.RIGL);
        Set<SparseTraining.Method> gmp = EnumSet.of(SparseTraining.Method.GMP);
        method.setId("sparseMethod");
        method.setMaxWidth(Double.MAX_VALUE);
        method.getItems().setAll(SparseTraining.Method.values());
        method.setConverter(new StringConverter<>() {
            @Override
            public String toString(SparseTraining.Method m) {
                return m == null ? "" : m.id();
            }

            @Override
            public SparseTraining.Method fromString(String text) {
                return SparseTraining.Method.byId(text).orElse(null);
            }
        });
        method.valueProperty().addListener((obs, was, now) -> {
            if (now == null) return;
            showMethod(now);
            if (!refreshing) apply(s -> s.withSparse(s.sparse().withMethod(now)), null);
        });
        addRow("Method", method, methodHelp());
        methodDescription.setId("methodDescription");
        methodDescription.setWrapText(true);
        methodDescription.getStyleClass().add("training-note");
        methodDescription.setMaxWidth(280);
        // Wrapped in full, not cut to one line with an ellipsis.
        methodDescription.setMinHeight(Control.USE_PREF_SIZE);
        rows.add(new Row(null, methodDescription, EnumSet.allOf(SparseTraining.Method.class)));
        number("Update every (ΔT)", updateEvery, "updateEvery", "Steps (mini-batches) between mask updates, at least 1 (train --update-every).",
                updating, (s, t) -> s.withSparse(s.sparse().withUpdateEvery(Long.parseLong(t))));
        number("Drop fraction (ζ)", dropFraction, "dropFraction", "Share of each sparse pair's connections dropped and regrown at an "
                + "update, in [0, 1]; RigL lowers it along a cosine to 0 at the update end (train --drop-fraction).",
                dropGrow, (s, t) -> s.withSparse(s.sparse().withDropFraction(Double.parseDouble(t))));
        number("Update end", updateEnd, "updateEnd", "Share of the run's steps after which RigL no longer changes the mask, in (0, 1] "
                + "(train --update-end).", rigl, (s, t) -> s.withSparse(s.sparse().withUpdateEnd(Double.parseDouble(t))));
        number("Target density", targetDensity, "targetDensity", "The density gradual pruning reaches, in (0, 1] (train --target-density).",
                gmp, (s, t) -> s.withSparse(s.sparse().withTargetDensity(Double.parseDouble(t))));
        // Start and end share a row: gmp's rows would otherwise push Start off a 800 px high window.
        commitsTo(pruneStart, "pruneStart", (s, t) -> s.withSparse(s.sparse().withPruneEpochs(epochNumber(t), s.sparse().pruneEnd())));
        commitsTo(pruneEnd, "pruneEnd", (s, t) -> s.withSparse(s.sparse().withPruneEpochs(s.sparse().pruneStart(), epochNumber(t))));
        pruneStart.setTooltip(tip("The epoch pruning starts after; 0: from the first step (train --prune-start)."));
        pruneEnd.setTooltip(tip("The epoch by whose end the target density is reached; empty: three quarters of the epochs (train --prune-end)."));
        pruneEnd.setPromptText("¾ of all");
        pruneStart.setPrefColumnCount(3);
        pruneEnd.setPrefColumnCount(3);
        HBox.setHgrow(pruneStart, Priority.ALWAYS);
        HBox.setHgrow(pruneEnd, Priority.ALWAYS);
        Label to = new Label("to");
        to.setMinWidth(Control.USE_PREF_SIZE);
        HBox pruneEpochs = new HBox(6, pruneStart, to, pruneEnd);
        pruneEpochs.setAlignment(Pos.CENTER_LEFT);
        addRow("Prune epochs", pruneEpochs, "Gradual pruning runs from the end of the first epoch given (0: from the first step) to the end "
                + "of the second (empty: three quarters of the epochs), as train --prune-start and --prune-end.", gmp);
        scope.setId("pruneScope");
        scope.setMaxWidth(Double.MAX_VALUE);
        scope.getItems().setAll(SparseTraining.Scope.values());
        scope.setConverter(new StringConverter<>() {
            @Override
            public String toString(SparseTraining.Scope sc) {
                return sc == null ? "" : sc.id();
            }

            @Override
            public SparseTraining.Scope fromString(String text) {
                return SparseTraining.Scope.byId(text).orElse(null);
            }
        });
        scope.valueProperty().addListener((obs, was, now) -> {
            if (!refreshing && now != null) apply(s -> s.withSparse(s.sparse().withScope(now)), null);
        });
        addRow("Scope", scope, "pair: each pair pruned to the target alone; global: all pairs ranked together by |weight| (train --scope).", gmp);
    }

    private void showMethod(SparseTraining.Method m) {
        methodDescription.setText(m.description());
        layoutRows(m);
    }

    /** An epoch number typed in a field; empty means 0 (the default the setting explains). */
    private static int epochNumber(String text) {
        return text.isEmpty() ? 0 : Integer.parseInt(text);
    }

    /** Shows the design's current settings (after an undo, a file load or our own edit). */
    void refresh() {
        refreshing = true;
        try {
            TrainingSettings s = design.get().settings();
            List<String> names = new ArrayList<>(Datasets.builtinNames());
            if (!names.contains(s.dataset())) names.add(s.dataset());
            names.add(CSV_CHOICE);
            names.add(IDX_FILE_CHOICE);
            names.add(IDX_FOLDER_CHOICE);
            if (!dataset.getItems().equals(names)) dataset.getItems().setAll(names);
            dataset.setValue(s.dataset());
            optimizer.setValue(s.optimizer());
            learningRate.setText(format(s.learningRate()));
            batchSize.setText(Integer.toString(s.batchSize()));
            epochs.setText(Integer.toString(s.epochs()));
            weightDecay.setText(format(s.weightDecay()));
            seed.setText(Long.toString(s.seed()));
            validation.setText(format(s.validationFraction()));
            pruneSchedule.setText(s.pruneSchedule().toString());
            SparseTraining sparse = s.sparse();
            method.setValue(sparse.method());
            showMethod(sparse.method());
            updateEvery.setText(Long.toString(sparse.updateEvery()));
            dropFraction.setText(format(sparse.dropFraction()));
            updateEnd.setText(format(sparse.updateEnd()));
            targetDensity.setText(format(sparse.targetDensity()));
            pruneStart.setText(Integer.toString(sparse.pruneStart()));
            pruneEnd.setText(sparse.pruneEnd() == 0 ? "" : Integer.toString(sparse.pruneEnd()));
            scope.setValue(sparse.scope());
            for (TextField f : fields) f.pseudoClassStateChanged(INVALID, false);
            error.setText("");
        } finally {
            refreshing = false;
        }
    }

    /** Dataset, seed and validation split are fixed once a run has loaded its data. */
    void setRunActive(boolean active) {
        for (Control c : List.of(dataset, seed, validation)) {
            c.setDisable(active);
        }
    }

    /** A label and its input, shown for {@code methods} only (all of them for the settings every run has). */
    private record Row(Label label, Node input, Set<SparseTraining.Method> methods) {}

    private void addRow(String text, Control input, String help) {
        addRow(text, input, help, EnumSet.allOf(SparseTraining.Method.class));
    }

    private void addRow(String text, Node input, String help, Set<SparseTraining.Method> methods) {
        Label label = new Label(text);
        label.setLabelFor(input);
        Tooltip tip = tip(help);
        label.setTooltip(tip);
        if (input instanceof Control c) c.setTooltip(tip);
        rows.add(new Row(label, input, methods));
    }

    private static Tooltip tip(String help) {
        Tooltip tip = new Tooltip(help);
        tip.setWrapText(true);
        tip.setMaxWidth(320);
        return tip;
    }

    /** Puts the rows of method {@code m} into the grid, one after another. */
    private void layoutRows(SparseTraining.Method m) {
        if (m == laidOut) return;
        laidOut = m;
        getChildren().clear();
        int r = 0;
        for (Row row : rows) {
            if (!row.methods().contains(m)) continue;
            if (row.label() == null) {
                add(row.input(), 0, r++, 2, 1);
                continue;
            }
            add(row.label(), 0, r);
            add(row.input(), 1, r++);
        }
    }

    /**
     * The form in a scroll pane as high as the form wants, with the refusal line below it: a window too low for every
     * row (gmp's parameters at 800 px) scrolls the rows instead of pushing Start and the status line out of the window,
     * and the reason a value was refused stays in view whichever row it is about.
     */
    VBox inScrollPane() {
        ScrollPane scroll = new ScrollPane(this);
        scroll.setId("settingsScroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        // No frame; the viewport keeps the panel's -fx-background (transparent there would pale every label's text).
        scroll.setStyle("-fx-background-color: transparent; -fx-padding: 0 4 0 0;");
        scroll.setMinViewportHeight(90);
        // Only fitted to the width, the content gets its preferred height: the viewport asks for as much.
        scroll.prefViewportHeightProperty().bind(heightProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        return new VBox(4, scroll, error);
    }

    private void number(String text, TextField field, String id, String help, BiFunction<TrainingSettings, String, TrainingSettings> with) {
        number(text, field, id, help, EnumSet.allOf(SparseTraining.Method.class), with);
    }

    private void number(String text, TextField field, String id, String help, Set<SparseTraining.Method> methods,
                        BiFunction<TrainingSettings, String, TrainingSettings> with) {
        commitsTo(field, id, with);
        addRow(text, field, help, methods);
    }

    /** Makes {@code field} commit {@code with} on Enter and when focus leaves. */
    private void commitsTo(TextField field, String id, BiFunction<TrainingSettings, String, TrainingSettings> with) {
        field.setId(id);
        fields.add(field);
        field.setOnAction(e -> commit(field, with));
        field.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) commit(field, with);
        });
    }

    private void commit(TextField field, BiFunction<TrainingSettings, String, TrainingSettings> with) {
        if (refreshing) return;
        String text = field.getText().trim();
        apply(s -> with.apply(s, text), field);
    }

    /** Applies an edit to the design, or marks {@code field} and says why the value was refused. */
    private void apply(Function<TrainingSettings, TrainingSettings> edit, TextField field) {
        NetworkDesign d = design.get();
        TrainingSettings next;
        try {
            next = edit.apply(d.settings());
        } catch (NumberFormatException e) {
            refuse(field, "Not a number: " + (field == null ? "" : field.getText().trim()));
            return;
        } catch (IllegalArgumentException e) {
            refuse(field, e.getMessage());
            return;
        }
        if (field != null) field.pseudoClassStateChanged(INVALID, false);
        error.setText("");
        if (!next.equals(d.settings())) d.setSettings(next);
    }

    private void refuse(TextField field, String why) {
        if (field != null) field.pseudoClassStateChanged(INVALID, true);
        error.setText(why.substring(0, 1).toUpperCase(Locale.ROOT) + why.substring(1));
    }

    /** The choosers "CSV file…" and "Open IDX…" ask with (the window's; tests answer instead of the platform). */
    void setFileDialogs(FileDialogs d) {
        dialogs = d;
    }

    private void datasetChosen(String was, String now) {
        if (refreshing || now == null) return;
        if (now.equals(IDX_FILE_CHOICE) || now.equals(IDX_FOLDER_CHOICE)) {
            chooseIdx(now.equals(IDX_FOLDER_CHOICE));
            return;
        }
        if (!now.equals(CSV_CHOICE)) {
            apply(s -> s.withDataset(now), null);
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Training data (CSV, label in the last column)");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv", "*.csv.gz"));
        File f = dialogs.showOpen(chooser, getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            apply(s -> s.withDataset(f.getAbsolutePath()), null);
        }
        // Puts the combo back on the design's dataset (the chosen file, or the old one when cancelled).
        Platform.runLater(this::refresh);
    }

    /**
     * Asks for an IDX images file or folder and reads it off the FX thread: only files that load become the dataset,
     * so a hostile one leaves the design as it was and its one-line reason under the form.
     */
    private void chooseIdx(boolean folder) {
        Window owner = getScene() == null ? null : getScene().getWindow();
        File f;
        if (folder) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("IDX folder (train-images-idx3-ubyte, train-labels-idx1-ubyte, optional t10k-* files)");
            f = dialogs.showDirectory(chooser, owner);
        } else {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("IDX images file (its labels file is found beside it)");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("IDX images", "*idx3-ubyte", "*idx3-ubyte.gz"));
            f = dialogs.showOpen(chooser, owner);
        }
        // The combo goes back to the design's dataset first; the chosen path replaces it once it has loaded.
        Platform.runLater(() -> {
            refresh();
            if (f != null) check(f);
        });
    }

    private void check(File f) {
        String path = f.getAbsolutePath();
        error.setText("Reading " + f.getName() + "…");
        tasks.run(() -> IdxFiles.load(f.toPath()), loaded -> {
            error.setText("");
            apply(s -> s.withDataset(path), null);
        }, failure -> error.setText(failure instanceof DataException ? failure.getMessage() : "Cannot read " + path + ": " + failure));
    }

    /** The schedule typed in the field; a refusal says what the text should look like. */
    private static PruneSchedule schedule(String text) {
        try {
            return PruneSchedule.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("prune schedule: " + e.getMessage() + "; expected " + PruneSchedule.FORM, e);
        }
    }

    /** Shortest text that reads back as the same double, as a user would type it: 0.001, 32, 1e-5, 1e38. */
    static String format(double v) {
        String s = Double.toString(v);
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.endsWith(".0")) mantissa = mantissa.substring(0, mantissa.length() - 2);
        return e < 0 ? mantissa : mantissa + "e" + s.substring(e + 1);
    }

    /** Shows file paths by their name; the full path is in the tooltip of the row. */
    private static final class DatasetCell extends ListCell<String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
            } else if (item.endsWith(".csv") || item.endsWith(".csv.gz") || item.contains(File.separator)) {
                Path p = Path.of(item);
                setText(p.getFileName() == null ? item : p.getFileName().toString());
            } else {
                setText(item);
            }
        }
    }

    /** One line per method, from the one list of them. */
    private static String methodHelp() {
        StringBuilder sb = new StringBuilder("How the masks change while the run trains (train --method):");
        for (SparseTraining.Method m : SparseTraining.Method.values()) sb.append('\n').append(m.id()).append(": ").append(m.description());
        return sb.toString();
    }

    /** One line per optimizer, from the one list of them. */
    private static String optimizerHelp() {
        StringBuilder sb = new StringBuilder();
        for (OptimizerKind k : OptimizerKind.values()) {
            if (sb.length() > 0) sb.append('\n');
            sb.append(k.id()).append(": ").append(k.description());
        }
        return sb.toString();
    }
}
