package io.maskstudio.engine.sparse;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Java gradient of the plain-Java kernels' buffers is δᵀx, cell by cell, whatever the block of rows asked for. */
class FeatureGradientTest {

    @Test
    void everyCellIsTheDotProductOverTheBatchRows() {
        Random r = new Random(3);
        int out = 7, in = 5, batch = 11, capacity = 16; // buffers longer than the batch, as kernels keep them
        float[][] dz = new float[out][capacity], x = new float[in][capacity];
        for (float[] row : dz) for (int b = 0; b < capacity; b++) row[b] = (float) r.nextGaussian();
        for (float[] row : x) for (int b = 0; b < capacity; b++) row[b] = (float) r.nextGaussian();
        RowBlockScores g = GradientBlocks.ofFeatures(dz, x, batch);
        float[] buf = new float[3 * in];
        for (int r0 = 0; r0 < out; r0 += 3) {
            int r1 = Math.min(out, r0 + 3);
            g.fill(r0, r1, buf);
            for (int o = r0; o < r1; o++) {
                for (int i = 0; i < in; i++) {
                    double naive = 0;
                    for (int b = 0; b < batch; b++) naive += (double) dz[o][b] * x[i][b]; // rows past the batch are not read
                    assertEquals(naive, buf[(o - r0) * in + i], 1e-5, "cell (" + o + "," + i + ")");
                }
            }
        }
    }
}
