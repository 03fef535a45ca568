package io.maskstudio.cli;

import io.maskstudio.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DIR/levels.csv of a lottery: one row per level, level 0 being the unpruned training. A value that does not exist
 * (a control not run, no test set, no validation split) is an empty field. Rewritten whole after every level, so
 * the file always holds the finished levels.
 */
final class LotteryLevels {
    static final String FILE = "levels.csv";
    static final String HEADER = "level,density,val_accuracy,test_accuracy,reinit_val_accuracy,random_mask_val_accuracy";

    /** One level; NaN for a value that does not exist. */
    record Row(int level, double density, double valAccuracy, double testAccuracy, double reinitValAccuracy, double randomMaskValAccuracy) {
        String csv() {
            return level + "," + field(density) + "," + field(valAccuracy) + "," + field(testAccuracy) + "," + field(reinitValAccuracy) + ","
                    + field(randomMaskValAccuracy);
        }

        private static String field(double v) {
            return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
        }
    }

    private final Path file;
    private final List<Row> rows = new ArrayList<>();

    LotteryLevels(Path dir) {
        this.file = dir.resolve(FILE);
    }

    void add(Row row) throws IOException {
        rows.add(row);
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Row r : rows) text.append(r.csv()).append('\n');
        AtomicFiles.writeBytes(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }
}
