package io.maskstudio.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The F@E[,E...] form that --prune, the graph file and the settings form share. */
class PruneScheduleTest {

    private static Map<Integer, Double> map(Object... epochThenFraction) {
        Map<Integer, Double> m = new TreeMap<>();
        for (int k = 0; k < epochThenFraction.length; k += 2) m.put((Integer) epochThenFraction[k], (Double) epochThenFraction[k + 1]);
        return m;
    }

    @Test
    void aBareEpochTakesTheFractionBeforeItAndEachFractionItsOwnEpochs() {
        assertEquals(map(10, 0.5, 20, 0.5), PruneSchedule.parse("0.5@10,20").fractions(), "the CLI's form of one fraction, several epochs");
        assertEquals(map(3, 0.5, 6, 0.25, 9, 0.25), PruneSchedule.parse(" 0.5@3 , 0.25@6,9").fractions());
        assertEquals(0.25, PruneSchedule.parse("0.5@3,0.25@6,9").fractionAfter(9));
        assertEquals(0.0, PruneSchedule.parse("0.5@3,0.25@6,9").fractionAfter(4), "no pruning between the named epochs");
    }

    @Test
    void repeatedSpecsMergeAndTheLaterWinsForTheSameEpoch() {
        assertEquals(map(2, 0.1, 4, 0.5), PruneSchedule.parse(List.of("0.5@2,4", "0.1@2")).fractions());
    }

    @Test
    void formatReadsBackAsTheSameSchedule() {
        for (String text : List.of("0.5@10,20", "0.5@3,0.25@6", "1.0E-4@1", "0.999@1000000,1")) {
            PruneSchedule s = PruneSchedule.parse(text);
            assertEquals(s, PruneSchedule.parse(s.toString()), text + " -> " + s);
        }
        assertEquals("0.5@3,0.25@6,0.25@9", PruneSchedule.parse("0.25@9,0.5@3,0.25@6").toString(), "one F@E per epoch, ascending");
    }

    @Test
    void blankIsNoScheduleAndPrintsEmpty() {
        assertSame(PruneSchedule.NONE, PruneSchedule.parse("  "));
        assertTrue(PruneSchedule.NONE.isEmpty());
        assertEquals("", PruneSchedule.NONE.toString());
    }

    @Test
    void badTextSaysWhichPartIsWrong() {
        assertEquals("'3' has no fraction F@ before it", message("3"));
        assertEquals("the fraction 'x' is not a number", message("x@3"));
        assertEquals("the fraction must be between 0 and 1 (exclusive), was 1", message("1@3"));
        assertEquals("the fraction must be between 0 and 1 (exclusive), was 0", message("0@3"));
        assertEquals("epochs count from 1, was 0", message("0.5@0"));
        assertEquals("the epoch 'a' is not a whole number", message("0.5@3,a"));
        assertEquals("the epoch '' is not a whole number", message("0.5@3,"));
    }

    private static String message(String text) {
        return assertThrows(IllegalArgumentException.class, () -> PruneSchedule.parse(text)).getMessage();
    }
}
