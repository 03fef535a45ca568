package io.maskstudio.engine;

/**
 * {@link ConnectionLoops} as loops C2 vectorizes by itself: the sums as four axpys per pass over the batch (the output
 * is loaded and stored once per four connections), the dots eight at a time in scalar code (C2 does not vectorize a
 * float reduction, so loads are what they wait on).
 */
final class PlainConnectionLoops implements ConnectionLoops {
    @Override
    public void sumRows(float[] coef, int[] coefAt, int[] rowAt, int from, int to, float[][] rows, float init, float[] y, int n) {
        Loops.fill(y, init, n);
        int k = from;
        if (coefAt == null) {
            for (; k + 4 <= to; k += 4) {
                Loops.axpy4(coef[k], rows[rowAt[k]], coef[k + 1], rows[rowAt[k + 1]], coef[k + 2], rows[rowAt[k + 2]], coef[k + 3], rows[rowAt[k + 3]], y, n);
            }
            for (; k < to; k++) Loops.axpy(coef[k], rows[rowAt[k]], y, n);
        } else {
            for (; k + 4 <= to; k += 4) {
                Loops.axpy4(coef[coefAt[k]], rows[rowAt[k]], coef[coefAt[k + 1]], rows[rowAt[k + 1]],
                        coef[coefAt[k + 2]], rows[rowAt[k + 2]], coef[coefAt[k + 3]], rows[rowAt[k + 3]], y, n);
            }
            for (; k < to; k++) Loops.axpy(coef[coefAt[k]], rows[rowAt[k]], y, n);
        }
    }

    @Override
    public boolean wholeRowGradient(int present, int in, int n) {
        return Loops.denseRow(present, in);
    }

    @Override
    public void dots(float[] a, int[] rowAt, int from, int to, float[][] rows, int n, float[] out, int[] outAt) {
        int k = from;
        if (outAt == null) {
            for (; k + 8 <= to; k += 8) {
                Loops.dot8(a, rows[rowAt[k]], rows[rowAt[k + 1]], rows[rowAt[k + 2]], rows[rowAt[k + 3]],
                        rows[rowAt[k + 4]], rows[rowAt[k + 5]], rows[rowAt[k + 6]], rows[rowAt[k + 7]], n, out, k);
            }
            for (; k < to; k++) out[k] = Loops.dot(a, rows[rowAt[k]], n);
            return;
        }
        float[] d = new float[8]; // once per call (a row), not per connection
        for (; k + 8 <= to; k += 8) {
            Loops.dot8(a, rows[rowAt[k]], rows[rowAt[k + 1]], rows[rowAt[k + 2]], rows[rowAt[k + 3]],
                    rows[rowAt[k + 4]], rows[rowAt[k + 5]], rows[rowAt[k + 6]], rows[rowAt[k + 7]], n, d, 0);
            for (int j = 0; j < 8; j++) out[outAt[k + j]] = d[j];
        }
        for (; k < to; k++) out[outAt[k]] = Loops.dot(a, rows[rowAt[k]], n);
    }

    @Override public String describe() { return "plain"; }
}
