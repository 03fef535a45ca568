package io.maskstudio.ui.editor;

import io.maskstudio.model.LayerSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Describes a set of input neurons in words: for an image-shaped layer the largest named region they fill
 * ("the left half", "the top-right quarter", "the border"), otherwise index ranges.
 */
public final class InputRegions {
    private InputRegions() {}

    private record Region(String name, int r0, int r1, int c0, int c1, boolean ring) {
        boolean contains(int r, int c, int h, int w) {
            if (ring) return r == 0 || c == 0 || r == h - 1 || c == w - 1;
            return r >= r0 && r < r1 && c >= c0 && c < c1;
        }

        int size(int h, int w) {
            return ring ? (h <= 2 || w <= 2 ? h * w : 2 * (h + w) - 4) : (r1 - r0) * (c1 - c0);
        }
    }

    /** E.g. "input pixels in the left half", "input pixels in the border and 3 more", "inputs 0-31 of input". */
    public static String describe(LayerSpec input, int[] missing) {
        String name = "input " + input.name();
        if (missing.length == input.size()) return "any of " + name;
        if (!input.hasShape() || input.height() < 2 || input.width() < 2) {
            return missing.length + " of " + input.size() + " neurons of " + name + " (" + IndexText.ranges(missing, 6) + ")";
        }
        int h = input.height(), w = input.width(), hw = h * w;
        // A position counts as missing when every channel of it is.
        int[] perPosition = new int[hw];
        for (int i : missing) perPosition[i % hw]++;
        boolean[] gone = new boolean[hw];
        int goneCount = 0;
        for (int p = 0; p < hw; p++) if (perPosition[p] == input.channels()) { gone[p] = true; goneCount++; }
        Region best = null;
        for (Region r : regions(h, w)) {
            if (r.size(h, w) == 0 || (best != null && r.size(h, w) <= best.size(h, w))) continue;
            if (fills(r, gone, h, w)) best = r;
        }
        if (best == null) return missing.length + " of " + input.size() + " neurons of " + name + boundingBox(gone, h, w);
        int outside = goneCount - best.size(h, w);
        int partial = missing.length - goneCount * input.channels();
        String more = outside + partial > 0 ? " and " + (outside * input.channels() + partial) + " more" : "";
        return name + " in the " + best.name() + more;
    }

    private static boolean fills(Region r, boolean[] gone, int h, int w) {
        for (int row = 0; row < h; row++) {
            for (int c = 0; c < w; c++) if (r.contains(row, c, h, w) && !gone[row * w + c]) return false;
        }
        return true;
    }

    private static String boundingBox(boolean[] gone, int h, int w) {
        int r0 = h, r1 = -1, c0 = w, c1 = -1;
        for (int p = 0; p < gone.length; p++) {
            if (!gone[p]) continue;
            r0 = Math.min(r0, p / w);
            r1 = Math.max(r1, p / w);
            c0 = Math.min(c0, p % w);
            c1 = Math.max(c1, p % w);
        }
        if (r1 < 0) return " (scattered over channels)";
        return String.format(Locale.ROOT, " (rows %d-%d, cols %d-%d)", r0, r1, c0, c1);
    }

    private static List<Region> regions(int h, int w) {
        int hh = h / 2, hw = w / 2;
        List<Region> r = new ArrayList<>();
        r.add(new Region("left half", 0, h, 0, hw, false));
        r.add(new Region("right half", 0, h, w - hw, w, false));
        r.add(new Region("top half", 0, hh, 0, w, false));
        r.add(new Region("bottom half", h - hh, h, 0, w, false));
        r.add(new Region("border", 0, 0, 0, 0, true));
        r.add(new Region("top-left quarter", 0, hh, 0, hw, false));
        r.add(new Region("top-right quarter", 0, hh, w - hw, w, false));
        r.add(new Region("bottom-left quarter", h - hh, h, 0, hw, false));
        r.add(new Region("bottom-right quarter", h - hh, h, w - hw, w, false));
        r.add(new Region("left column", 0, h, 0, 1, false));
        r.add(new Region("right column", 0, h, w - 1, w, false));
        r.add(new Region("top row", 0, 1, 0, w, false));
        r.add(new Region("bottom row", h - 1, h, 0, w, false));
        return r;
    }
}
