package io.maskstudio.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@link FusedStep} on the Vector API. Every lane computes exactly what {@link FloatOptimizer#apply} computes for that
 * element (multiplies and adds kept separate, no FMA, IEEE square root and division), so the result is bit for bit the
 * plain-Java optimizer's. The element range is split over the kernels' threads in contiguous chunks.
 */
final class VectorFusedStep implements FusedStep {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final int CHUNK = 1 << 16;

    @Override
    public void apply(FloatOptimizer opt, ByteBuffer w, ByteBuffer g, ByteBuffer[] state, ByteBuffer mask, int n, int iteration) {
        int parts = (n + CHUNK - 1) / CHUNK;
        int[] prefix = new int[parts + 1];
        for (int p = 0; p <= parts; p++) prefix[p] = (int) Math.min(n, (long) p * CHUNK);
        float step = opt.kind() == FloatOptimizer.Kind.ADAM ? opt.adamStepSize(iteration) : 0f;
        Parallel.forRows(parts, prefix, 4, (from, to) -> {
            for (int p = from; p < to; p++) range(opt, step, w, g, state, mask, p * CHUNK, Math.min(n, (p + 1) * CHUNK), iteration);
        });
    }

    private static void range(FloatOptimizer opt, float step, ByteBuffer w, ByteBuffer g, ByteBuffer[] state, ByteBuffer mask,
                              int from, int to, int iteration) {
        int j = from;
        int vecEnd = from + (to - from) / L * L;
        switch (opt.kind()) {
            case SGD -> {
                FloatVector a = FloatVector.broadcast(S, opt.learningRate());
                for (; j < vecEnd; j += L) {
                    int b = j * 4;
                    FloatVector u = a.mul(FloatVector.fromByteBuffer(S, g, b, ORDER));
                    u.intoByteBuffer(g, b, ORDER);
                    store(FloatVector.fromByteBuffer(S, w, b, ORDER).sub(u), w, mask, b);
                }
            }
            case NESTEROV -> {
                ByteBuffer v = state[0];
                FloatVector mu = FloatVector.broadcast(S, opt.momentum());
                FloatVector muT = FloatVector.broadcast(S, -opt.momentum() - 1);
                FloatVector a = FloatVector.broadcast(S, opt.learningRate());
                for (; j < vecEnd; j += L) {
                    int b = j * 4;
                    FloatVector prev = mu.mul(FloatVector.fromByteBuffer(S, v, b, ORDER));
                    FloatVector st = prev.sub(a.mul(FloatVector.fromByteBuffer(S, g, b, ORDER)));
                    st.intoByteBuffer(v, b, ORDER);
                    FloatVector u = prev.add(muT.mul(st));
                    u.intoByteBuffer(g, b, ORDER);
                    store(FloatVector.fromByteBuffer(S, w, b, ORDER).sub(u), w, mask, b);
                }
            }
            case ADAM -> {
                ByteBuffer m = state[0];
                ByteBuffer v = state[1];
                FloatVector b1 = FloatVector.broadcast(S, (float) opt.beta1());
                FloatVector b2 = FloatVector.broadcast(S, (float) opt.beta2());
                FloatVector c1 = FloatVector.broadcast(S, 1 - (float) opt.beta1());
                FloatVector c2 = FloatVector.broadcast(S, 1 - (float) opt.beta2());
                FloatVector st = FloatVector.broadcast(S, step);
                FloatVector eps = FloatVector.broadcast(S, opt.epsilon());
                for (; j < vecEnd; j += L) {
                    int b = j * 4;
                    FloatVector gv = FloatVector.fromByteBuffer(S, g, b, ORDER);
                    FloatVector mj = b1.mul(FloatVector.fromByteBuffer(S, m, b, ORDER)).add(gv.mul(c1));
                    FloatVector vj = b2.mul(FloatVector.fromByteBuffer(S, v, b, ORDER)).add(gv.mul(gv).mul(c2));
                    mj.intoByteBuffer(m, b, ORDER);
                    vj.intoByteBuffer(v, b, ORDER);
                    FloatVector u = mj.mul(st).div(vj.lanewise(VectorOperators.SQRT).add(eps));
                    u.intoByteBuffer(g, b, ORDER);
                    store(FloatVector.fromByteBuffer(S, w, b, ORDER).sub(u), w, mask, b);
                }
            }
            case RMSPROP -> {
                ByteBuffer s = state[0];
                FloatVector rho = FloatVector.broadcast(S, opt.rmsDecay());
                FloatVector c = FloatVector.broadcast(S, 1 - opt.rmsDecay());
                FloatVector a = FloatVector.broadcast(S, opt.learningRate());
                FloatVector eps = FloatVector.broadcast(S, opt.epsilon());
                for (; j < vecEnd; j += L) {
                    int b = j * 4;
                    FloatVector gv = FloatVector.fromByteBuffer(S, g, b, ORDER);
                    FloatVector sj = FloatVector.fromByteBuffer(S, s, b, ORDER).mul(rho).add(gv.mul(gv).mul(c));
                    sj.intoByteBuffer(s, b, ORDER);
                    FloatVector u = a.mul(gv).div(sj.lanewise(VectorOperators.SQRT).add(eps));
                    u.intoByteBuffer(g, b, ORDER);
                    store(FloatVector.fromByteBuffer(S, w, b, ORDER).sub(u), w, mask, b);
                }
            }
        }
        if (j < to) tail(opt, w, g, state, mask, j, to, iteration);
    }

    @Override
    public boolean allFinite(ByteBuffer w, int n) {
        FloatVector acc = FloatVector.zero(S);
        int j = 0;
        for (; j + L <= n; j += L) {
            FloatVector v = FloatVector.fromByteBuffer(S, w, j * 4, ORDER);
            acc = acc.add(v.sub(v));
        }
        float rest = acc.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            float v = w.getFloat(j * 4);
            rest += v - v;
        }
        return rest == 0f;
    }

    /** {@code w := w - u}, masked ({@code w·M + 0.0}, so absent weights are +0.0) where there is a mask. */
    private static void store(FloatVector w1, ByteBuffer w, ByteBuffer mask, int b) {
        if (mask != null) w1 = w1.mul(FloatVector.fromByteBuffer(S, mask, b, ORDER)).add(0f);
        w1.intoByteBuffer(w, b, ORDER);
    }

    /** The last elements of a range, through the plain-Java optimizer itself. */
    private static void tail(FloatOptimizer opt, ByteBuffer w, ByteBuffer g, ByteBuffer[] state, ByteBuffer mask, int from, int to, int iteration) {
        int n = to - from;
        float[] wa = new float[n];
        float[] ga = new float[n];
        float[][] sa = new float[state.length][n];
        for (int j = 0; j < n; j++) {
            int b = (from + j) * 4;
            wa[j] = w.getFloat(b);
            ga[j] = g.getFloat(b);
            for (int c = 0; c < state.length; c++) sa[c][j] = state[c].getFloat(b);
        }
        opt.apply(wa, ga, sa, n, iteration); // Adam's step size is memoized by apply's caller before the threads start
        for (int j = 0; j < n; j++) {
            int b = (from + j) * 4;
            float wj = wa[j];
            if (mask != null) wj = wj * mask.getFloat(b) + 0f;
            w.putFloat(b, wj);
            g.putFloat(b, ga[j]);
            for (int c = 0; c < state.length; c++) state[c].putFloat(b, sa[c][j]);
        }
    }
}
