package io.maskstudio.ui.shell;

import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;

/**
 * Shows a prepared file chooser and returns the chosen file (null when cancelled). The window's commands go
 * through this so that tests can answer instead of the platform's native chooser, which no robot can drive.
 */
public interface FileDialogs {
    File showOpen(FileChooser chooser, Window owner);

    File showSave(FileChooser chooser, Window owner);

    /** A folder chooser (File → Open Run…, model export); the platform's unless a test answers. */
    default File showDirectory(DirectoryChooser chooser, Window owner) {
        return chooser.showDialog(owner);
    }

    /** The platform's chooser. */
    FileDialogs NATIVE = new FileDialogs() {
        @Override
        public File showOpen(FileChooser chooser, Window owner) {
            return chooser.showOpenDialog(owner);
        }

        @Override
        public File showSave(FileChooser chooser, Window owner) {
            return chooser.showSaveDialog(owner);
        }
    };
}
