package io.maskstudio.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both implementations of the sparse kernels' inner loops against naive double-precision sums. */
class ConnectionLoopsTest {
    private static final int[] BATCHES = {1, 7, 16, 33, 64, 100, 257};

    private static List<ConnectionLoops> implementations() {
        return List.of(new PlainConnectionLoops(), new VectorConnectionLoops());
    }

    @Test
    void theTestJvmRunsTheVectorLoopsAsTheLauncherGivesTheApp() {
        assertTrue(VectorModule.loaded(), "surefire's argLine adds " + VectorModule.MODULE);
        assertTrue(ConnectionLoops.BEST instanceof VectorConnectionLoops, ConnectionLoops.BEST.describe());
        assertTrue(VectorModule.loops().startsWith("vector ("), VectorModule.loops());
    }

    @Test
    void sumsOfRowsMatchANaiveSum() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (ConnectionLoops loops : implementations()) {
            for (int n : BATCHES) {
                int features = 50;
                float[][] rows = randomRows(rnd, features, n + 5); // buffers may be longer than the batch
                int connections = 23;
                int[] rowAt = rnd.ints(connections, 0, features).toArray();
                int[] coefAt = rnd.ints(connections, 0, 40).toArray();
                float[] coef = randomFloats(rnd, 40);
                for (int[] range : new int[][]{{0, connections}, {3, 17}, {5, 5}, {22, 23}}) {
                    for (boolean indirect : new boolean[]{false, true}) {
                        float[] y = new float[n + 5];
                        y[n] = 42f; // past the batch: untouched
                        float init = 0.25f;
                        loops.sumRows(coef, indirect ? coefAt : null, rowAt, range[0], range[1], rows, init, y, n);
                        for (int j = 0; j < n; j++) {
                            double expected = init;
                            for (int k = range[0]; k < range[1]; k++) expected += (double) coef[indirect ? coefAt[k] : k] * rows[rowAt[k]][j];
                            assertEquals(expected, y[j], 1e-5 * (1 + Math.abs(expected)), loops.describe() + " n=" + n + " j=" + j);
                        }
                        assertEquals(42f, y[n], loops.describe() + " wrote past the batch");
                    }
                }
            }
        }
    }

    @Test
    void dotsMatchANaiveDot() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (ConnectionLoops loops : implementations()) {
            for (int n : BATCHES) {
                int features = 40;
                float[][] rows = randomRows(rnd, features, n + 3);
                float[] a = randomFloats(rnd, n + 3);
                int connections = 19; // not a multiple of 4 or 8: every tail runs
                int[] rowAt = rnd.ints(connections, 0, features).toArray();
                int[] outAt = new int[connections];
                for (int k = 0; k < connections; k++) outAt[k] = 2 * k + 1;
                for (boolean indirect : new boolean[]{false, true}) {
                    float[] out = new float[2 * connections + 2];
                    loops.dots(a, rowAt, 2, connections, rows, n, out, indirect ? outAt : null);
                    for (int k = 0; k < connections; k++) {
                        int at = indirect ? outAt[k] : k;
                        if (k < 2) {
                            assertEquals(0f, out[at], "connections before the range are not written");
                            continue;
                        }
                        double expected = 0;
                        for (int j = 0; j < n; j++) expected += (double) a[j] * rows[rowAt[k]][j];
                        assertEquals(expected, out[at], 1e-5 * (1 + Math.abs(expected)), loops.describe() + " n=" + n + " k=" + k);
                    }
                }
            }
        }
    }

    @Test
    void theSwitchTurnsTheVectorLoopsOff() {
        assertTrue(VectorModule.switchedOn(null, null));
        assertTrue(VectorModule.switchedOn(null, "1"));
        assertEquals(false, VectorModule.switchedOn("off", null));
        assertEquals(false, VectorModule.switchedOn(null, "0"));
        assertEquals(false, VectorModule.switchedOn("false", "1"), "the property wins over the variable");
        assertTrue(VectorModule.switchedOn("on", "0"), "the property wins over the variable");
        assertEquals(false, VectorModule.shouldRelaunch(Map.of()), "this JVM has the module already");
    }

    private static float[][] randomRows(SplittableRandom rnd, int features, int length) {
        float[][] r = new float[features][];
        for (int f = 0; f < features; f++) r[f] = randomFloats(rnd, length);
        return r;
    }

    private static float[] randomFloats(SplittableRandom rnd, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = (float) (rnd.nextDouble() * 2 - 1);
        return f;
    }
}
