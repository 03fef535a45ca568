package io.maskstudio.model.edit;

import io.maskstudio.model.NetworkDesign;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Undo and redo for one {@link NetworkDesign}, on the thread that owns it. Keeps at most {@code maxDepth}
 * steps (the oldest fall off); a new step clears the redo stack.
 *
 * <p>Merging: {@link #performMerged} folds an edit into the previous step while that step is open, so a
 * brush stroke's drag events become one "Paint 40 cells"; {@link #endMerge()} (mouse released) closes it.
 * Any other call (perform, undo, redo) closes it too.
 */
public final class EditHistory {

    /** Told after every change of the stacks (to refresh the Undo/Redo menu items). */
    public interface Listener {
        void historyChanged(EditHistory history);
    }

    public static final int DEFAULT_DEPTH = 200;

    /** A fresh object per pushed step, so the save point is identified even when an edit object is reused. */
    private record Step(Edit edit) {
    }

    private static final Object BOTTOM = new Object();

    private final NetworkDesign design;
    private final int maxDepth;
    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private boolean mergeOpen;
    private Object savedState = BOTTOM;

    public EditHistory(NetworkDesign design) {
        this(design, DEFAULT_DEPTH);
    }

    public EditHistory(NetworkDesign design, int maxDepth) {
        this.design = Objects.requireNonNull(design, "design");
        if (maxDepth < 1) throw new IllegalArgumentException("history depth must be at least 1, was " + maxDepth);
        this.maxDepth = maxDepth;
    }

    public NetworkDesign design() {
        return design;
    }

    /** Applies {@code edit} and makes it a new undo step. If it throws, the history is unchanged. */
    public void perform(Edit edit) {
        edit.apply(design);
        push(edit);
        mergeOpen = false;
        fire();
    }

    /** Applies {@code edit}, folding it into the previous step when that one is still open. */
    public void performMerged(Edit edit) {
        edit.apply(design);
        if (mergeOpen && !undo.isEmpty()) {
            Step top = undo.pop();
            Edit merged = top.edit().mergedWith(edit);
            if (merged == null) merged = new CompoundEdit(top.edit().description(), List.of(top.edit(), edit));
            if (savedState == top) savedState = new Object(); // the saved state was mid-stroke: no step leads back to it
            undo.push(new Step(merged));
            clearRedo();
        } else {
            push(edit);
        }
        mergeOpen = true;
        fire();
    }

    /** Closes the open merge step; the next edit starts a new step. */
    public void endMerge() {
        mergeOpen = false;
    }

    /** Makes an edit the caller has already applied (through the design's methods) a new step. */
    public void record(Edit alreadyApplied) {
        push(alreadyApplied);
        mergeOpen = false;
        fire();
    }

    /** Reverts the latest step; false when there is none. */
    public boolean undo() {
        mergeOpen = false;
        if (undo.isEmpty()) return false;
        Step step = undo.peek();
        step.edit().revert(design);
        redo.push(undo.pop());
        fire();
        return true;
    }

    /** Re-applies the latest undone step; false when there is none. */
    public boolean redo() {
        mergeOpen = false;
        if (redo.isEmpty()) return false;
        Step step = redo.peek();
        step.edit().apply(design);
        undo.push(redo.pop());
        fire();
        return true;
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** What Undo would revert, e.g. "Paint 12 cells". */
    public Optional<String> undoDescription() {
        return Optional.ofNullable(undo.peek()).map(s -> s.edit().description());
    }

    public Optional<String> redoDescription() {
        return Optional.ofNullable(redo.peek()).map(s -> s.edit().description());
    }

    /** Undo steps, most recent first. */
    public List<String> undoDescriptions() {
        return descriptions(undo);
    }

    /** Redo steps, next first. */
    public List<String> redoDescriptions() {
        return descriptions(redo);
    }

    public int maxDepth() {
        return maxDepth;
    }

    /** Forgets every step (after loading another file); the design itself is left as it is. */
    public void clear() {
        savedState = savedState == top() ? BOTTOM : new Object();
        undo.clear();
        redo.clear();
        mergeOpen = false;
        fire();
    }

    /** Remembers the current state as saved. */
    public void markSaved() {
        savedState = top();
        fire();
    }

    /** True when undo/redo have moved the design away from the state last marked saved. */
    public boolean isModified() {
        return savedState != top();
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    private void push(Edit edit) {
        undo.push(new Step(Objects.requireNonNull(edit, "edit")));
        clearRedo();
        while (undo.size() > maxDepth) {
            Step oldest = undo.removeLast();
            // The state before the oldest step is no longer reachable; the one after it becomes the bottom.
            if (savedState == BOTTOM) savedState = new Object();
            else if (savedState == oldest) savedState = BOTTOM;
        }
    }

    private void clearRedo() {
        redo.clear();
    }

    private Object top() {
        Step s = undo.peek();
        return s == null ? BOTTOM : s;
    }

    private static List<String> descriptions(Deque<Step> steps) {
        List<String> d = new ArrayList<>(steps.size());
        for (Step s : steps) d.add(s.edit().description());
        return d;
    }

    private void fire() {
        for (Listener l : listeners) l.historyChanged(this);
    }
}
