package io.maskstudio.engine;

import java.util.Arrays;
import java.util.List;

/**
 * What a training run marks on its curves: the kinds a {@link TrainingObserver} is told and the ids the
 * {@code kind} column of a run folder's events.csv holds, defined once for the trainer, the CLI and the recorder.
 */
public enum TrainingEvent {
    /** The mask of a pair was edited (in the editor, or an undo). */
    MASK_EDIT("mask-edit"),
    /** Connections were removed by magnitude: a prune schedule, or the Training tab's "Prune k weakest". */
    PRUNE("prune"),
    /** Absent connections were added by gradient: the Training tab's "Grow k strongest". */
    GROW("grow"),
    /** A sparse-training method (set, rigl, gmp) changed the masks at a batch boundary. */
    MASK_UPDATE("mask-update"),
    SETTINGS("settings"), PAUSE("pause"), RESUME("resume"), DIVERGED("diverged"), STOPPED("stopped");

    private final String id;

    TrainingEvent(String id) {
        this.id = id;
    }

    /** The id as events.csv spells it, e.g. {@code mask-edit}. */
    public String id() {
        return id;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(TrainingEvent::id).toList();
    }
}
