package io.maskstudio.model.edit;

import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Replaces the training settings; describes itself by the fields that changed. */
public final class SettingsEdit implements Edit {
    private final TrainingSettings before;
    private final TrainingSettings after;
    private final String description;

    public SettingsEdit(TrainingSettings before, TrainingSettings after, String description) {
        this.before = Objects.requireNonNull(before, "before");
        this.after = Objects.requireNonNull(after, "after");
        this.description = Objects.requireNonNull(description, "description");
    }

    /** From the design's current settings to {@code after}, e.g. "Change learningRate 0.001 → 0.01". */
    public static SettingsEdit change(NetworkDesign design, TrainingSettings after) {
        return new SettingsEdit(design.settings(), after, describe(design.settings(), after));
    }

    @Override
    public void apply(NetworkDesign design) {
        requireCurrent(design, before);
        design.setSettings(after);
    }

    @Override
    public void revert(NetworkDesign design) {
        requireCurrent(design, after);
        design.setSettings(before);
    }

    @Override
    public String description() {
        return description;
    }

    /** Typing in a field yields one edit per keystroke; consecutive settings edits become one step. */
    @Override
    public Edit mergedWith(Edit next) {
        if (!(next instanceof SettingsEdit s) || !s.before.equals(after)) return null;
        return new SettingsEdit(before, s.after, describe(before, s.after));
    }

    private static void requireCurrent(NetworkDesign design, TrainingSettings expected) {
        if (!design.settings().equals(expected)) {
            throw new IllegalStateException("settings edit applied to a design in another state: expected " + expected + ", found " + design.settings());
        }
    }

    static String describe(TrainingSettings a, TrainingSettings b) {
        List<String> changes = new ArrayList<>();
        for (RecordComponent c : TrainingSettings.class.getRecordComponents()) {
            Object va = value(c, a);
            Object vb = value(c, b);
            if (!va.equals(vb)) changes.add(c.getName() + " " + va + " → " + vb);
        }
        if (changes.isEmpty()) return "Change nothing";
        if (changes.size() > 2) return "Change " + changes.size() + " training settings";
        return "Change " + String.join(", ", changes);
    }

    private static Object value(RecordComponent c, TrainingSettings s) {
        try {
            return c.getAccessor().invoke(s);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }
}
