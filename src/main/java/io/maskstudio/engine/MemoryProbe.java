package io.maskstudio.engine;

import org.bytedeco.javacpp.Pointer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The process's memory in the three places a training run can leak: the Java heap (live objects after a
 * full GC), JavaCPP's off-heap allocations and the resident set the OS sees. On ND4J 1.0.0-M2.1's CPU
 * backend libnd4j allocates an array's data itself, so JavaCPP counts only the small handle each array
 * holds: its bytes and count grow with leaked arrays, their data shows only in the RSS.
 * Lives in the engine because only the engine may touch ND4J's JavaCPP layer (docs/architecture.md).
 */
public final class MemoryProbe {
    /**
     * Bytes, except {@code offHeapCount} (JavaCPP allocations alive); {@code physicalBytes} is JavaCPP's own
     * reading of the resident set, {@code rssBytes} is VmRSS (-1 where /proc is missing).
     */
    public record Figures(long heapBytes, long offHeapBytes, long offHeapCount, long physicalBytes, long rssBytes) {}

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final int SETTLE_ROUNDS = 20;

    private MemoryProbe() {}

    /**
     * Runs a full GC, then gives JavaCPP's deallocator thread a moment to free the native buffers of
     * the arrays that GC found dead (it does so asynchronously), and reads the figures.
     */
    public static Figures afterGc() {
        System.gc();
        long offHeap = Pointer.totalBytes();
        for (int k = 0; k < SETTLE_ROUNDS; k++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = Pointer.totalBytes();
            if (now == offHeap) break;
            offHeap = now;
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Figures(heap, Pointer.totalBytes(), Pointer.totalCount(), Pointer.physicalBytes(), rssBytes());
    }

    /** VmRSS from /proc/self/status, in bytes; -1 when the file is missing or has no such line. */
    public static long rssBytes() {
        try {
            return parseVmRss(Files.readString(STATUS));
        } catch (IOException e) {
            return -1;
        }
    }

    /** The "VmRSS:  1234 kB" line of a /proc/PID/status text, in bytes; -1 when absent. */
    static long parseVmRss(String status) {
        for (String line : status.split("\n")) {
            if (!line.startsWith("VmRSS:")) continue;
            String[] parts = line.substring(6).trim().split("\\s+");
            if (parts.length != 2 || !parts[1].toLowerCase(Locale.ROOT).equals("kb")) return -1;
            try {
                return Long.parseLong(parts[0]) * 1024;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }
}
