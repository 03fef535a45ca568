package io.maskstudio.ui.shell;

import io.maskstudio.io.AtomicFiles;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The most recently opened or saved graph files, newest first, kept in {@code recent-files.txt} under
 * {@link AppDirs#home()}. A small file read once at start; failures to write are ignored (not worth a dialog).
 */
public final class RecentFiles {
    private static final int MAX = 10;
    private final Path store;
    private final ObservableList<Path> files = FXCollections.observableArrayList();

    public RecentFiles(Path store) {
        this.store = store;
        try {
            if (Files.isRegularFile(store)) {
                for (String line : Files.readAllLines(store, StandardCharsets.UTF_8)) {
                    if (!line.isBlank() && files.size() < MAX) files.add(Path.of(line.trim()));
                }
            }
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(RecentFiles.class).warn("cannot read the recent files list {}", store, e);
            files.clear();
        }
    }

    public static RecentFiles load() {
        return new RecentFiles(AppDirs.home().resolve("recent-files.txt"));
    }

    public ObservableList<Path> files() {
        return files;
    }

    public void add(Path file) {
        Path p = file.toAbsolutePath().normalize();
        files.remove(p);
        files.add(0, p);
        if (files.size() > MAX) files.remove(MAX, files.size());
        save();
    }

    public void remove(Path file) {
        files.remove(file);
        save();
    }

    private void save() {
        List<String> lines = new ArrayList<>();
        for (Path p : files) lines.add(p.toString());
        try {
            Files.createDirectories(store.getParent());
            AtomicFiles.writeBytes(store, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException ignored) {
            LoggerFactory.getLogger(RecentFiles.class).warn("cannot save the recent files list {}", store, ignored);
            // The list is a convenience; the session keeps it in memory.
        }
    }
}
