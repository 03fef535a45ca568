package io.maskstudio.io;

import io.maskstudio.model.NetworkDesign;

import java.util.ArrayList;
import java.util.List;

/**
 * A graph file as opened: the design, the fields we did not know (kept to be saved back), and the format
 * version the file had (older ones are migrated on reading; saving writes the current version).
 */
public record LoadedGraph(NetworkDesign design, GraphExtras extras, int fileFormatVersion) {

    public boolean migrated() {
        return fileFormatVersion < GraphFile.FORMAT_VERSION;
    }

    /** What the user should be told after opening, one sentence each; empty for a plain current file. */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (migrated()) {
            notes.add("The file has graph format version " + fileFormatVersion + "; it was upgraded to version " + GraphFile.FORMAT_VERSION
                    + " and is saved as version " + GraphFile.FORMAT_VERSION + ".");
        }
        if (!extras.isEmpty()) {
            notes.add("Kept " + extras.paths().size() + " field" + (extras.paths().size() == 1 ? "" : "s") + " this version does not know ("
                    + String.join(", ", extras.paths()) + "); saving writes them back.");
        }
        return notes;
    }
}
