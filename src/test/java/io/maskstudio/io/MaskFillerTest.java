package io.maskstudio.io;

import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batched filling of masks stored as sparse rows, checked against a plain set of the cells handed in. */
class MaskFillerTest {
    /** The smallest shapes whose bits exceed {@link Mask#DENSE_AUTO_MAX_BYTES}, so the mask starts as sparse rows. */
    private static final int ROWS = 8193;
    private static final int COLS = 65536;

    @Test
    void columnMajorCellsLandInTheirRows() {
        Mask m = new Mask(ROWS, COLS);
        assertTrue(m.isSparse());
        MaskFiller f = new MaskFiller(m);
        Random rnd = new Random(8);
        Set<Long> want = new HashSet<>();
        // storage order of a Fortran-order file: columns outer, rows inner, so rows are revisited in every batch
        for (int i = 0; i < COLS; i += 1 + rnd.nextInt(3)) {
            for (int o = rnd.nextInt(500); o < ROWS; o += 1 + rnd.nextInt(2000)) {
                f.connect(o, i);
                want.add((long) o << 32 | i);
            }
        }
        assertTrue(want.size() > 3 * (1 << 16), "more than three batches");
        Mask got = f.finish();
        assertTrue(got.isSparse());
        assertEquals(want.size(), got.nnz());
        for (long c : want) assertTrue(got.get((int) (c >>> 32), (int) c));
        // rows stay strictly ascending: a scan of each row agrees with get
        Set<Long> scanned = new HashSet<>();
        got.forEachSet((o, i) -> scanned.add((long) o << 32 | i));
        assertEquals(want, scanned);
    }

    @Test
    void aMaskThatFillsUpSwitchesToBitsAndKeepsEveryCell() {
        Mask m = new Mask(ROWS, COLS);
        MaskFiller f = new MaskFiller(m);
        // 260 rows of 65535 connections take more memory as rows than the whole bit matrix; rows of 65535 make
        // batches end mid-row, so the switch to bits happens with the rest of a batch still to apply
        int fullRows = 260;
        for (int o = 0; o < fullRows; o++) {
            for (int i = 0; i < COLS - 1; i++) f.connect(o, i);
        }
        f.connect(ROWS - 1, COLS - 1);
        Mask got = f.finish();
        assertFalse(got.isSparse());
        assertEquals((long) fullRows * (COLS - 1) + 1, got.nnz());
        assertTrue(got.get(ROWS - 1, COLS - 1));
        assertFalse(got.get(fullRows, 0));
        for (int o = 0; o < fullRows; o++) assertEquals(COLS - 1, got.fanIn(o));
    }

    @Test
    void cellsInAnyOrderAreSortedIntoTheirRows() {
        // a coordinate list may list a row's columns in any order
        Random rnd = new Random(9);
        List<Long> cells = new ArrayList<>();
        for (int o = 0; o < 5; o++) {
            for (int i = 0; i < COLS; i += 1 + rnd.nextInt(5)) cells.add((long) (o * 1000) << 32 | i);
        }
        Collections.shuffle(cells, rnd);
        MaskFiller f = new MaskFiller(new Mask(ROWS, COLS));
        for (long c : cells) f.connect((int) (c >>> 32), (int) c);
        Mask got = f.finish();
        assertTrue(got.isSparse());
        Set<Long> scanned = new HashSet<>();
        got.forEachSet((o, i) -> scanned.add((long) o << 32 | i));
        assertEquals(new HashSet<>(cells), scanned);
    }
}
