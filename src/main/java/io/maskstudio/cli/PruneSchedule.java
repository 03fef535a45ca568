package io.maskstudio.cli;

import java.util.Map;
import java.util.TreeMap;

/** {@code --prune F@E[,E...]}: at the end of each epoch E remove the fraction F of each layer's connections. */
final class PruneSchedule {
    private final Map<Integer, Double> fractionByEpoch = new TreeMap<>();

    /** Parses one or more specs like {@code 0.5@10,20}. */
    static PruneSchedule parse(Iterable<String> specs) {
        PruneSchedule s = new PruneSchedule();
        for (String spec : specs) {
            int at = spec.indexOf('@');
            if (at < 0) throw usage(spec, "expected F@E[,E...], e.g. 0.5@10,20");
            double f;
            try {
                f = Double.parseDouble(spec.substring(0, at));
            } catch (NumberFormatException e) {
                throw usage(spec, "the fraction '" + spec.substring(0, at) + "' is not a number");
            }
            if (!(f > 0 && f < 1)) throw usage(spec, "the fraction must be between 0 and 1 (exclusive), was " + f);
            for (String e : spec.substring(at + 1).split(",")) {
                try {
                    int epoch = Integer.parseInt(e.trim());
                    if (epoch < 1) throw usage(spec, "epochs count from 1, was " + epoch);
                    s.fractionByEpoch.put(epoch, f);
                } catch (NumberFormatException ex) {
                    throw usage(spec, "the epoch '" + e + "' is not a whole number");
                }
            }
        }
        return s;
    }

    private static CliException usage(String spec, String why) {
        return new CliException("--prune " + spec + ": " + why, MaskStudioCommand.USAGE);
    }

    boolean isEmpty() {
        return fractionByEpoch.isEmpty();
    }

    /** {@code 0.5@10,0.5@20}: one F@E per pruning epoch, as run.json's methodDetail records it. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        fractionByEpoch.forEach((e, f) -> sb.append(sb.length() == 0 ? "" : ",").append(f).append('@').append(e));
        return sb.toString();
    }

    /** The fraction to prune after {@code epoch}, or 0. */
    double fractionAfter(int epoch) {
        return fractionByEpoch.getOrDefault(epoch, 0.0);
    }
}
