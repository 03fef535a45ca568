package io.maskstudio.ui.editor;

/** Writes ascending indices compactly for people: {@code 0-3, 8, 10-12}, at most a few ranges. */
public final class IndexText {
    private IndexText() {}

    public static String ranges(int[] ascending, int maxRanges) {
        StringBuilder sb = new StringBuilder();
        int ranges = 0, k = 0;
        while (k < ascending.length) {
            if (ranges == maxRanges) {
                sb.append(", … (").append(ascending.length - k).append(" more)");
                break;
            }
            int start = ascending[k], end = start;
            while (k + 1 < ascending.length && ascending[k + 1] == end + 1) end = ascending[++k];
            k++;
            if (ranges++ > 0) sb.append(", ");
            sb.append(start);
            if (end > start) sb.append('-').append(end);
        }
        return sb.toString();
    }
}
