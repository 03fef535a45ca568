package io.maskstudio.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A save that fails half-way leaves the previous file as it was and no temporary file behind. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private Set<String> names() throws IOException {
        try (var s = Files.list(dir)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void failureMidWriteKeepsTheOldFile() throws Exception {
        Path target = dir.resolve("mask.csv");
        Files.writeString(target, "old\n");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]); // more than the buffer, so part of it reached the temporary file
            throw new IOException("disk full");
        }));
        assertEquals("old\n", Files.readString(target));
        assertEquals(Set.of("mask.csv"), names());
    }

    @Test
    void failureOnANewFileLeavesNothing() throws Exception {
        Path target = dir.resolve("new.npy");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IllegalStateException("bug in a writer");
        }));
        assertEquals(Set.of(), names());
    }

    @Test
    void missingParentDirectoriesAreCreated() throws Exception {
        Path target = dir.resolve("runs/2026/figure.svg");
        AtomicFiles.writeBytes(target, "<svg/>".getBytes());
        assertEquals("<svg/>", Files.readString(target));
    }

    @Test
    void theTemporaryIsHiddenBesideTheTargetAndNamesItsWriter() throws Exception {
        Path target = dir.resolve("model.safetensors");
        List<String> during = new ArrayList<>();
        AtomicFiles.write(target, out -> {
            out.write(new byte[200_000]);
            during.addAll(names());
        });
        assertEquals(1, during.size(), during.toString());
        assertTrue(during.get(0).matches("\\.model\\.safetensors\\." + ProcessHandle.current().pid() + "-[0-9a-f]+\\.tmp"), during.get(0));
        assertEquals(Set.of("model.safetensors"), names());
    }

    /** The pid of a process that has exited (and been reaped), so no writer owns a temporary carrying it. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor();
        assertFalse(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false));
        return p.pid();
    }

    private Path leftover(String name, long ageSeconds) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, new byte[1000]);
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(ageSeconds)));
        return p;
    }

    @Test
    void leftoversOfDeadOrLongGoneWritersAreRemovedByTheNextWriteOfTheSameTarget() throws Exception {
        long me = ProcessHandle.current().pid();
        long dead = deadPid();
        leftover(".graph.json." + dead + "-3f2a.tmp", 0);                 // killed writer: removed at once
        leftover(".graph.json." + me + "-77.tmp", 7200);                   // live pid, but two hours old: pid reused
        leftover(".graph.json.9e3779b97f4a7c15.tmp", 120);                 // earlier versions' name, no pid, 2 min old
        leftover(".graph.json." + me + "-abc.tmp", 0);                     // a live writer in progress: kept
        leftover(".graph.json.5bd1e995.tmp", 0);                           // old-style name, just written: kept
        leftover(".graph.json.bak." + dead + "-1.tmp", 0);                 // another target's (graph.json.bak)
        leftover(".other.json." + dead + "-1.tmp", 0);                     // another target's
        leftover(".graph.json.notes.tmp", 7200);                           // not a temporary of ours
        AtomicFiles.writeBytes(dir.resolve("graph.json"), "{}".getBytes());
        assertEquals(new TreeSet<>(Set.of("graph.json", ".graph.json." + me + "-abc.tmp", ".graph.json.5bd1e995.tmp",
                ".graph.json.bak." + dead + "-1.tmp", ".other.json." + dead + "-1.tmp", ".graph.json.notes.tmp")), names());
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws Exception {
        Path target = dir.resolve("load_model.py");
        Files.writeString(target, "old");
        try {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-x---"));
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "no POSIX permissions here");
        }
        AtomicFiles.writeBytes(target, "new".getBytes());
        assertEquals("new", Files.readString(target));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    /**
     * A directory this process cannot create files in: a read-only temporary directory, or (for root, whom
     * permissions do not stop) sysfs, where not even root may create files.
     */
    private Path unwritableDirectory() throws IOException {
        Path ro = Files.createDirectory(dir.resolve("read-only"));
        try {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        } catch (UnsupportedOperationException e) {
            return null;
        }
        for (Path candidate : List.of(ro, Path.of("/sys"))) {
            Path probe = candidate.resolve(".maskstudio-probe-" + System.nanoTime());
            try {
                Files.createFile(probe);
                Files.delete(probe);
            } catch (AccessDeniedException e) {
                return candidate;
            } catch (IOException e) {
                // not this one
            }
        }
        return null;
    }

    @Test
    void anUnwritableDirectoryIsReportedWithTheTargetsNameNotTheTemporarys() throws Exception {
        Path ro = unwritableDirectory();
        assumeTrue(ro != null, "no directory here refuses new files");
        Path target = ro.resolve("mask.png");
        try {
            IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeBytes(target, new byte[10]));
            assertEquals(target + ": cannot write in " + ro + " (permission denied)", e.getMessage());
            assertEquals(AccessDeniedException.class, e.getClass());
        } finally {
            Files.setPosixFilePermissions(dir.resolve("read-only"), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
