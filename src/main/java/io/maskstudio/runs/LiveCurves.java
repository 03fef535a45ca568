package io.maskstudio.runs;

import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.engine.MaskedNetwork;
import io.maskstudio.engine.Trainer;
import io.maskstudio.engine.TrainingEvent;
import io.maskstudio.engine.TrainingObserver;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.model.NetworkDesign;

import java.util.ArrayList;
import java.util.List;

/**
 * The curves of the run training now, kept in memory from the trainer's observer calls: epochs, batches (thinned
 * evenly like steps.csv, so memory stays bounded however long the run), events and per-layer stats. The trainer's
 * thread writes; any thread reads {@link #view()}, an immutable copy made at most once per {@link #version()}.
 */
public final class LiveCurves implements TrainingObserver {
    private final String name;
    private final NetworkDesign design;
    private final List<EpochMetrics> metrics = new ArrayList<>();
    private final StepThinning<CurveSource.Step> steps;
    private final List<CurveSource.Event> events = new ArrayList<>();
    private final List<LayerStats> layers = new ArrayList<>();
    private List<float[]> previousWeights = List.of();
    private boolean diverged;
    private volatile long version;
    private CurveSource view;
    private long viewVersion = -1;

    /** {@code design}: the run's private copy (seed grouping compares it); {@code maxSteps} as {@link RunLayout#MAX_STEP_ROWS}. */
    public LiveCurves(String name, NetworkDesign design, int maxSteps) {
        this.name = name;
        this.design = design;
        this.steps = new StepThinning<>(maxSteps);
    }

    public LiveCurves(String name, NetworkDesign design) {
        this(name, design, RunLayout.MAX_STEP_ROWS);
    }

    /** Grows by one with every change; a reader redraws only when it differs from the one it drew. */
    public long version() {
        return version;
    }

    /** The curves so far; the same object until the next change. */
    public synchronized CurveSource view() {
        if (viewVersion != version || view == null) {
            view = new CurveSource(name, design, null, metrics, steps.rows(), events, layers);
            viewVersion = version;
        }
        return view;
    }

    @Override
    public synchronized void batch(int epoch, long step, MaskedNetwork.BatchResult r) {
        double accuracy = r.count() == 0 ? Double.NaN : (double) r.correct() / r.count();
        if (steps.offer(step, new CurveSource.Step(epoch, step, r.loss(), accuracy))) version++;
    }

    @Override
    public synchronized void epoch(EpochMetrics m, TrainingSnapshot snapshot) {
        metrics.add(m);
        diverged = false;
        List<float[]> weights = new ArrayList<>();
        for (int k = 0; k < snapshot.layers().size(); k++) {
            LayerSnapshot l = snapshot.layers().get(k);
            // Snapshots are never changed once made (the history keeps them), so the array itself serves as "previous".
            layers.add(LayerStats.of(m.epoch(), k, l, k < previousWeights.size() ? previousWeights.get(k) : null));
            weights.add(l.weights());
        }
        previousWeights = weights;
        version++;
    }

    @Override
    public synchronized void event(TrainingEvent kind, String detail, int epoch, long step) {
        events.add(new CurveSource.Event(epoch, step, kind.id(), detail));
        if (kind == TrainingEvent.DIVERGED) diverged = true;
        if (kind == TrainingEvent.RESUME) diverged = false;
        version++;
    }

    /** A stop by the user is marked as events.csv marks it (the recorder writes the same row). */
    @Override
    public synchronized void ended(Trainer.State state, String message, TrainingSnapshot last) {
        if (state == Trainer.State.FINISHED || state == Trainer.State.FAILED || diverged) return;
        events.add(new CurveSource.Event(last == null ? 0 : last.epoch(), 0, TrainingEvent.STOPPED.id(), "stopped by the user"));
        version++;
    }
}
