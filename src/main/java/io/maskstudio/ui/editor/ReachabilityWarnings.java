package io.maskstudio.ui.editor;

import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.Reachability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reachability problems in words, e.g. "output 7 cannot see input pixels in the left half". Outputs missing
 * the same inputs share one warning ("outputs 0-4 cannot see ..."). Each warning keeps the inputs and
 * outputs it is about, so the UI can show them.
 */
public final class ReachabilityWarnings {
    private ReachabilityWarnings() {}

    public record Warning(String text, int[] outputs, int[] inputs) {}

    public static List<Warning> of(NetworkDesign design, Reachability reach, int limit) {
        List<Warning> out = new ArrayList<>();
        LayerSpec input = design.layer(0);
        String outName = design.layer(design.layerCount() - 1).name();
        int[] ignored = reach.inputsReachingNoOutput();
        if (ignored.length > 0) {
            out.add(new Warning(capitalized(InputRegions.describe(input, ignored)) + " reach" + (ignored.length == 1 ? "es" : "")
                    + " no " + outName + " at all", new int[0], ignored));
        }
        // Group outputs by the exact set of inputs they miss.
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        Map<String, int[]> missingOf = new LinkedHashMap<>();
        for (int o = 0; o < reach.outputCount(); o++) {
            int[] missing = reach.unreachableInputs(o);
            if (missing.length == 0) continue;
            String key = Arrays.toString(missing);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(o);
            missingOf.putIfAbsent(key, missing);
        }
        for (var e : groups.entrySet()) {
            if (out.size() == limit) break;
            int[] outputs = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            int[] missing = missingOf.get(e.getKey());
            String who = (outputs.length == 1 ? outName + " " : outName + " neurons ") + IndexText.ranges(outputs, 4);
            String what = missing.length == input.size() ? "sees no input at all" : "cannot see " + InputRegions.describe(input, missing);
            out.add(new Warning(who + " " + (outputs.length == 1 ? what : what.replace("sees", "see")), outputs, missing));
        }
        return out;
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
