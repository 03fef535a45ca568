package io.maskstudio.ui.training;

import io.maskstudio.runs.RunFolder;
import io.maskstudio.runs.RunFolders;
import io.maskstudio.runs.RunGroup;
import io.maskstudio.runs.RunLabel;
import io.maskstudio.ui.fx.LatestOnly;
import io.maskstudio.ui.fx.TaskRunner;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.converter.DefaultStringConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The Runs list of the Training tab: the run folders kept beside the graph, newest first, with what a researcher
 * compares them by (method, density, best and final validation accuracy, status, date). The label is edited in
 * place (saved to the folder's label.txt); ticking "Compare" overlays a run's curves on the shown run's; Open
 * (or a double click) shows a run's curves, heatmaps and snapshots; Delete asks first. A sweep or lottery folder
 * is one group line: its triangle expands it to its runs (which open and compare like any run), and opening the
 * group shows its chart and results. Folders are read off the FX thread; only the newest scan's result is shown.
 */
final class RunsList extends VBox {
    private static final Logger LOG = LoggerFactory.getLogger(RunsList.class);

    private final TableView<RunRow> table = new TableView<>();
    private final ObservableList<RunRow> rows = FXCollections.observableArrayList();
    private final Label where = new Label();
    private final Button open = new Button("Open");
    private final Button delete = new Button("Delete…");
    private final Button refresh = new Button("Refresh");
    private final LatestOnly scans;
    private final TaskRunner tasks;
    private Supplier<Path> root = () -> null;
    private Consumer<Path> onOpen = p -> { };
    private Consumer<List<Path>> onCompare = l -> { };
    private Function<Path, String> deleteBlocker = p -> null;
    private Consumer<String> messages = s -> { };
    private Consumer<String> done = s -> { };
    /** The newest scan's top-level lines (groups hold their runs' lines). */
    private List<RunRow> scanned = List.of();
    /** The groups whose runs are shown under them. */
    private final Set<Path> expanded = new HashSet<>();
    /** Groups opened from elsewhere (File → Open Run…, the command line): listed too, after the runs folder's. */
    private final Set<Path> extraGroups = new LinkedHashSet<>();

    RunsList(TaskRunner tasks) {
        this.tasks = tasks;
        this.scans = new LatestOnly(tasks);
        setId("runsList");
        setSpacing(4);
        table.setId("runsTable");
        table.setItems(rows);
        table.setEditable(true);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No saved runs yet: every Start saves one here."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(List.of(compareColumn(), labelColumn(),
                text("Method", r -> r.method, 70), text("Density", r -> r.density, 70), text("Best val acc", r -> r.best, 110),
                text("Final val acc", r -> r.last, 90), text("Epochs", r -> r.isGroup() ? "" : Integer.toString(r.epochs), 60),
                text("Status", r -> r.status, 75), text("Started", r -> r.date, 120)));
        VBox.setVgrow(table, Priority.ALWAYS);
        open.setId("openRun");
        open.setTooltip(new Tooltip("Show the selected run's curves, heatmaps and snapshots (or double-click it)"));
        delete.setId("deleteRun");
        delete.setTooltip(new Tooltip("Delete the selected run folders from disk (asks first)"));
        refresh.setId("refreshRuns");
        refresh.setTooltip(new Tooltip("Read the runs folder again"));
        open.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        delete.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        open.setOnAction(e -> {
            RunRow r = table.getSelectionModel().getSelectedItem();
            if (r != null) onOpen.accept(r.dir);
        });
        delete.setOnAction(e -> confirmDelete(List.copyOf(table.getSelectionModel().getSelectedItems())));
        refresh.setOnAction(e -> refresh());
        where.setId("runsFolder");
        where.getStyleClass().add("training-note");
        where.setMinWidth(0);
        HBox.setHgrow(where, Priority.ALWAYS);
        where.setMaxWidth(Double.MAX_VALUE);
        for (Button b : List.of(open, delete, refresh)) b.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(6, open, delete, refresh, where);
        bar.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(bar, table);
        setPadding(new Insets(2, 0, 2, 0));
    }

    /** The folder whose runs are listed (read at every refresh: it follows the graph's file). */
    void setRoot(Supplier<Path> root) {
        this.root = Objects.requireNonNull(root);
    }

    void setOnOpen(Consumer<Path> onOpen) {
        this.onOpen = onOpen;
    }

    /** Told the ticked runs, in the list's order, whenever a Compare box changes. */
    void setOnCompare(Consumer<List<Path>> onCompare) {
        this.onCompare = onCompare;
    }

    /** Why a folder must not be deleted now (the run still being recorded); null when it may. */
    void setDeleteBlocker(Function<Path, String> blocker) {
        this.deleteBlocker = blocker;
    }

    /** Where one-line outcomes go: {@code done} for a renamed or deleted run, {@code problems} for what failed or was refused. */
    void setMessages(Consumer<String> done, Consumer<String> problems) {
        this.done = done;
        this.messages = problems;
    }

    /** Reads the runs folder again, off the FX thread; ticks and the selection survive for folders still there. */
    void refresh() {
        Path dir = root.get();
        where.setText(dir == null ? "" : dir.toString());
        where.setTooltip(dir == null ? null : new Tooltip(dir.toString()));
        List<Path> extra = List.copyOf(extraGroups);
        scans.submit(() -> scan(dir, extra), this::show, failure -> {
            LOG.warn("cannot list runs under {}", dir, failure);
            messages.accept(dir + ": cannot list the runs: " + failure.getMessage());
        });
    }

    private static List<RunRow> scan(Path dir, List<Path> extraGroups) throws IOException {
        List<RunRow> found = new ArrayList<>();
        Set<Path> groups = new LinkedHashSet<>();
        if (dir != null && Files.isDirectory(dir)) {
            for (Path p : RunFolder.under(dir)) {
                if (!p.equals(dir)) found.add(RunRow.of(RunFolder.open(p)));
            }
            groups.addAll(RunGroup.under(dir));
        }
        for (Path g : extraGroups) if (RunGroup.isGroup(g)) groups.add(g);
        for (Path g : groups) found.add(RunRow.of(RunGroup.open(g)));
        // Folder names start with their start time: newest first.
        found.sort(Comparator.comparing((RunRow r) -> r.dir.getFileName().toString()).reversed());
        return found;
    }

    /** Lists a sweep or lottery folder opened from outside the runs folder too (from the next refresh on). */
    void addGroup(Path dir) {
        if (extraGroups.add(dir)) refresh();
    }

    /** Shows or hides a group's runs under its line. */
    void toggle(Path group) {
        if (!expanded.remove(group)) expanded.add(group);
        apply(scanned, true);
    }

    boolean isExpanded(Path group) {
        return expanded.contains(group);
    }

    private void show(List<RunRow> fresh) {
        apply(fresh, false);
    }

    private void apply(List<RunRow> fresh, boolean regrouped) {
        // Replacing the rows would end a label edit in progress: the edit's commit or cancel reads the folder again.
        if (table.getEditingCell() != null) return;
        List<RunRow> lines = lines(fresh);
        // Nothing changed: keep the rows, so a click or double click in progress lands on the row it started on.
        if (!regrouped && lines.size() == rows.size() && IntStream.range(0, rows.size()).allMatch(i -> rows.get(i).showsSameAs(lines.get(i)))) return;
        List<Path> ticked = comparedRuns();
        List<Path> selected = table.getSelectionModel().getSelectedItems().stream().map(r -> r.dir).toList();
        if (fresh != scanned) {
            for (RunRow r : everyRun(fresh)) {
                r.compareProperty().set(ticked.contains(r.dir));
                r.compareProperty().addListener((o, was, now) -> onCompare.accept(comparedRuns()));
            }
            scanned = fresh;
        }
        rows.setAll(lines);
        for (RunRow r : rows) if (selected.contains(r.dir)) table.getSelectionModel().select(r);
        if (!ticked.equals(comparedRuns())) onCompare.accept(comparedRuns());
    }

    /** The lines on screen: each top-level line, and an expanded group's runs under it. */
    private List<RunRow> lines(List<RunRow> top) {
        List<RunRow> out = new ArrayList<>();
        for (RunRow r : top) {
            out.add(r);
            if (r.isGroup() && expanded.contains(r.dir)) out.addAll(r.members);
        }
        return out;
    }

    private static List<RunRow> everyRun(List<RunRow> top) {
        List<RunRow> out = new ArrayList<>();
        for (RunRow r : top) {
            out.add(r);
            out.addAll(r.members);
        }
        return out;
    }

    /** The ticked runs, in the list's order (a collapsed group's ticked runs too: collapsing does not untick them). */
    List<Path> comparedRuns() {
        return everyRun(scanned).stream().filter(r -> !r.isGroup() && r.compareProperty().get()).map(r -> r.dir).toList();
    }

    private void confirmDelete(List<RunRow> chosen) {
        if (chosen.isEmpty()) return;
        for (RunRow r : chosen) {
            if (r.isGroup()) {
                messages.accept(r.dir + " is a " + r.method + " folder: the app deletes single runs only; delete the folder itself outside it.");
                return;
            }
            String why = deleteBlocker.apply(r.dir);
            if (why != null) {
                messages.accept(why);
                return;
            }
        }
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", ButtonType.CANCEL, ButtonType.OK);
        a.setTitle("MaskStudio");
        a.setHeaderText(chosen.size() == 1 ? "Delete the run " + chosen.get(0).labelProperty().get() + "?" : "Delete " + chosen.size() + " runs?");
        a.setContentText("Its folder and everything in it (snapshots, model export) are deleted from disk:\n"
                + String.join("\n", chosen.stream().map(r -> r.dir.toString()).toList()));
        a.getDialogPane().setId("deleteRunsDialog");
        if (getScene() != null) a.initOwner(getScene().getWindow());
        a.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> delete(chosen));
    }

    private void delete(List<RunRow> chosen) {
        List<Path> dirs = chosen.stream().map(r -> r.dir).toList();
        tasks.run(() -> {
            for (Path d : dirs) RunFolders.delete(d);
            return dirs.size();
        }, n -> {
            done.accept("Deleted " + n + (n == 1 ? " run" : " runs"));
            refresh();
        }, failure -> {
            messages.accept("Cannot delete: " + failure.getMessage());
            refresh();
        });
    }

    private TableColumn<RunRow, Boolean> compareColumn() {
        TableColumn<RunRow, Boolean> c = new TableColumn<>("Compare");
        c.setId("compareColumn");
        c.setCellValueFactory(d -> d.getValue().compareProperty());
        c.setCellFactory(col -> new CheckBoxTableCell<>() {
            @Override
            public void updateItem(Boolean item, boolean empty) {
                super.updateItem(item, empty);
                // A group is not one set of curves: only its runs are compared.
                RunRow r = rowAt(getIndex());
                if (r != null && r.isGroup()) setGraphic(null);
            }
        });
        c.setEditable(true);
        c.setPrefWidth(70);
        c.setMinWidth(60);
        return c;
    }

    private TableColumn<RunRow, String> labelColumn() {
        TableColumn<RunRow, String> c = new TableColumn<>("Label");
        c.setId("labelColumn");
        c.setCellValueFactory(d -> d.getValue().labelProperty());
        c.setCellFactory(col -> new LabelCell());
        c.setEditable(true);
        c.setPrefWidth(200);
        c.setOnEditCommit(e -> rename(e.getRowValue(), e.getOldValue(), e.getNewValue()));
        c.setOnEditCancel(e -> refresh());
        return c;
    }

    private void rename(RunRow row, String old, String label) {
        row.labelProperty().set(label);
        tasks.run(() -> {
            RunLabel.write(row.dir, label);
            return RunLabel.read(row.dir);
        }, saved -> {
            row.labelProperty().set(saved);
            done.accept("Renamed run " + row.dir.getFileName() + " to " + saved);
            refresh();
        }, failure -> {
            row.labelProperty().set(old);
            messages.accept(row.dir + ": cannot save the label: " + failure.getMessage());
        });
    }

    /** A read-only column; a double click on its cells opens the run (on the label and Compare cells it edits). */
    private TableColumn<RunRow, String> text(String title, Function<RunRow, String> value, double width) {
        TableColumn<RunRow, String> c = new TableColumn<>(title);
        c.setCellFactory(col -> {
            TableCell<RunRow, String> cell = new TableCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty ? null : item);
                }
            };
            cell.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && cell.getTableRow() != null && cell.getTableRow().getItem() != null) {
                    onOpen.accept(cell.getTableRow().getItem().dir);
                }
            });
            return cell;
        });
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setEditable(false);
        c.setPrefWidth(width);
        return c;
    }

    TableView<RunRow> table() {
        return table;
    }

    private RunRow rowAt(int index) {
        return index >= 0 && index < table.getItems().size() ? table.getItems().get(index) : null;
    }

    /** The label, editable in place; a group's has its expand triangle and is not renamed, a group's run is indented. */
    private final class LabelCell extends TextFieldTableCell<RunRow, String> {
        private final Label toggle = new Label();
        private final Region indent = new Region();

        LabelCell() {
            super(new DefaultStringConverter());
            toggle.setId("groupToggle");
            toggle.setMinWidth(16);
            toggle.setTooltip(new Tooltip("Show or hide the runs of this group"));
            toggle.setOnMouseClicked(e -> {
                RunRow r = rowAt(getIndex());
                if (r != null && r.isGroup()) toggle(r.dir);
                e.consume();
            });
            indent.setMinWidth(16);
            indent.setPrefWidth(16);
        }

        @Override
        public void startEdit() {
            RunRow r = rowAt(getIndex());
            if (r != null && r.isGroup()) return;
            super.startEdit();
        }

        @Override
        public void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            RunRow r = empty ? null : rowAt(getIndex());
            if (r == null || isEditing()) return;
            if (r.isGroup()) {
                toggle.setText(expanded.contains(r.dir) ? "▼" : "▶");
                setGraphic(toggle);
            } else {
                setGraphic(r.parent != null ? indent : null);
            }
        }
    }
}
