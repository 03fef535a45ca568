package io.maskstudio.ui.training;

import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.engine.Trainer;
import io.maskstudio.engine.TrainingEvent;
import io.maskstudio.engine.TrainingObserver;
import io.maskstudio.engine.TrainingSession;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.model.Mask;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The trainer's masks for the editor to follow: copied on the trainer's thread whenever they may have changed (a
 * sparse-training method's mask update, a prune, an edit applied, a pause, an epoch's end, the end of the run), with
 * how many of the window's mask edits the trainer had applied by then, so the window follows only a state that already
 * holds every edit it sent. The session is read only inside the trainer's calls, between {@code started} and
 * {@code ended}; nothing else of it is kept.
 */
final class EvolvingMasks implements TrainingObserver {
    /** What {@link Trainer} appends to an applied edit's detail ("...; pair 0: 120 connections"); a scheduled prune says "... left". */
    private static final Pattern APPLIED_EDIT = Pattern.compile("(^|; )pair \\d+: \\d+ connections$");

    /** The masks after {@code editsApplied} of the window's edits; {@code version} grows with every copy. */
    record State(long version, long editsApplied, List<Mask> masks) {}

    private TrainingSession session;
    private long version;
    private long editsApplied;
    private volatile State latest;

    /** The newest copy; null before the session exists. Any thread. */
    State latest() {
        return latest;
    }

    @Override
    public void started(TrainingSession s) {
        session = s;
        publish(s.network().masks());
    }

    @Override
    public void event(TrainingEvent kind, String detail, int epoch, long step) {
        boolean edit = appliedEdit(kind, detail);
        if (edit) editsApplied++;
        if (session != null && (edit || kind == TrainingEvent.MASK_UPDATE || kind == TrainingEvent.PRUNE || kind == TrainingEvent.PAUSE)) {
            publish(session.network().masks());
        }
    }

    @Override
    public void epoch(EpochMetrics metrics, TrainingSnapshot snapshot) {
        publish(masksOf(snapshot));
    }

    @Override
    public void ended(Trainer.State state, String message, TrainingSnapshot last) {
        if (last != null) publish(masksOf(last));
        session = null;
    }

    /** True for the event the trainer tells after applying a mask the window sent (edit, Prune or Grow button). */
    static boolean appliedEdit(TrainingEvent kind, String detail) {
        return switch (kind) {
            case MASK_EDIT, GROW -> true;
            case PRUNE -> APPLIED_EDIT.matcher(detail).find();
            default -> false;
        };
    }

    private static List<Mask> masksOf(TrainingSnapshot s) {
        List<Mask> ms = new ArrayList<>();
        for (LayerSnapshot l : s.layers()) ms.add(l.mask());
        return ms;
    }

    private void publish(List<Mask> masks) {
        latest = new State(++version, editsApplied, List.copyOf(masks));
    }
}
