package io.maskstudio.data;

import io.maskstudio.model.LayerSpec;

/**
 * Whether a dataset's rows fit a network's input layer, worded once for the CLI and the app: the feature count
 * must equal the layer's size, and for image data an input layer with a 2-D shape must have the images' shape
 * (a 784-neuron layer shaped 14x56 would scramble 28x28 images' neighbourhoods for local masks and heatmaps).
 */
public final class InputFit {
    private InputFit() {}

    /** "784 features (28x28 images)", or "3 features" for data without an image shape. */
    public static String featuresText(Dataset data) {
        return data.features() + " features" + (data.imageHeight() > 0 ? " (" + data.imageHeight() + "x" + data.imageWidth() + " images)" : "");
    }

    /**
     * Null when the shapes agree (or either has none); otherwise what differs, worded to follow "the input layer" or
     * "the input layer of GRAPH". Call it once the sizes are known to match.
     */
    public static String shapeMismatch(Dataset data, LayerSpec input) {
        if (data.imageHeight() == 0 || !input.hasShape()) return null;
        if (input.channels() == 1 && input.height() == data.imageHeight() && input.width() == data.imageWidth()) return null;
        String shape = data.imageHeight() + "x" + data.imageWidth();
        String layerShape = (input.channels() > 1 ? input.channels() + "x" : "") + input.height() + "x" + input.width();
        return " is shaped " + layerShape + " but the data are " + shape + " images (the same "
                + input.size() + " values); expected the input layer shaped " + shape;
    }
}
