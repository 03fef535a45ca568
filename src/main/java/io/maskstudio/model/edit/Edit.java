package io.maskstudio.model.edit;

import io.maskstudio.model.NetworkDesign;

/**
 * One undoable change of a {@link NetworkDesign}. {@code apply} goes from the state before to the state
 * after, {@code revert} back; both go through the design's own methods so its listeners hear of it.
 * An edit is only valid on the state it was made for, which {@link EditHistory}'s strict order guarantees.
 */
public interface Edit {

    void apply(NetworkDesign design);

    void revert(NetworkDesign design);

    /** What the edit did, for a menu: "Paint 12 cells" becomes "Undo Paint 12 cells". */
    String description();

    /**
     * One edit doing this and then {@code next}, or null when the two cannot be combined; lets
     * {@link EditHistory} fold a brush stroke's many small edits into a single step.
     */
    default Edit mergedWith(Edit next) {
        return null;
    }
}
