package io.maskstudio.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Uniform and Erdős–Rényi densities per pair, and network masks whose total is exactly what was asked. */
class DensityAllocationTest {

    @Test
    void erkMatchesAHandComputation() {
        // Layers 2 -> 4 -> 4 -> 2: pairs [out,in] = [4,2], [4,4], [2,4], cells 8 + 16 + 8 = 32; D = 0.5 asks for 16.
        // (n_in + n_out) / (n_in * n_out) = 6/8, 8/16, 6/8; sum of ratio * cells = 6 + 8 + 6 = 20, so eps = 16/20 = 0.8
        // and the densities are 0.8 * 0.75 = 0.6, 0.8 * 0.5 = 0.4, 0.6 (4.8 + 6.4 + 4.8 = 16 connections).
        double[] d = DensityAllocation.ERK.densities(new int[] {4, 4, 2}, new int[] {2, 4, 4}, 0.5);
        assertArrayEquals(new double[] {0.6, 0.4, 0.6}, d, 1e-12);
        // Largest remainder: floors 4, 6, 4 (14); the two missing go to the fractions .8, .8 before .4: 5, 6, 5.
        assertArrayEquals(new long[] {5, 6, 5}, NetworkMasks.counts(new long[] {8, 16, 8}, d, 16));
    }

    @Test
    void erkMakesAPairDenseWhenItsDensityWouldExceedOneAndRescalesTheRest() {
        // Pairs [1,100] (ratio 101/100) and [100,100] (ratio 200/10000); cells 100 + 10000; D = 0.5 asks for 5050.
        // First eps = 5050 / (101 + 200) = 16.78, so the first pair would get 16.9 > 1: it is made dense.
        // Then eps = (5050 - 100) / 200 = 24.75 and the second pair gets 24.75 * 0.02 = 0.495 (100 + 4950 = 5050).
        double[] d = DensityAllocation.ERK.densities(new int[] {1, 100}, new int[] {100, 100}, 0.5);
        assertArrayEquals(new double[] {1.0, 0.495}, d, 1e-12);
    }

    @Test
    void erkSharesAreProportionalToTheRatioAndAddUpToTheTarget() {
        Random rnd = new Random(2);
        for (int trial = 0; trial < 200; trial++) {
            int pairs = 1 + rnd.nextInt(6);
            int[] outs = new int[pairs], ins = new int[pairs];
            double total = 0;
            for (int k = 0; k < pairs; k++) {
                outs[k] = 1 + rnd.nextInt(300);
                ins[k] = 1 + rnd.nextInt(300);
                total += (double) outs[k] * ins[k];
            }
            double density = rnd.nextDouble();
            double[] d = DensityAllocation.ERK.densities(outs, ins, density);
            double sum = 0;
            double scale = -1;
            for (int k = 0; k < pairs; k++) {
                assertTrue(d[k] >= 0 && d[k] <= 1, "density " + d[k]);
                sum += d[k] * outs[k] * ins[k];
                if (d[k] < 1) {
                    double eps = d[k] / (((double) outs[k] + ins[k]) / ((double) outs[k] * ins[k]));
                    if (scale < 0) scale = eps;
                    assertEquals(scale, eps, 1e-9 * Math.max(1, scale), "one eps for every pair below 1");
                }
            }
            assertEquals(density * total, sum, 1e-7 * total, "trial " + trial);
        }
    }

    @Test
    void uniformIsTheSameDensityEverywhere() {
        assertArrayEquals(new double[] {0.3, 0.3}, DensityAllocation.UNIFORM.densities(new int[] {5, 7}, new int[] {3, 9}, 0.3), 0);
        assertArrayEquals(new double[] {1, 1, 1}, DensityAllocation.ERK.densities(new int[] {4, 4, 2}, new int[] {2, 4, 4}, 1.0), 0);
        assertArrayEquals(new double[] {0, 0}, DensityAllocation.ERK.densities(new int[] {5, 7}, new int[] {3, 9}, 0), 0);
        assertThrows(IllegalArgumentException.class, () -> DensityAllocation.ERK.densities(new int[] {5}, new int[] {3}, 1.5));
        assertEquals(DensityAllocation.ERK, DensityAllocation.byId("erk").orElseThrow());
        assertTrue(DensityAllocation.byId("ERK?").isEmpty());
    }

    @Test
    void networkMasksHoldExactlyTheAskedTotal() {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 40; trial++) {
            int layers = 2 + rnd.nextInt(4);
            int[] sizes = new int[layers];
            for (int k = 0; k < layers; k++) sizes[k] = 1 + rnd.nextInt(120);
            NetworkDesign design = NetworkDesign.dense(TrainingSettings.defaults("xor"), sizes);
            long total = 0;
            for (int k = 0; k + 1 < layers; k++) total += (long) sizes[k] * sizes[k + 1];
            double density = rnd.nextDouble();
            for (DensityAllocation a : DensityAllocation.values()) {
                List<Mask> masks = NetworkMasks.random(design, a, density, trial);
                long nnz = 0;
                for (int k = 0; k < masks.size(); k++) {
                    Mask m = masks.get(k);
                    assertEquals(sizes[k + 1], m.rows());
                    assertEquals(sizes[k], m.cols());
                    for (int o = 0; o < m.rows(); o++) for (int i = 0; i < m.cols(); i++) if (m.get(o, i)) nnz++;
                }
                assertEquals(Math.round(density * total), nnz, a + " " + Arrays.toString(sizes) + " at " + density);
            }
        }
    }

    @Test
    void lenetAtFivePercentByErkGetsItsPerPairCountsAndIsReproducible() {
        NetworkDesign lenet = NetworkDesign.dense(TrainingSettings.defaults("xor"), 784, 300, 100, 10);
        // Cells 235200 + 30000 + 1000 = 266200, 5% = 13310. Ratio * cells = 1084, 400, 110 (sum 1594): eps = 13310/1594,
        // shares 13310 * 1084/1594 = 9051.47, then 3340.03 and 918.51 -> floors 9051, 3340, 918 (13309), +1 to the .51.
        List<Mask> masks = NetworkMasks.random(lenet, DensityAllocation.ERK, 0.05, 42);
        assertEquals(9051, masks.get(0).nnz());
        assertEquals(3340, masks.get(1).nnz());
        assertEquals(919, masks.get(2).nnz());
        assertEquals(masks, NetworkMasks.random(lenet, DensityAllocation.ERK, 0.05, 42));
        assertNotEquals(masks, NetworkMasks.random(lenet, DensityAllocation.ERK, 0.05, 43));
        List<Mask> uniform = NetworkMasks.random(lenet, DensityAllocation.UNIFORM, 0.05, 42);
        assertEquals(11760, uniform.get(0).nnz());
        assertEquals(1500, uniform.get(1).nnz());
        assertEquals(50, uniform.get(2).nnz());
    }

    @Test
    void countsStayWithinOneOfTheShareAndWithinTheCells() {
        Random rnd = new Random(8);
        for (int trial = 0; trial < 300; trial++) {
            int pairs = 1 + rnd.nextInt(8);
            long[] cells = new long[pairs];
            double[] d = new double[pairs];
            double ideal = 0;
            for (int k = 0; k < pairs; k++) {
                cells[k] = 1 + rnd.nextInt(1000);
                d[k] = rnd.nextDouble();
                ideal += d[k] * cells[k];
            }
            long target = Math.round(ideal);
            long[] n = NetworkMasks.counts(cells, d, target);
            long sum = 0;
            for (int k = 0; k < pairs; k++) {
                assertTrue(n[k] >= 0 && n[k] <= cells[k]);
                assertTrue(Math.abs(n[k] - d[k] * cells[k]) < 1 + 1e-9, "pair " + k + ": " + n[k] + " for a share of " + d[k] * cells[k]);
                sum += n[k];
            }
            assertEquals(target, sum);
        }
    }
}
