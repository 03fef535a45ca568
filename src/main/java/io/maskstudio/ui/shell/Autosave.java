package io.maskstudio.ui.shell;

import io.maskstudio.io.AtomicFiles;
import io.maskstudio.io.GraphExtras;
import io.maskstudio.io.GraphFile;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.ui.editor.Document;
import io.maskstudio.ui.fx.TaskRunner;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes unsaved work to {@code ~/.maskstudio/autosave/<session>.graph.json} every minute (a copy of the
 * design, written off the FX thread, atomically) and deletes it when the work is saved or the window closes.
 * A session holds a lock on {@code <session>.lock} while it runs, so at start-up an autosave whose lock is
 * free was left behind by a crash and can be offered for recovery.
 */
public final class Autosave {
    /** A crashed session's work: the autosaved graph and the file it had been opened from (may be null). */
    public record Leftover(Path graph, Path original, Path lock) {}

    private final Document doc;
    private final Path dir;
    private final TaskRunner tasks;
    private final String session = UUID.randomUUID().toString();
    private final Timeline timer;
    private FileChannel lockChannel;
    private FileLock lock;
    private long writtenRevision = -1;
    private volatile boolean stopped;

    public Autosave(Document doc, Path dir, Duration interval, TaskRunner tasks) {
        this.doc = doc;
        this.dir = dir;
        this.tasks = tasks;
        timer = new Timeline(new KeyFrame(interval, e -> saveNow()));
        timer.setCycleCount(Timeline.INDEFINITE);
        doc.modifiedProperty().addListener((o, a, modified) -> {
            if (!modified) discard();
        });
    }

    public static Autosave standard(Document doc, TaskRunner tasks) {
        double seconds = Double.parseDouble(System.getProperty("maskstudio.autosave.seconds", "60"));
        return new Autosave(doc, AppDirs.autosave(), Duration.seconds(seconds), tasks);
    }

    public void start() {
        timer.play();
    }

    Path graphFile() {
        return dir.resolve(session + ".graph.json");
    }

    /** Writes the design now if it has unsaved changes not yet autosaved. */
    public void saveNow() {
        NetworkDesign live = doc.design();
        if (live == null || !doc.isModified() || doc.revision() == writtenRevision) return;
        long revision = doc.revision();
        NetworkDesign copy = live.copy();
        GraphExtras extras = doc.extras();
        Path original = doc.file();
        tasks.run(() -> {
            if (stopped) return null;
            Files.createDirectories(dir);
            holdLock();
            write(dir, session, copy, extras, original);
            return null;
        }, done -> writtenRevision = revision);
    }

    /**
     * Writes one session's autosave: the graph (with the opened file's unknown fields) and the path it came from,
     * each atomically, so a crash at any moment leaves the previous or the new file, never a torn one. No JavaFX here.
     */
    static void write(Path dir, String session, NetworkDesign design, GraphExtras extras, Path original) throws IOException {
        GraphFile.write(dir.resolve(session + ".graph.json"), design, extras);
        AtomicFiles.writeBytes(dir.resolve(session + ".source"), (original == null ? "" : original.toString()).getBytes(StandardCharsets.UTF_8));
    }

    private synchronized void holdLock() throws IOException {
        if (lock != null) return;
        lockChannel = FileChannel.open(dir.resolve(session + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = lockChannel.tryLock();
    }

    /** Removes this session's autosave (the work was saved, discarded, or the window closed). */
    public void discard() {
        writtenRevision = -1;
        deleteQuietly(graphFile(), dir.resolve(session + ".source"));
    }

    /** Stops the timer, deletes the autosave and releases the lock. */
    public void stop() {
        stopped = true;
        timer.stop();
        discard();
        synchronized (this) {
            try {
                if (lock != null) lock.release();
                if (lockChannel != null) lockChannel.close();
            } catch (IOException ignored) {
                LoggerFactory.getLogger(Autosave.class).warn("cannot release the autosave lock", ignored);
                // Released with the process anyway.
            }
            lock = null;
        }
        deleteQuietly(dir.resolve(session + ".lock"));
    }

    /** Autosaves of sessions that are not running any more (call off the FX thread). */
    public static List<Leftover> leftovers(Path dir) {
        List<Leftover> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) return found;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.graph.json")) {
            for (Path g : files) {
                String id = g.getFileName().toString().replace(".graph.json", "");
                Path lockFile = dir.resolve(id + ".lock");
                if (isLocked(lockFile)) continue;
                Path source = dir.resolve(id + ".source");
                String original = Files.isRegularFile(source) ? Files.readString(source, StandardCharsets.UTF_8).trim() : "";
                found.add(new Leftover(g, original.isEmpty() ? null : Path.of(original), lockFile));
            }
        } catch (IOException ignored) {
            LoggerFactory.getLogger(Autosave.class).warn("cannot list the autosaves in {}", dir, ignored);
            // Nothing to offer.
        }
        return found;
    }

    private static boolean isLocked(Path lockFile) {
        if (!Files.exists(lockFile)) return false;
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) return true;
            l.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held by this JVM: a running window
        } catch (IOException e) {
            LoggerFactory.getLogger(Autosave.class).warn("cannot test the lock {}", lockFile, e);
            return false;
        }
    }

    /** Deletes a leftover after it was restored or declined, with the temporary files of writes the crash cut short. */
    public static void forget(Leftover l) {
        String id = l.graph().getFileName().toString().replace(".graph.json", "");
        deleteQuietly(l.graph(), l.graph().resolveSibling(id + ".source"), l.lock());
        try (DirectoryStream<Path> partial = Files.newDirectoryStream(l.graph().getParent(), "." + id + ".*.tmp")) {
            for (Path p : partial) deleteQuietly(p);
        } catch (IOException ignored) {
            // Harmless: never offered for recovery (not *.graph.json).
        }
    }

    private static void deleteQuietly(Path... paths) {
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                LoggerFactory.getLogger(Autosave.class).warn("cannot delete {}", p, ignored);
                // A stale autosave is harmless.
            }
        }
    }
}
