package io.maskstudio.ui.shell;

import io.maskstudio.io.MaskFiles;
import io.maskstudio.io.MaskFormats;
import io.maskstudio.io.Npz;
import io.maskstudio.io.StateDictKeys;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.edit.LayerEdit;
import io.maskstudio.model.edit.MaskEdit;
import io.maskstudio.ui.editor.Document;
import io.maskstudio.ui.editor.EditBatch;
import io.maskstudio.ui.editor.LayerSpecs;
import io.maskstudio.ui.fx.TaskRunner;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Imports a mask file into the current layer pair as one undo step. The file is read and checked in the
 * background; a failure shows the reader's message and changes nothing. A shape that does not fit the pair
 * offers to resize the two layers (or to transpose a transposed mask) or to cancel.
 */
public final class MaskImport {
    static final ButtonType RESIZE = new ButtonType("Resize layers", ButtonBar.ButtonData.YES);
    /** Every format MaskFiles reads (it dispatches through MaskFormats by extension). */
    static final List<String> PATTERNS = MaskFormats.readableExtensions().stream().map(e -> "*" + e).toList();
    static final ButtonType TRANSPOSE = new ButtonType("Transpose", ButtonBar.ButtonData.OTHER);

    private final Document doc;
    private final Window owner;
    private final StatusLine status;
    private final TaskRunner tasks;
    private FileDialogs dialogs = FileDialogs.NATIVE;

    public MaskImport(Document doc, Window owner, StatusLine status, TaskRunner tasks) {
        this.doc = doc;
        this.owner = owner;
        this.status = status;
        this.tasks = tasks;
    }

    /** Replaces the file chooser (tests answer it themselves). */
    public void setDialogs(FileDialogs dialogs) {
        this.dialogs = dialogs;
    }

    public void chooseAndImport() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Import mask into pair " + doc.pair());
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Masks (" + String.join(", ", PATTERNS) + ")", PATTERNS));
        File f = dialogs.showOpen(fc, owner);
        if (f != null) importMask(f.toPath());
    }

    /** Reads {@code file} in the background and, if it is a usable mask, replaces the current pair's mask. */
    public void importMask(Path file) {
        int pair = doc.pair();
        NetworkDesign design = doc.design();
        String preferredKey = StateDictKeys.weightMask(pair);
        status.message("Reading " + file.getFileName() + "…");
        tasks.run(() -> {
                if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz")) return MaskFiles.read(file);
                List<String> matrices = new ArrayList<>();
                try (Npz npz = Npz.open(file)) {
                    for (String k : npz.keys()) if (npz.shape(k).length == 2) matrices.add(k);
                }
                if (matrices.contains(preferredKey)) return MaskFiles.read(file, preferredKey, OptionalDouble.empty());
                if (matrices.size() <= 1) return MaskFiles.read(file);
                return (Object) matrices; // several candidates: ask which one
            }, value -> {
                if (doc.design() != design || doc.pair() != pair) return; // another file or pair meanwhile: drop it
                if (value instanceof Mask m) {
                    place(file, m);
                } else {
                    @SuppressWarnings("unchecked") List<String> keys = (List<String>) value;
                    chooseKey(file, keys);
                }
            }, failure -> fail(file, failure));
    }

    private void chooseKey(Path file, List<String> keys) {
        ChoiceDialog<String> d = new ChoiceDialog<>(keys.get(0), keys);
        d.initOwner(owner);
        d.setTitle("MaskStudio");
        d.setHeaderText(file.getFileName() + " holds " + keys.size() + " 2-D arrays: which is the mask of pair " + doc.pair() + "?");
        d.showAndWait().ifPresent(key -> {
            tasks.run(() -> MaskFiles.read(file, key, OptionalDouble.empty()), m -> place(file, m), failure -> fail(file, failure));
        });
    }

    private void fail(Path file, Throwable t) {
        String msg = FileCommands.describe(t, file);
        status.message("Import failed: " + msg);
        Alerts.error(owner, "Cannot import " + file.getFileName() + " — the design is unchanged", msg);
    }

    private void place(Path file, Mask m) {
        NetworkDesign d = doc.design();
        int pair = doc.pair();
        Mask current = d.mask(pair);
        String label = "Import " + file.getFileName();
        if (m.sameShape(current)) {
            MaskEdit edit = MaskEdit.replace(d, pair, m, label + ": {cells}");
            doc.history().perform(edit);
            status.message("Imported " + file.getFileName() + " into pair " + pair + " (" + edit.description().replace(label + ": ", "") + " changed)");
            return;
        }
        Optional<ButtonType> answer = askShape(file, m, current);
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) {
            status.message("Import of " + file.getFileName() + " cancelled; the design is unchanged");
            return;
        }
        if (answer.get() == TRANSPOSE) {
            Mask t = m.transpose();
            doc.history().perform(MaskEdit.replace(d, pair, t, label + " (transposed): {cells}"));
            status.message("Imported " + file.getFileName() + " transposed into pair " + pair);
            return;
        }
        EditBatch batch = new EditBatch(d);
        try {
            if (d.layer(pair).size() != m.cols()) batch.apply(LayerEdit.set(d, pair, LayerSpecs.resized(d.layer(pair), m.cols())));
            if (d.layer(pair + 1).size() != m.rows()) batch.apply(LayerEdit.set(d, pair + 1, LayerSpecs.resized(d.layer(pair + 1), m.rows())));
            batch.apply(MaskEdit.replace(d, pair, m, label));
        } catch (RuntimeException ex) {
            LoggerFactory.getLogger(MaskImport.class).error("cannot import {}", file, ex);
            batch.rollback();
            fail(file, ex);
            return;
        }
        batch.commit(doc.history(), label + " (layers resized)");
        doc.setPair(pair);
        status.message("Imported " + file.getFileName() + "; resized the layers to " + m.cols() + " → " + m.rows());
    }

    private Optional<ButtonType> askShape(Path file, Mask m, Mask current) {
        boolean transposed = m.rows() == current.cols() && m.cols() == current.rows();
        Alert a = new Alert(Alert.AlertType.CONFIRMATION);
        a.initOwner(owner);
        a.setTitle("MaskStudio");
        a.getDialogPane().setId("shapeMismatchDialog");
        a.setHeaderText(file.getFileName() + " is [" + m.rows() + ", " + m.cols() + "], pair " + doc.pair() + " needs ["
                + current.rows() + ", " + current.cols() + "] (out_features, in_features)");
        a.setContentText(transposed
                ? "It looks transposed. Transpose it, resize the layers to fit it, or cancel?"
                : "Resize the layers to " + m.cols() + " → " + m.rows() + " neurons to fit it, or cancel?");
        a.getButtonTypes().setAll(transposed ? List.of(TRANSPOSE, RESIZE, ButtonType.CANCEL) : List.of(RESIZE, ButtonType.CANCEL));
        if (transposed) {
            // Enter should do the likely thing: a transposed file wants transposing, not layers of another size.
            ((Button) a.getDialogPane().lookupButton(RESIZE)).setDefaultButton(false);
            ((Button) a.getDialogPane().lookupButton(TRANSPOSE)).setDefaultButton(true);
        }
        return a.showAndWait();
    }
}
