package io.maskstudio.engine;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryProbeTest {

    @Test
    void vmRssLineIsReadInKibibytes() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmRSS:\t  123456 kB\nRssAnon:\t 100 kB\n";
        assertEquals(123456L * 1024, MemoryProbe.parseVmRss(status));
        assertEquals(-1, MemoryProbe.parseVmRss("Name:\tjava\n"), "no VmRSS line (a kernel thread)");
        assertEquals(-1, MemoryProbe.parseVmRss("VmRSS:\t12 MB\n"), "an unknown unit is not guessed");
        assertEquals(-1, MemoryProbe.parseVmRss("VmRSS:\tlots kB\n"));
    }

    @Test
    void rssMatchesTheKernelsPageCount() throws Exception {
        // statm's second field counts resident pages: an independent reading of the same figure.
        String[] statm = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
        long pages = Long.parseLong(statm[1]);
        long pageSize = 4096;
        long rss = MemoryProbe.rssBytes();
        assertTrue(Math.abs(rss - pages * pageSize) < 0.1 * rss, "VmRSS " + rss + " vs statm " + pages * pageSize);
    }

    /**
     * Other tests' threads in this JVM (a trainer winding down, a render queue) can free or allocate hundreds of MB
     * between two readings, so a reading that disagrees is taken again, up to three times; a probe blind to live
     * arrays, or one that counts dead ones, fails all three.
     */
    @Test
    void heapFigureSeesALiveArrayAndNotADeadOne() {
        String seen = "";
        for (int attempt = 0; attempt < 3; attempt++) {
            long before = MemoryProbe.afterGc().heapBytes();
            // 256 MiB against a 192 MiB threshold: other tests' garbage freed between the readings must not decide it
            byte[] held = new byte[256 << 20];
            held[held.length - 1] = 1;
            long holding = MemoryProbe.afterGc().heapBytes();
            assertEquals(1, held[held.length - 1]);
            held = null;
            long after = MemoryProbe.afterGc().heapBytes();
            if (holding - before >= (192 << 20) && holding - after >= (192 << 20)) return;
            seen += " [" + before + " -> " + holding + " -> " + after + "]";
        }
        throw new AssertionError("a live 256 MiB array must show, and be gone once dropped: before -> holding -> after" + seen);
    }
}
