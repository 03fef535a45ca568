package io.maskstudio.model;

/** Writes ascending neuron indices compactly for people: {@code 0-3, 8, 10-12}. */
final class IndexRanges {

    private IndexRanges() {
    }

    /** At most {@code maxRanges} ranges, then {@code ... (N more)}. */
    static String format(int[] ascending, int maxRanges) {
        StringBuilder sb = new StringBuilder();
        int ranges = 0;
        int k = 0;
        while (k < ascending.length) {
            if (ranges == maxRanges) {
                sb.append(", ... (").append(ascending.length - k).append(" more)");
                break;
            }
            int start = ascending[k];
            int end = start;
            while (k + 1 < ascending.length && ascending[k + 1] == end + 1) end = ascending[++k];
            k++;
            if (ranges > 0) sb.append(", ");
            sb.append(start);
            if (end > start) sb.append('-').append(end);
            ranges++;
        }
        return sb.toString();
    }
}
