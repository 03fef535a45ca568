package io.maskstudio.model;

/**
 * Trained parameters of one layer pair as plain arrays, PyTorch's layout: {@code weight} is row-major
 * {@code [out_features, in_features]}, {@code bias} is {@code [out_features]}. Absent connections are 0.
 */
public record LayerParameters(int outFeatures, int inFeatures, float[] weight, float[] bias) {
    public LayerParameters {
        if (weight.length != (long) outFeatures * inFeatures) {
            throw new IllegalArgumentException("weight has " + weight.length + " values, expected " + outFeatures + "x" + inFeatures);
        }
        if (bias.length != outFeatures) throw new IllegalArgumentException("bias has " + bias.length + " values, expected " + outFeatures);
    }

    public float weight(int out, int in) {
        return weight[out * inFeatures + in];
    }
}
