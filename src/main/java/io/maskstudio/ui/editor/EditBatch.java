package io.maskstudio.ui.editor;

import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.edit.CompoundEdit;
import io.maskstudio.model.edit.Edit;
import io.maskstudio.model.edit.EditHistory;

import java.util.ArrayList;
import java.util.List;

/**
 * Several edits that become one undo step, each built against the state the previous one left
 * (a layer resize changes the masks the next edit must be made for). If one fails, the applied ones
 * are reverted and nothing is recorded.
 */
public final class EditBatch {
    private final NetworkDesign design;
    private final List<Edit> applied = new ArrayList<>();

    public EditBatch(NetworkDesign design) {
        this.design = design;
    }

    public NetworkDesign design() {
        return design;
    }

    public void apply(Edit e) {
        e.apply(design);
        applied.add(e);
    }

    /** Records the applied edits as one step named {@code label}. */
    public void commit(EditHistory history, String label) {
        if (applied.isEmpty()) return;
        history.record(applied.size() == 1 ? applied.get(0) : new CompoundEdit(label, applied));
    }

    /** Undoes what was applied, newest first. */
    public void rollback() {
        for (int k = applied.size() - 1; k >= 0; k--) applied.get(k).revert(design);
        applied.clear();
    }
}
