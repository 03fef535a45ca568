package io.maskstudio.engine;

/**
 * Softmax cross-entropy on per-class float vectors ({@code logits[c][r]}), the plain-Java twin of
 * {@link SoftmaxCrossEntropy} for networks whose output layer runs on a plain-Java kernel: mean loss,
 * correct count (first maximum wins, as ND4J's argMax) and {@code d loss / d logits = (softmax - onehot) / batch}.
 */
final class FloatSoftmaxLoss {
    private FloatSoftmaxLoss() {}

    record Result(double loss, int correct, float[][] gradient) {}

    static Result evaluate(float[][] logits, int rows, int[] labels, boolean withGradient) {
        int classes = logits.length;
        float[][] grad = withGradient ? new float[classes][rows] : null;
        double loss = 0;
        int correct = 0;
        double[] e = new double[classes]; // each exp once: it is most of this loop's time
        for (int r = 0; r < rows; r++) {
            float max = Float.NEGATIVE_INFINITY;
            int best = 0;
            for (int c = 0; c < classes; c++) {
                float v = logits[c][r];
                if (v > max) { max = v; best = c; }
            }
            if (Float.isNaN(max) || max == Float.NEGATIVE_INFINITY) max = logits[0][r]; // NaN propagates into the loss
            double sum = 0;
            for (int c = 0; c < classes; c++) sum += e[c] = Math.exp(logits[c][r] - max);
            int y = labels[r];
            loss += Math.log(sum) - (logits[y][r] - max);
            if (best == y) correct++;
            if (withGradient) {
                for (int c = 0; c < classes; c++) {
                    double p = e[c] / sum;
                    grad[c][r] = (float) ((p - (c == y ? 1 : 0)) / rows);
                }
            }
        }
        return new Result(loss / rows, correct, grad);
    }
}
