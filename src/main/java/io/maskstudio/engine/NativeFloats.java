package io.maskstudio.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Bulk copies between an ND4J float32 array in the CPU backend's native memory and a Java {@code float[]}, so that
 * the dense kernel's element-wise work (bias, activation, its derivative, the bias gradient) runs in {@link Loops}
 * instead of as ND4J ops. Each ND4J op costs tens of microseconds of dispatch whatever its size: on a 100x300 batch
 * {@code d.mul(out.gt(0).castTo(FLOAT))} took 1.06 ms and {@code addiRowVector} 80 us, where the copies and the Java
 * loop take a few microseconds (docs/performance.md).
 */
final class NativeFloats {
    private NativeFloats() {}

    private static final boolean CPU = "cpu".equals(BlasInfo.backend());

    /**
     * Whether {@code a} can be copied as it is laid out: float32 on the CPU backend, c order, the whole of its buffer
     * (cheap tests only: this runs several times per layer and step).
     */
    static boolean usable(INDArray a) {
        return CPU && a.dataType() == DataType.FLOAT && a.offset() == 0 && a.ordering() == 'c' && a.length() == a.data().length();
    }

    /** Whether this process computes on the CPU backend, whose arrays Java can copy in bulk. */
    static boolean cpuBackend() {
        return CPU;
    }

    /** Copies {@code a}'s first {@code n} floats into {@code dst} (grown when too short); returns the array used. */
    static float[] read(INDArray a, float[] dst, int n) {
        float[] d = dst != null && dst.length >= n ? dst : new float[n];
        buffer(a).get(d, 0, n);
        return d;
    }

    /** Writes {@code src[0,n)} into {@code a}'s buffer. */
    static void write(float[] src, int n, INDArray a) {
        buffer(a).put(src, 0, n);
    }

    private static FloatBuffer buffer(INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
