package io.maskstudio.runs;

import io.maskstudio.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's label, as the Runs list shows and edits it: {@code label.txt} in the run folder when the user named the run,
 * else the part of the folder name after its {@code yyyyMMdd-HHmmss-} stamp. A file of its own rather than a field of
 * run.json, because the recorder rewrites run.json while the run trains and would overwrite a label edited meanwhile.
 */
public final class RunLabel {
    public static final String LABEL_TXT = "label.txt";
    /** Longer labels are cut: a label is a name in a table cell, not a note. */
    public static final int MAX_LENGTH = 200;
    private static final Pattern STAMPED = Pattern.compile("\\d{8}-\\d{6}-(.+)");

    private RunLabel() {}

    /** The label of the run in {@code dir}; never null. An unreadable label.txt falls back to the folder name. */
    public static String read(Path dir) {
        try {
            String s = Files.readString(dir.resolve(LABEL_TXT), StandardCharsets.UTF_8).strip();
            if (!s.isEmpty()) return clean(s);
        } catch (NoSuchFileException e) {
            // not named by the user: the folder's name says it
        } catch (IOException e) {
            // unreadable: the folder's name is still a good label
        }
        return fromFolderName(dir);
    }

    /** Saves the label atomically; a blank label removes label.txt, so the folder name shows again. */
    public static void write(Path dir, String label) throws IOException {
        String s = label == null ? "" : clean(label.strip());
        if (s.isEmpty()) {
            Files.deleteIfExists(dir.resolve(LABEL_TXT));
            return;
        }
        byte[] bytes = (s + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve(LABEL_TXT), out -> out.write(bytes));
    }

    static String fromFolderName(Path dir) {
        Path name = dir.getFileName();
        if (name == null) return dir.toString();
        Matcher m = STAMPED.matcher(name.toString());
        return m.matches() ? m.group(1) : name.toString();
    }

    /** One line, no control characters, at most {@link #MAX_LENGTH} characters. */
    private static String clean(String s) {
        String one = s.replaceAll("\\p{Cntrl}+", " ").strip();
        return one.length() > MAX_LENGTH ? one.substring(0, MAX_LENGTH) : one;
    }
}
