package io.maskstudio.model.edit;

import io.maskstudio.model.NetworkDesign;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Several edits as one step: applied in order, reverted in reverse order. */
public final class CompoundEdit implements Edit {
    private final String description;
    private final List<Edit> parts;

    public CompoundEdit(String description, List<? extends Edit> parts) {
        this.description = Objects.requireNonNull(description, "description");
        if (parts.isEmpty()) throw new IllegalArgumentException("a compound edit needs at least one part");
        this.parts = List.copyOf(parts);
    }

    public List<Edit> parts() {
        return parts;
    }

    @Override
    public void apply(NetworkDesign design) {
        for (Edit e : parts) e.apply(design);
    }

    @Override
    public void revert(NetworkDesign design) {
        for (int k = parts.size() - 1; k >= 0; k--) parts.get(k).revert(design);
    }

    @Override
    public String description() {
        return description;
    }

    /** Folds {@code next} into the last part when that part accepts it, otherwise appends it. */
    @Override
    public Edit mergedWith(Edit next) {
        List<Edit> merged = new ArrayList<>(parts);
        Edit last = merged.get(merged.size() - 1);
        Edit folded = last.mergedWith(next);
        if (folded != null) merged.set(merged.size() - 1, folded); else merged.add(next);
        return new CompoundEdit(description, merged);
    }
}
