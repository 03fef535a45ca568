package io.maskstudio.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A cell's run folder before it trains: an unfinished one (killed, failed, stopped) is trained again from scratch. */
public final class SweepCellFolder {
    private SweepCellFolder() {}

    /**
     * Removes what an unfinished earlier attempt left in the cell's folder; a finished one is never touched. Only a
     * folder inside the sweep's {@code cells/} is deleted, so a wrong plan cannot reach other files.
     */
    public static void clearUnfinished(Path sweepDir, SweepCell cell) throws IOException {
        Path cells = sweepDir.resolve(SweepLayout.CELLS).toAbsolutePath().normalize();
        Path dir = sweepDir.resolve(cell.dir()).toAbsolutePath().normalize();
        if (!dir.startsWith(cells) || dir.equals(cells)) throw new IOException(dir + ": a cell folder must be inside " + cells);
        if (!Files.exists(dir) || SweepResult.isFinished(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
