package io.maskstudio.engine.sparse;

import io.maskstudio.engine.MaskedNetwork;

import java.util.ArrayList;
import java.util.List;

/** Which pairs a method changes: by default every pair whose mask is not full when training starts. */
final class SparsePairs {
    private SparsePairs() {}

    static int[] notFull(MaskedNetwork net) {
        List<Integer> pairs = new ArrayList<>();
        for (int k = 0; k < net.layerCount(); k++) {
            var l = net.layer(k);
            if (l.connections() < (long) l.outFeatures() * l.inFeatures()) pairs.add(k);
        }
        return pairs.stream().mapToInt(Integer::intValue).toArray();
    }
}
