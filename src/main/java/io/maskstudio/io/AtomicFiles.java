package io.maskstudio.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way every file of the application is saved (graphs, masks, exports, figures): readers see either the
 * old content or the complete new content, never a half-written file, even when the writer is killed or the power
 * fails. The content goes to a temporary file in the target's directory (so the rename stays within one file
 * system), which is fsynced, renamed over the target, and then the directory is fsynced so the rename itself is
 * on disk. Missing parent directories are created; a replaced file keeps its POSIX permissions.
 *
 * <p>Temporaries are named {@code .NAME.PID-RANDOM.tmp}: hidden, recognisable, and carrying the writer's process
 * id. A writer killed mid-write leaves its temporary behind (as large as it got). The next write of the same target
 * deletes such leftovers when their writer process is no longer running, which is certain and immediate, unlike an
 * age limit that would either wait or risk deleting a slow but live write. A temporary older than an hour is
 * deleted even if its pid is alive, since by then the pid has been reused (or belongs to another machine sharing
 * the directory, where a pid means nothing). Cleaning up is best effort and never fails a save.
 */
public final class AtomicFiles {
    /** Produces the file's content; may close the stream it is given (the close is ignored). */
    @FunctionalInterface
    public interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    static final Duration STALE_AFTER = Duration.ofHours(1);
    /** Temporaries of earlier versions had no pid ({@code .NAME.HEX.tmp}); a minute-old one is not being written. */
    static final Duration UNOWNED_STALE_AFTER = Duration.ofMinutes(1);
    private static final Pattern TEMPORARY_ID = Pattern.compile("(?:(\\d{1,19})-)?[0-9a-f]{1,16}");
    /** Keeps {@code .NAME.PID-RANDOM.tmp} within the usual 255-byte name limit for long ASCII names. */
    private static final int MAX_NAME_IN_TEMPORARY = 200;

    private AtomicFiles() {}

    public static void write(Path target, ContentWriter content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        String name = absolute.getFileName().toString();
        Files.createDirectories(dir);
        removeStaleTemporaries(dir, name);
        Path tmp = dir.resolve(temporaryPrefix(name) + ProcessHandle.current().pid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(new FilterOutputStream(out) {
                    @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }
                    @Override public void close() throws IOException { out.flush(); }
                });
                out.flush();
                channel.force(true);
            }
            keepPermissions(absolute, tmp);
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            syncDirectory(dir);
        } catch (FileSystemException e) {
            throw namingTheTarget(e, tmp, absolute);
        } finally {
            if (!moved) deleteQuietly(tmp);
        }
    }

    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    static String temporaryPrefix(String name) {
        return "." + (name.length() > MAX_NAME_IN_TEMPORARY ? name.substring(0, MAX_NAME_IN_TEMPORARY) : name) + ".";
    }

    /** Deletes the temporaries of {@code name} that no running writer owns (see the class comment). */
    static void removeStaleTemporaries(Path dir, String name) {
        String prefix = temporaryPrefix(name);
        long now = System.currentTimeMillis();
        DirectoryStream.Filter<Path> candidates = p -> {
            String n = p.getFileName().toString();
            return n.length() > prefix.length() + 4 && n.startsWith(prefix) && n.endsWith(".tmp");
        };
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, candidates)) {
            for (Path p : files) {
                String n = p.getFileName().toString();
                Matcher m = TEMPORARY_ID.matcher(n.substring(prefix.length(), n.length() - 4));
                if (!m.matches()) continue; // e.g. the temporary of "NAME.other", which shares the prefix
                try {
                    long age = now - Files.getLastModifiedTime(p).toMillis();
                    boolean stale = m.group(1) == null ? age > UNOWNED_STALE_AFTER.toMillis()
                            : age > STALE_AFTER.toMillis() || !isRunning(Long.parseLong(m.group(1)));
                    if (stale) Files.deleteIfExists(p);
                } catch (IOException | NumberFormatException e) {
                    // gone already, or not ours to delete: leave it
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // an unlistable directory will fail the write itself, with a proper message
        }
    }

    private static boolean isRunning(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The user asked to write the target: name it in the error, not a temporary they never heard of. */
    private static IOException namingTheTarget(FileSystemException e, Path tmp, Path target) {
        if (!tmp.toString().equals(e.getFile())) return e;
        String dir = String.valueOf(target.getParent());
        FileSystemException named = e instanceof AccessDeniedException
                ? new AccessDeniedException(target.toString(), null, "cannot write in " + dir + " (permission denied)")
                : new FileSystemException(target.toString(), null, "cannot write in " + dir
                        + (e.getReason() != null ? " (" + e.getReason() + ")" : " (" + e.getClass().getSimpleName() + ")"));
        named.initCause(e);
        return named;
    }

    private static void keepPermissions(Path target, Path tmp) {
        try {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
        } catch (IOException | UnsupportedOperationException e) {
            // a new target (NoSuchFileException) gets the default permissions; not POSIX (Windows) or a file system
            // that refuses: the content matters more than the mode
        }
    }

    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            // the write already failed with the error that matters; a leftover is removed by the next write
        }
    }

    /** Makes the rename itself durable where the platform allows opening a directory (Linux, macOS). */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not possible on this platform (e.g. Windows); the file itself is already synced
        }
    }
}
