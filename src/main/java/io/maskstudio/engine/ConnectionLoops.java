package io.maskstudio.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two inner loops of the sparse kernels, over a list of connections {@code k in [from, to)} whose other end is
 * the feature vector {@code rows[rowAt[k]]} (one float per sample of the batch):
 * {@link #sumRows} (forward and dx: {@code y = init + Σ coef·row}) and {@link #dots} (dW: one dot product per
 * connection). Two implementations compute the same sums: {@link PlainConnectionLoops}, loops JDK 17's C2 compiles to
 * AVX on its own, and {@code VectorConnectionLoops}, the JDK's incubating Vector API ({@link VectorModule}), which C2 cannot reach by itself for
 * the dots (a float reduction) and for sums kept in registers across connections. {@link #BEST} is chosen once.
 */
interface ConnectionLoops {
    /**
     * {@code y[0,n) = init + Σ_{k in [from,to)} coef[coefAt == null ? k : coefAt[k]] · rows[rowAt[k]][0,n)}.
     */
    void sumRows(float[] coef, int[] coefAt, int[] rowAt, int from, int to, float[][] rows, float init, float[] y, int n);

    /** {@code out[outAt == null ? k : outAt[k]] = a[0,n) · rows[rowAt[k]][0,n)} for every k in {@code [from,to)}. */
    void dots(float[] a, int[] rowAt, int from, int to, float[][] rows, int n, float[] out, int[] outAt);

    /**
     * Whether a row with {@code present} of its {@code in} inputs connected gets its weight gradient over a batch of
     * {@code n} as one whole-row outer product ({@link Loops#outerRow}, after a transpose of the input) rather than
     * as {@link #dots}: only where the dots are scalar loops and the row is dense enough to pay for the absent pairs.
     */
    boolean wholeRowGradient(int present, int in, int n);

    /** {@code "vector (512-bit)"} or {@code "plain"}, for bench and the About box. */
    String describe();

    ConnectionLoops BEST = Choice.choose();

    /** Picks the loops once per JVM. */
    final class Choice {
        private static final Logger LOG = LoggerFactory.getLogger(ConnectionLoops.class);

        private Choice() {}

        static ConnectionLoops choose() {
            if (!VectorModule.switchedOn() || !VectorModule.loaded()) return new PlainConnectionLoops();
            try {
                // by name: the class links against jdk.incubator.vector, which a JVM without the module cannot load
                return (ConnectionLoops) Class.forName(ConnectionLoops.class.getPackageName() + ".VectorConnectionLoops")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                LOG.warn("the Vector API is there but its loops could not start; using the plain loops", e);
                return new PlainConnectionLoops();
            }
        }
    }
}
