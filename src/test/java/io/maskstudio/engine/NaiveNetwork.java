package io.maskstudio.engine;

import io.maskstudio.model.Activation;

import java.util.ArrayList;
import java.util.List;

/**
 * Independent reference for the engine: a masked MLP in double precision, written as the textbook
 * triple loops ({@code z = b + Σ_i W[o][i] M[o][i] x[i]}, softmax cross-entropy, chain rule) with
 * nothing shared with the kernels. The mask is the one the test gives it, not the network's.
 */
final class NaiveNetwork {
    final Activation[] activation; // per layer pair; the last one's outputs are logits
    final double[][][] w;          // [pair][out][in]
    final double[][] b;            // [pair][out]
    final boolean[][][] present;   // [pair][out][in]

    NaiveNetwork(Activation[] activation, double[][][] w, double[][] b, boolean[][][] present) {
        this.activation = activation;
        this.w = w;
        this.b = b;
        this.present = present;
    }

    /** The engine's current weights and biases (as its float32 values), with the test's own masks. */
    static NaiveNetwork of(MaskedNetwork net, boolean[][][] present) {
        int n = net.layerCount();
        Activation[] act = new Activation[n];
        double[][][] w = new double[n][][];
        double[][] b = new double[n][];
        for (int k = 0; k < n; k++) {
            MaskedLinear l = net.layer(k);
            act[k] = l.activation();
            w[k] = matrix(l.weights(), l.outFeatures(), l.inFeatures());
            b[k] = doubles(l.biases());
        }
        return new NaiveNetwork(act, w, b, present);
    }

    static double[][] matrix(float[] rowMajor, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) m[r][c] = rowMajor[r * cols + c];
        return m;
    }

    static double[] doubles(float[] f) {
        double[] d = new double[f.length];
        for (int k = 0; k < f.length; k++) d[k] = f[k];
        return d;
    }

    int layerCount() { return w.length; }

    // ---- one layer ----

    /** {@code a[r][o] = f(b[o] + Σ_i W[o][i] M[o][i] x[r][i])}; softmax/identity leave the logits as they are. */
    static double[][] forward(double[][] x, double[][] w, boolean[][] m, double[] b, Activation act) {
        int rows = x.length, out = w.length, in = w[0].length;
        double[][] a = new double[rows][out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double z = b[o];
                for (int i = 0; i < in; i++) if (m[o][i]) z += w[o][i] * x[r][i];
                a[r][o] = activate(act, z);
            }
        }
        return a;
    }

    static double activate(Activation act, double z) {
        return switch (act) {
            case RELU -> z > 0 ? z : 0;
            case TANH -> Math.tanh(z);
            case SIGMOID -> 1 / (1 + Math.exp(-z));
            case IDENTITY, SOFTMAX -> z;
        };
    }

    /** f'(z) from the output a = f(z). */
    static double derivative(Activation act, double a) {
        return switch (act) {
            case RELU -> a > 0 ? 1 : 0;
            case TANH -> 1 - a * a;
            case SIGMOID -> a * (1 - a);
            case IDENTITY, SOFTMAX -> 1;
        };
    }

    /** Gradients of one layer: dW on present connections, the raw δᵀx everywhere, db, dx. */
    record LayerGradient(double[][] dW, double[][] raw, double[] db, double[][] dx) {}

    static LayerGradient backward(double[][] x, double[][] a, double[][] dOut, double[][] w, boolean[][] m, Activation act) {
        int rows = x.length, out = w.length, in = w[0].length;
        double[][] dz = new double[rows][out];
        for (int r = 0; r < rows; r++) for (int o = 0; o < out; o++) dz[r][o] = dOut[r][o] * derivative(act, a[r][o]);
        double[][] raw = new double[out][in];
        double[][] dW = new double[out][in];
        double[] db = new double[out];
        for (int o = 0; o < out; o++) {
            for (int r = 0; r < rows; r++) db[o] += dz[r][o];
            for (int i = 0; i < in; i++) {
                double s = 0;
                for (int r = 0; r < rows; r++) s += dz[r][o] * x[r][i];
                raw[o][i] = s;
                dW[o][i] = m[o][i] ? s : 0;
            }
        }
        double[][] dx = new double[rows][in];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < in; i++) {
                double s = 0;
                for (int o = 0; o < out; o++) if (m[o][i]) s += w[o][i] * dz[r][o];
                dx[r][i] = s;
            }
        }
        return new LayerGradient(dW, raw, db, dx);
    }

    // ---- the whole network with a mean softmax cross-entropy loss ----

    /** Activations of every layer: index 0 is the input, index k+1 the output of pair k. */
    List<double[][]> activations(double[][] x) {
        List<double[][]> acts = new ArrayList<>();
        acts.add(x);
        for (int k = 0; k < layerCount(); k++) acts.add(forward(acts.get(k), w[k], present[k], b[k], activation[k]));
        return acts;
    }

    double loss(double[][] x, int[] y) {
        double[][] z = activations(x).get(layerCount());
        double sum = 0;
        for (int r = 0; r < z.length; r++) {
            double[] p = softmax(z[r]);
            sum -= Math.log(p[y[r]]);
        }
        return sum / z.length;
    }

    static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) max = Math.max(max, v);
        double s = 0;
        double[] p = new double[z.length];
        for (int c = 0; c < z.length; c++) s += p[c] = Math.exp(z[c] - max);
        for (int c = 0; c < z.length; c++) p[c] /= s;
        return p;
    }

    /** Per-layer gradients of the mean loss, output layer last. */
    List<LayerGradient> gradients(double[][] x, int[] y) {
        List<double[][]> acts = activations(x);
        double[][] z = acts.get(layerCount());
        int rows = z.length;
        double[][] d = new double[rows][];
        for (int r = 0; r < rows; r++) {
            d[r] = softmax(z[r]);
            d[r][y[r]] -= 1;
            for (int c = 0; c < d[r].length; c++) d[r][c] /= rows;
        }
        LayerGradient[] g = new LayerGradient[layerCount()];
        for (int k = layerCount() - 1; k >= 0; k--) {
            g[k] = backward(acts.get(k), acts.get(k + 1), d, w[k], present[k], activation[k]);
            d = g[k].dx();
        }
        return List.of(g);
    }

    /** Rows of a row-major float block as doubles. */
    static double[][] rows(float[] rowMajor, int rows, int cols) {
        return matrix(rowMajor, rows, cols);
    }
}
