package io.maskstudio.runs;

import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.io.RunManifest;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;

import java.util.List;

/**
 * The curves of one run as {@link RunCurves} draws them, whatever they were read from: a run folder
 * ({@link RunFolder#curves()}) or the run training now ({@link LiveCurves#view()}). Immutable.
 *
 * @param name     the run's name in legends
 * @param design   the design it trained (seed grouping compares them); may be null
 * @param manifest run.json (method, for seed grouping); null when there is none
 * @param metrics  one row per completed epoch, in order
 * @param steps    per-batch rows (thinned evenly), in step order
 * @param events   events.csv rows, in order
 * @param layers   every layers.csv row, by epoch then pair
 */
public record CurveSource(String name, NetworkDesign design, RunManifest manifest, List<EpochMetrics> metrics, List<Step> steps,
                          List<Event> events, List<LayerStats> layers) {

    /** One row of steps.csv: {@code step} counts batches over the run from 1; {@code epoch} is the one it belongs to (from 1). */
    public record Step(int epoch, long step, double loss, double accuracy) { }

    /**
     * One row of events.csv: {@code epoch} is the number of completed epochs when it happened and {@code step} the
     * number of batches trained (so an edit after epoch 3 is at epoch 3, between its end and epoch 4).
     */
    public record Event(int epoch, long step, String kind, String detail) { }

    public CurveSource {
        metrics = List.copyOf(metrics);
        steps = List.copyOf(steps);
        events = List.copyOf(events);
        layers = List.copyOf(layers);
    }

    /** The same source under another legend name (two runs both called "latest" would be indistinguishable). */
    public CurveSource named(String newName) {
        return new CurveSource(newName, design, manifest, metrics, steps, events, layers);
    }

    /** Runs that differ only in their seed get the same key: the same layer sizes, settings other than the seed, masks' sizes, method. */
    String groupKey() {
        StringBuilder sb = new StringBuilder();
        if (design != null) {
            for (int k = 0; k < design.layerCount(); k++) sb.append(design.layer(k).size()).append(',');
            TrainingSettings s = design.settings();
            sb.append('|').append(s.dataset()).append('|').append(s.optimizer()).append('|').append(s.learningRate()).append('|')
                    .append(s.batchSize()).append('|').append(s.epochs()).append('|').append(s.weightDecay()).append('|').append(s.validationFraction());
            for (int k = 0; k < design.pairCount(); k++) sb.append('|').append(design.mask(k).nnz());
        } else {
            sb.append("run ").append(name);
        }
        // A live run has no run.json yet: its method follows from its settings by the rule the recorder writes down.
        TrainingSettings live = design == null ? null : design.settings();
        String method = manifest != null ? manifest.method() : live == null ? RunManifest.STATIC : RunManifest.methodOf(live);
        String detail = manifest != null ? manifest.methodDetail() : live == null ? "" : RunManifest.methodDetailOf(live);
        sb.append('|').append(method).append('|').append(detail);
        return sb.toString();
    }
}
