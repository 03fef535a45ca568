package io.maskstudio.runs;

import java.util.Arrays;
import java.util.List;

/** The kinds of row in events.csv; their ids are what the file's {@code kind} column holds. */
public enum RunEvent {
    MASK_EDIT("mask-edit"), PRUNE("prune"), GROW("grow"), SETTINGS("settings"), PAUSE("pause"), RESUME("resume"),
    DIVERGED("diverged"), STOPPED("stopped");

    private final String id;

    RunEvent(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(RunEvent::id).toList();
    }
}
