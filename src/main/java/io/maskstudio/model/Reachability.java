package io.maskstudio.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Which network inputs can influence which final outputs through all masks, ignoring weights.
 * Computed once by pushing packed input bitsets through the layers (each connection ORs one bitset
 * into another), so the cost is about {@code total nnz * inputs/64} word operations.
 */
public final class Reachability {
    private final int inputs;
    private final int outputs;
    private final int words;
    private final long[] sets; // outputs x words: the inputs that reach each output

    private Reachability(int inputs, int outputs, long[] sets) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.words = (inputs + 63) >>> 6;
        this.sets = sets;
    }

    public static Reachability of(NetworkDesign design) {
        return of(design.masks());
    }

    /** {@code masks.get(k)} connects layer k to layer k+1, so consecutive shapes must chain. */
    public static Reachability of(List<Mask> masks) {
        if (masks.isEmpty()) throw new IllegalArgumentException("reachability needs at least one mask");
        Mask first = masks.get(0);
        int inputs = first.cols();
        int words = (inputs + 63) >>> 6;
        // Through the first mask each input reaches just its own outputs: the rows are the sets already.
        long[] current = new long[Math.multiplyExact(first.rows(), words)];
        for (int o = 0; o < first.rows(); o++) System.arraycopy(first.rowWords(o), 0, current, o * words, words);
        int width = first.rows();
        for (int k = 1; k < masks.size(); k++) {
            Mask m = masks.get(k);
            if (m.cols() != width) {
                throw new IllegalArgumentException("mask " + k + " has " + m.cols() + " inputs but the layer before it has " + width + " neurons");
            }
            long[] prev = current;
            long[] next = new long[Math.multiplyExact(m.rows(), words)];
            for (int o = 0; o < m.rows(); o++) {
                final int base = o * words;
                m.forEachInRow(o, i -> {
                    int src = i * words;
                    for (int w = 0; w < words; w++) next[base + w] |= prev[src + w];
                });
            }
            current = next;
            width = m.rows();
        }
        return new Reachability(inputs, width, current);
    }

    public int inputCount() { return inputs; }
    public int outputCount() { return outputs; }

    /** True when some path of connections leads from network input {@code input} to final output {@code output}. */
    public boolean reaches(int input, int output) {
        checkInput(input);
        checkOutput(output);
        return (sets[output * words + (input >>> 6)] & (1L << input)) != 0;
    }

    public int reachableCount(int output) {
        checkOutput(output);
        int n = 0;
        for (int w = 0; w < words; w++) n += Long.bitCount(sets[output * words + w]);
        return n;
    }

    /** Inputs that can influence {@code output}, ascending. */
    public int[] reachableInputs(int output) {
        return inputsWhere(output, true);
    }

    /** Inputs that cannot influence {@code output} whatever the weights, ascending. */
    public int[] unreachableInputs(int output) {
        return inputsWhere(output, false);
    }

    /** Outputs that {@code input} can influence, ascending. */
    public int[] outputsReachedBy(int input) {
        checkInput(input);
        List<Integer> found = new ArrayList<>();
        for (int o = 0; o < outputs; o++) if (reaches(input, o)) found.add(o);
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Inputs with no path to any output: the network ignores them. */
    public int[] inputsReachingNoOutput() {
        long[] any = new long[words];
        for (int o = 0; o < outputs; o++) for (int w = 0; w < words; w++) any[w] |= sets[o * words + w];
        int[] idx = new int[inputs - popCount(any)];
        int k = 0;
        for (int i = 0; i < inputs; i++) if ((any[i >>> 6] & (1L << i)) == 0) idx[k++] = i;
        return idx;
    }

    /** Outputs that no input reaches: they can only emit their bias. */
    public int[] outputsSeeingNoInput() {
        List<Integer> found = new ArrayList<>();
        for (int o = 0; o < outputs; o++) if (reachableCount(o) == 0) found.add(o);
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    /** True when every output can be influenced by every input. */
    public boolean complete() {
        for (int o = 0; o < outputs; o++) if (reachableCount(o) != inputs) return false;
        return true;
    }

    /** A few lines for people: which outputs cannot see which inputs. */
    public String summary() {
        if (complete()) return "every output can see all " + inputs + " inputs";
        StringBuilder sb = new StringBuilder();
        int[] ignored = inputsReachingNoOutput();
        if (ignored.length > 0) {
            sb.append(ignored.length).append(" of ").append(inputs).append(" inputs reach no output: ")
                    .append(IndexRanges.format(ignored, 12)).append('\n');
        }
        int listed = 0;
        int partial = 0;
        for (int o = 0; o < outputs; o++) {
            int[] missing = unreachableInputs(o);
            if (missing.length == 0) continue;
            partial++;
            if (listed == 20) continue; // keep the summary short on wide outputs
            listed++;
            sb.append("output ").append(o).append(" sees ").append(inputs - missing.length).append(" of ").append(inputs)
                    .append(" inputs; cannot see ").append(IndexRanges.format(missing, 12)).append('\n');
        }
        if (partial > listed) sb.append("... and ").append(partial - listed).append(" more outputs that miss some inputs\n");
        return sb.toString().stripTrailing();
    }

    private int[] inputsWhere(int output, boolean reached) {
        int count = reachableCount(output);
        int[] idx = new int[reached ? count : inputs - count];
        int k = 0;
        int base = output * words;
        for (int i = 0; i < inputs; i++) {
            boolean r = (sets[base + (i >>> 6)] & (1L << i)) != 0;
            if (r == reached) idx[k++] = i;
        }
        return idx;
    }

    private static int popCount(long[] a) {
        int n = 0;
        for (long w : a) n += Long.bitCount(w);
        return n;
    }

    private void checkInput(int input) {
        if (input < 0 || input >= inputs) throw new IndexOutOfBoundsException("input neuron " + input + " outside [0," + inputs + ")");
    }

    private void checkOutput(int output) {
        if (output < 0 || output >= outputs) throw new IndexOutOfBoundsException("output neuron " + output + " outside [0," + outputs + ")");
    }
}
