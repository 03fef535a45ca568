package io.maskstudio.ui.editor;

import io.maskstudio.io.GraphExtras;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.edit.EditHistory;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The open design and everything the editor views share about it: the undo history, the file it came
 * from, the layer pair on screen, the selection and the hovered neuron or connection. Lives on the FX
 * thread. Views listen here rather than on the design, because opening a file replaces the design.
 */
public final class Document {

    /** Told after the design changed: {@code pair} is the changed mask, {@link NetworkDesign#STRUCTURE} or {@link #REPLACED}. */
    public interface Listener {
        void documentChanged(int pair);
    }

    /** Passed to listeners when another design was opened. */
    public static final int REPLACED = -2;

    private final ReadOnlyObjectWrapper<NetworkDesign> design = new ReadOnlyObjectWrapper<>(this, "design");
    private EditHistory history;
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name", "");
    private final BooleanProperty modified = new SimpleBooleanProperty(this, "modified");
    private final IntegerProperty pair = new SimpleIntegerProperty(this, "pair", 0);
    private final ObjectProperty<Selection> selection = new SimpleObjectProperty<>(this, "selection", Selection.NONE);
    private final ObjectProperty<Hover> hover = new SimpleObjectProperty<>(this, "hover", Hover.NONE);
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private long revision;
    private final List<EditHistory.Listener> historyListeners = new CopyOnWriteArrayList<>();
    private final NetworkDesign.Listener designListener = (d, p) -> designChanged(p);
    private boolean recovered;
    private GraphExtras extras = GraphExtras.none();
    private final EditHistory.Listener historyListener = h -> {
        modified.set(recovered || h.isModified());
        for (EditHistory.Listener l : historyListeners) l.historyChanged(h);
    };

    public Document() {
        // A new pair shows nothing of the old one's selection (indices would mean other neurons).
        pair.addListener((obs, a, b) -> {
            selection.set(Selection.NONE);
            hover.set(Hover.NONE);
        });
    }

    /** Shows {@code d} (read from {@code path}, or null when it has no file yet) with a fresh history. */
    public void open(NetworkDesign d, Path path, String displayName) {
        open(d, GraphExtras.none(), path, displayName);
    }

    /** As {@link #open(NetworkDesign, Path, String)}, keeping the file's unknown fields to write them back on save. */
    public void open(NetworkDesign d, GraphExtras fileExtras, Path path, String displayName) {
        Objects.requireNonNull(d, "design");
        extras = Objects.requireNonNull(fileExtras, "extras");
        if (design.get() != null) design.get().removeListener(designListener);
        if (history != null) history.removeListener(historyListener);
        history = new EditHistory(d);
        history.addListener(historyListener);
        d.addListener(designListener);
        file.set(path);
        name.set(displayName);
        selection.set(Selection.NONE);
        hover.set(Hover.NONE);
        pair.set(0);
        revision++;
        recovered = false;
        design.set(d);
        modified.set(false);
        fire(REPLACED);
        historyListener.historyChanged(history);
    }

    public NetworkDesign design() { return design.get(); }
    public ReadOnlyObjectProperty<NetworkDesign> designProperty() { return design.getReadOnlyProperty(); }
    public EditHistory history() { return history; }
    public Path file() { return file.get(); }
    public ReadOnlyObjectProperty<Path> fileProperty() { return file.getReadOnlyProperty(); }
    public String name() { return name.get(); }
    public ReadOnlyStringProperty nameProperty() { return name.getReadOnlyProperty(); }
    public boolean isModified() { return modified.get(); }
    public ReadOnlyBooleanProperty modifiedProperty() { return modified; }

    /**
     * Fields of the opened file this version does not know; saves and autosaves write them back. Read-only
     * after opening, so a background save may use it while the user edits.
     */
    public GraphExtras extras() { return extras; }

    /** Opens work recovered from an autosave: it counts as unsaved until it is saved. */
    public void openRecovered(NetworkDesign d, GraphExtras fileExtras, Path path, String displayName) {
        open(d, fileExtras, path, displayName);
        recovered = true;
        modified.set(true);
    }

    /** Opens a design that has no file yet (a saved run's design): it counts as unsaved until it is saved. */
    public void openUnsaved(NetworkDesign d, String displayName) {
        open(d, GraphExtras.none(), null, displayName);
        modified.set(true);
    }

    /** Counts design changes; a background save compares it to know whether it saved the latest state. */
    public long revision() { return revision; }

    /**
     * After a successful save of the state at {@code savedRevision}: the design now lives in {@code path}.
     * The history is kept (undo still works after saving); it is marked saved only if nothing changed meanwhile.
     */
    public void savedAs(Path path, long savedRevision) {
        file.set(path);
        name.set(path.getFileName().toString());
        if (savedRevision == revision) {
            recovered = false;
            history.markSaved();
        }
    }

    public int pair() { return pair.get(); }
    public IntegerProperty pairProperty() { return pair; }
    public void setPair(int k) { pair.set(k); }

    public Selection selection() { return selection.get(); }
    public ObjectProperty<Selection> selectionProperty() { return selection; }
    public void select(Selection s) { selection.set(Objects.requireNonNull(s)); }

    public Hover hover() { return hover.get(); }
    public ObjectProperty<Hover> hoverProperty() { return hover; }
    public void setHover(Hover h) { hover.set(Objects.requireNonNull(h)); }

    public void addListener(Listener l) { listeners.add(l); }
    public void removeListener(Listener l) { listeners.remove(l); }
    public void addHistoryListener(EditHistory.Listener l) { historyListeners.add(l); }

    private void designChanged(int p) {
        revision++;
        if (p == NetworkDesign.STRUCTURE) {
            NetworkDesign d = design.get();
            // Layers may have been removed or resized: keep the pair index valid and drop stale indices.
            if (pair.get() >= d.pairCount()) pair.set(d.pairCount() - 1);
            selection.set(Selection.NONE);
            hover.set(Hover.NONE);
        }
        fire(p);
    }

    private void fire(int p) {
        for (Listener l : listeners) l.documentChanged(p);
    }
}
