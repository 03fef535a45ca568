package io.maskstudio.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Connectivity statistics of a whole design: one {@link MaskStats} per layer pair, the dead neurons of
 * every layer and the input-to-output {@link Reachability}. A dead neuron is a hidden neuron with no
 * input or no output, an input neuron with no path to any output, or an output neuron with no input.
 */
public record NetworkStats(List<LayerStats> layers, List<MaskStats> pairs, Reachability reachability) {

    /** One layer's name, size, optional grid and dead neurons (ascending indices). */
    public record LayerStats(String name, int size, int height, int width, int[] deadNeurons) {
        public int deadCount() {
            return deadNeurons.length;
        }
    }

    public NetworkStats {
        layers = List.copyOf(layers);
        pairs = List.copyOf(pairs);
    }

    public static NetworkStats of(NetworkDesign design) {
        Reachability reach = Reachability.of(design);
        List<MaskStats> pairs = new ArrayList<>();
        for (Mask m : design.masks()) pairs.add(MaskStats.of(m));
        List<LayerStats> layers = new ArrayList<>();
        int last = design.layerCount() - 1;
        for (int k = 0; k <= last; k++) {
            int[] dead;
            if (k == 0) {
                dead = reach.inputsReachingNoOutput();
            } else {
                int[] fanIn = design.mask(k - 1).fanIns();
                int[] fanOut = k < last ? design.mask(k).fanOuts() : null;
                dead = deadIndices(fanIn, fanOut);
            }
            LayerSpec s = design.layer(k);
            layers.add(new LayerStats(s.name(), s.size(), s.height(), s.width(), dead));
        }
        return new NetworkStats(layers, pairs, reach);
    }

    private static int[] deadIndices(int[] fanIn, int[] fanOut) {
        int[] dead = new int[fanIn.length];
        int n = 0;
        for (int i = 0; i < fanIn.length; i++) {
            if (fanIn[i] == 0 || (fanOut != null && fanOut[i] == 0)) dead[n++] = i;
        }
        return Arrays.copyOf(dead, n);
    }

    public int[] deadNeurons(int layer) {
        return layers.get(layer).deadNeurons().clone();
    }

    public long totalConnections() {
        long n = 0;
        for (MaskStats p : pairs) n += p.nnz();
        return n;
    }

    /** Several lines for a terminal (the CLI's {@code inspect}). */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(layers.size()).append(" layers, ").append(totalConnections()).append(" connections\n");
        sb.append("Layers:\n");
        for (int k = 0; k < layers.size(); k++) {
            LayerStats l = layers.get(k);
            sb.append(String.format(Locale.ROOT, "  %d %-12s %6d%s", k, l.name(), l.size(), gridText(l)));
            sb.append(l.deadCount() == 0 ? "  no dead neurons"
                    : "  " + l.deadCount() + " dead (" + deadMeaning(k) + "): " + IndexRanges.format(l.deadNeurons(), 12));
            sb.append('\n');
        }
        sb.append("Masks:\n");
        for (int k = 0; k < pairs.size(); k++) {
            sb.append("  ").append(layers.get(k).name()).append(" -> ").append(layers.get(k + 1).name()).append(": ")
                    .append(pairs.get(k).render()).append('\n');
        }
        sb.append("Reachability:\n");
        reachability.summary().lines().forEach(line -> sb.append("  ").append(line).append('\n'));
        return sb.toString();
    }

    private String deadMeaning(int k) {
        if (k == 0) return "reach no output";
        if (k == layers.size() - 1) return "no input";
        return "no input or no output";
    }

    private static String gridText(LayerStats l) {
        if (l.height() == 0) return "";
        int channels = l.size() / (l.height() * l.width());
        return " (" + (channels > 1 ? channels + "x" : "") + l.height() + "x" + l.width() + ")";
    }

    /**
     * Plain maps, lists, strings and numbers for a JSON writer. Index lists longer than {@code listLimit}
     * are cut; the matching count field always holds the full number.
     */
    public Map<String, Object> toMap(int listLimit) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("totalConnections", totalConnections());
        List<Object> ls = new ArrayList<>();
        for (LayerStats l : layers) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", l.name());
            m.put("size", l.size());
            if (l.height() > 0) m.put("shape", List.of(l.height(), l.width()));
            m.put("deadCount", l.deadCount());
            m.put("deadNeurons", limited(l.deadNeurons(), listLimit));
            ls.add(m);
        }
        root.put("layers", ls);
        List<Object> ps = new ArrayList<>();
        for (int k = 0; k < pairs.size(); k++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", layers.get(k).name());
            m.put("to", layers.get(k + 1).name());
            m.putAll(pairs.get(k).toMap());
            ps.add(m);
        }
        root.put("pairs", ps);
        root.put("reachability", reachabilityMap(listLimit));
        return root;
    }

    public Map<String, Object> toMap() {
        return toMap(1000);
    }

    private Map<String, Object> reachabilityMap(int listLimit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inputs", reachability.inputCount());
        m.put("outputs", reachability.outputCount());
        m.put("complete", reachability.complete());
        int[] ignored = reachability.inputsReachingNoOutput();
        m.put("inputsReachingNoOutputCount", ignored.length);
        m.put("inputsReachingNoOutput", limited(ignored, listLimit));
        List<Object> perOutput = new ArrayList<>();
        for (int o = 0; o < reachability.outputCount(); o++) {
            Map<String, Object> po = new LinkedHashMap<>();
            int[] missing = reachability.unreachableInputs(o);
            po.put("output", o);
            po.put("reachableCount", reachability.inputCount() - missing.length);
            po.put("unreachableCount", missing.length);
            po.put("unreachableInputs", limited(missing, listLimit));
            perOutput.add(po);
        }
        m.put("perOutput", perOutput);
        return m;
    }

    private static List<Integer> limited(int[] idx, int limit) {
        return Arrays.stream(idx).limit(Math.max(0, limit)).boxed().toList();
    }
}
