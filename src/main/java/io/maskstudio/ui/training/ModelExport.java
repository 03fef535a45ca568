package io.maskstudio.ui.training;

import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.runs.ModelFiles;
import io.maskstudio.ui.fx.TaskRunner;
import io.maskstudio.ui.shell.FileDialogs;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * "Export model…": the selected epoch's model export files (those {@code train --out} writes, through
 * {@link ModelFiles}) into a folder the user chooses, written off the FX thread; the outcome goes to {@code notices}.
 */
final class ModelExport {
    /** What is exported: one epoch, and how its files are written into a folder (from memory, or from a run folder). */
    record Source(int epoch, FolderWriter writer) {}

    /** Writes the export files into {@code dir} (on a worker thread). */
    interface FolderWriter {
        void write(Path dir) throws Exception;
    }

    /** The current run's {@code snapshot}, with the run's design (its masks are replaced by the snapshot's) and data. */
    static Source of(NetworkDesign design, TrainingSnapshot snapshot, ModelFiles.ExportData data) {
        return new Source(snapshot.epoch(), dir -> {
            if (data == null) throw new IllegalStateException("the run's data is still loading");
            ModelFiles.write(dir, design, snapshot, data);
        });
    }

    private final Supplier<Source> source;
    private final TaskRunner runner;
    private final Consumer<String> notices;
    private FileDialogs dialogs = FileDialogs.NATIVE;
    private File lastDir;

    ModelExport(Supplier<Source> source, TaskRunner runner, Consumer<String> notices) {
        this.source = source;
        this.runner = runner;
        this.notices = notices;
    }

    void setDialogs(FileDialogs d) {
        dialogs = d;
    }

    /** Asks for a folder, then writes; call on the FX thread. */
    void export(Window owner) {
        Source s = source.get();
        if (s == null) {
            notices.accept("No epoch to export yet: start training first.");
            return;
        }
        int epoch = s.epoch();
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export the model of epoch " + epoch + " into a folder");
        if (lastDir != null && lastDir.isDirectory()) chooser.setInitialDirectory(lastDir);
        File dir = dialogs.showDirectory(chooser, owner);
        if (dir == null) return;
        lastDir = dir;
        Path out = dir.toPath();
        notices.accept("Exporting epoch " + epoch + " to " + out + "…");
        runner.run(() -> {
            s.writer().write(out);
            return out;
        }, done -> notices.accept("Exported epoch " + epoch + " to " + done),
                e -> notices.accept("Cannot export epoch " + epoch + " to " + out + ": " + describe(e)));
    }

    /** A failure in words: Java's file exceptions often carry only the path as their message. */
    static String describe(Throwable e) {
        if (e instanceof AccessDeniedException a) return "permission denied (" + a.getFile() + ")";
        if (e instanceof FileAlreadyExistsException a) return "a file is in the way (" + a.getFile() + ")";
        if (e instanceof NoSuchFileException a) return "no such folder (" + a.getFile() + ")";
        if (e instanceof FileSystemException f) {
            return (f.getReason() != null ? f.getReason() : e.getClass().getSimpleName()) + " (" + f.getFile() + ")";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
