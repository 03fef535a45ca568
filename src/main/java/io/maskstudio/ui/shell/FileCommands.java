package io.maskstudio.ui.shell;

import io.maskstudio.io.FormatException;
import io.maskstudio.io.GraphExtras;
import io.maskstudio.io.GraphFile;
import io.maskstudio.io.LoadedGraph;
import io.maskstudio.io.MaskFiles;
import io.maskstudio.io.MaskFormat;
import io.maskstudio.io.MaskFormats;
import io.maskstudio.io.MaskWriteOptions;
import io.maskstudio.io.StateDictKeys;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.render.Figures;
import io.maskstudio.ui.editor.Document;
import io.maskstudio.ui.fx.TaskRunner;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Open, save and export: every read and write runs as a background task; results and errors come back
 * on the FX thread. Saving writes a copy of the design taken on the FX thread, atomically.
 */
public final class FileCommands {
    private static final FileChooser.ExtensionFilter GRAPHS = new FileChooser.ExtensionFilter("Graph files (*.graph.json)", "*.graph.json", "*.json");

    private final Document doc;
    private final Window owner;
    private final StatusLine status;
    private final TaskRunner tasks;
    private final RecentFiles recent;
    private final Consumer<Opened> opener;
    private File lastDirectory;
    private FileDialogs dialogs = FileDialogs.NATIVE;

    /** A graph read from {@code file} (design, unknown fields, notes for the user), to be shown by the window. */
    public record Opened(LoadedGraph graph, Path file) {
        public NetworkDesign design() {
            return graph.design();
        }
    }

    public FileCommands(Document doc, Window owner, StatusLine status, TaskRunner tasks, RecentFiles recent,
                        Consumer<Opened> opener) {
        this.doc = doc;
        this.owner = owner;
        this.status = status;
        this.tasks = tasks;
        this.recent = recent;
        this.opener = opener;
    }

    public RecentFiles recent() {
        return recent;
    }

    /** Replaces the file chooser (tests answer it themselves). */
    public void setDialogs(FileDialogs dialogs) {
        this.dialogs = dialogs;
    }

    /** Asks for a graph file and opens it (after offering to save unsaved changes). */
    public void open() {
        whenChangesAreSafe(() -> {
            FileChooser fc = chooser("Open graph", GRAPHS);
            File f = dialogs.showOpen(fc, owner);
            if (f != null) open(f.toPath());
        });
    }

    /** Opens a recent file (after offering to save unsaved changes). */
    public void openRecent(Path file) {
        whenChangesAreSafe(() -> open(file));
    }

    /** Reads {@code file} in the background and shows it; on failure shows why and changes nothing. */
    public void open(Path file) {
        run("Opening " + file.getFileName(), () -> GraphFile.load(file), g -> {
            recent.add(file);
            opener.accept(new Opened(g, file));
            status.message(openedMessage(file, g));
        }, "Cannot open " + file.getFileName(), file);
    }

    /** "Opened FILE", followed by what the user should know about the file (migration, kept unknown fields). */
    public static String openedMessage(Path file, LoadedGraph g) {
        List<String> notes = g.notes();
        return "Opened " + file + (notes.isEmpty() ? "" : ". " + String.join(" ", notes));
    }

    public void save() {
        if (doc.file() == null) saveAs();
        else saveTo(doc.file(), null);
    }

    public void saveAs() {
        FileChooser fc = chooser("Save graph as", GRAPHS);
        fc.setInitialFileName(doc.file() != null ? doc.file().getFileName().toString() : defaultName());
        File f = dialogs.showSave(fc, owner);
        if (f != null) saveTo(withGraphExtension(f.toPath()), null);
    }

    private String defaultName() {
        String n = doc.name() == null ? "" : doc.name().replace(" (sample)", "");
        return n.endsWith(".graph.json") ? n : "untitled.graph.json";
    }

    static Path withGraphExtension(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".json") ? p : p.resolveSibling(n + ".graph.json");
    }

    /** Writes the design (a copy taken now) to {@code file}; runs {@code then} after a successful save. */
    public void saveTo(Path file, Runnable then) {
        NetworkDesign copy = doc.design().copy();
        GraphExtras extras = doc.extras();
        long revision = doc.revision();
        run("Saving " + file.getFileName(), () -> {
            GraphFile.write(file, copy, extras);
            return file;
        }, f -> {
            doc.savedAs(f, revision);
            recent.add(f);
            List<String> dropped = extras.unplaceable(copy);
            // Unknown fields of a layer that was removed or renamed have nowhere to go: say so rather than lose them quietly.
            status.message("Saved " + f + (dropped.isEmpty() ? "" : "; left out unknown fields of layers that are gone: " + String.join(", ", dropped)));
            if (then != null) then.run();
        }, "Cannot save " + file.getFileName(), file);
    }

    /**
     * Runs {@code action} at once when there are no unsaved changes; otherwise asks Save / Don't Save /
     * Cancel and runs it after a successful save or on Don't Save.
     */
    public void whenChangesAreSafe(Runnable action) {
        if (doc.design() == null || !doc.isModified()) {
            action.run();
            return;
        }
        Optional<ButtonType> answer = Alerts.askSave(owner, doc.name());
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) return;
        if (answer.get() == Alerts.DISCARD) {
            action.run();
        } else if (doc.file() != null) {
            saveTo(doc.file(), action);
        } else {
            FileChooser fc = chooser("Save graph as", GRAPHS);
            fc.setInitialFileName(defaultName());
            File f = dialogs.showSave(fc, owner);
            if (f != null) saveTo(withGraphExtension(f.toPath()), action);
        }
    }

    /** Asks for a file and writes every mask as a state_dict (.npz) or the current pair's mask in any other format. */
    public void exportMask() {
        List<FileChooser.ExtensionFilter> filters = new ArrayList<>();
        filters.add(new FileChooser.ExtensionFilter("All masks as fc1.weight_mask, ... (*.npz)", "*.npz"));
        for (MaskFormat f : MaskFormat.values()) {
            if (f != MaskFormat.NPZ) filters.add(new FileChooser.ExtensionFilter(f.description() + " of this pair (*" + f.extension() + ")",
                    "*" + f.extension()));
        }
        FileChooser fc = chooser("Export mask", filters.toArray(FileChooser.ExtensionFilter[]::new));
        File f = dialogs.showSave(fc, owner);
        if (f != null) exportMask(f.toPath());
    }

    public void exportMask(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean npz = name.endsWith(".npz");
        boolean known = MaskFormats.writableExtensions().stream().anyMatch(name::endsWith);
        Path target = known ? file : file.resolveSibling(file.getFileName() + ".npy");
        NetworkDesign copy = doc.design().copy();
        int pair = doc.pair();
        run("Exporting " + target.getFileName(), () -> {
            if (npz) {
                Map<String, Mask> masks = new LinkedHashMap<>();
                for (int k = 0; k < copy.pairCount(); k++) masks.put(StateDictKeys.weightMask(k), copy.mask(k));
                MaskFiles.writeNpz(target, masks, true);
            } else {
                MaskFormats.write(target, copy.mask(pair), MaskWriteOptions.defaults());
            }
            return target;
        }, t -> status.message("Exported " + (npz ? "all masks" : "the mask of pair " + pair) + " to " + t), "Cannot export " + target.getFileName(), target);
    }

    /** Asks for a .png or .svg file and draws the current pair in the chosen view. */
    public void exportFigure(Figures.View view) {
        FileChooser fc = chooser("Export figure",
                new FileChooser.ExtensionFilter("PNG image (*.png)", "*.png"),
                new FileChooser.ExtensionFilter("SVG vector drawing (*.svg)", "*.svg"));
        File f = dialogs.showSave(fc, owner);
        if (f == null) return;
        Path file = f.toPath();
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Path target = n.endsWith(".png") || n.endsWith(".svg") ? file : file.resolveSibling(file.getFileName() + ".png");
        NetworkDesign copy = doc.design().copy();
        int pair = doc.pair();
        run("Drawing " + target.getFileName(), () -> {
            Figures.write(copy, pair, view, target, 1600, 1000);
            return target;
        }, t -> status.message("Wrote figure " + t), "Cannot write " + target.getFileName(), target);
    }

    FileChooser chooser(String title, FileChooser.ExtensionFilter... filters) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().addAll(filters);
        File dir = lastDirectory != null ? lastDirectory : doc.file() != null && doc.file().getParent() != null ? doc.file().getParent().toFile() : null;
        if (dir != null && dir.isDirectory()) fc.setInitialDirectory(dir);
        return fc;
    }

    /** Runs {@code work} in the background; success goes to {@code done}, failure to an error dialog naming {@code file}. */
    <T> void run(String what, Callable<T> work, Consumer<T> done, String failureHeader, Path file) {
        if (file.getParent() != null) lastDirectory = file.getParent().toFile();
        status.message(what + "…");
        tasks.run(work, done, failure -> {
            String msg = describe(failure, file);
            status.message(failureHeader + ": " + msg);
            Alerts.error(owner, failureHeader, msg);
        });
    }

    /** One line for people: FormatExceptions already name file and field; I/O errors get the file in front. */
    public static String describe(Throwable t, Path file) {
        if (t instanceof FormatException) return t.getMessage();
        if (t instanceof NoSuchFileException) return file + ": no such file";
        if (t instanceof IOException) return file + ": " + t.getMessage();
        if (t instanceof IllegalArgumentException) return t.getMessage();
        return file + ": " + t;
    }
}
