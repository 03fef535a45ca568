package io.maskstudio.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Mean softmax cross-entropy over a batch of logits, as PyTorch's {@code nn.CrossEntropyLoss}. */
final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {}

    /** Row-wise softmax, shifted by the row max so large logits don't overflow. */
    static INDArray softmax(INDArray logits) {
        INDArray shifted = logits.subColumnVector(logits.max(true, 1));
        INDArray e = Transforms.exp(shifted, false);
        return e.diviColumnVector(e.sum(true, 1));
    }

    /** Loss value; {@code oneHot} is [batch, classes]. */
    static double loss(INDArray logits, INDArray oneHot) {
        INDArray max = logits.max(true, 1);
        INDArray shifted = logits.subColumnVector(max);
        INDArray logSumExp = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        // -log softmax[y] = logSumExp - shifted[y]
        double picked = shifted.mul(oneHot).sumNumber().doubleValue();
        return (logSumExp.sumNumber().doubleValue() - picked) / logits.rows();
    }

    /** d loss / d logits = (softmax - onehot) / batch. */
    static INDArray gradient(INDArray logits, INDArray oneHot) {
        return softmax(logits).subi(oneHot).divi(logits.rows());
    }

    static INDArray oneHot(int[] labels, int classes, DataType dtype) {
        INDArray y = Nd4j.zeros(dtype, labels.length, classes);
        for (int r = 0; r < labels.length; r++) y.putScalar(r, labels[r], 1.0);
        return y;
    }
}
