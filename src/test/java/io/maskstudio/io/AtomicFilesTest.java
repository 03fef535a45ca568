package io.maskstudio.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A save that fails half-way leaves the previous file as it was and no temporary file behind. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void failureMidWriteKeepsTheOldFile() throws Exception {
        Path target = dir.resolve("mask.csv");
        Files.writeString(target, "old\n");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]); // more than the buffer, so part of it reached the temporary file
            throw new IOException("disk full");
        }));
        assertEquals("old\n", Files.readString(target));
        try (var s = Files.list(dir)) {
            assertEquals(List.of("mask.csv"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void failureOnANewFileLeavesNothing() throws Exception {
        Path target = dir.resolve("new.npy");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IllegalStateException("bug in a writer");
        }));
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count());
        }
    }
}
