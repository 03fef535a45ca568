package io.maskstudio.ui.shell;

import java.nio.file.Path;

/** Where the app keeps its own files: {@code ~/.maskstudio}, or the {@code maskstudio.home} system property (tests). */
public final class AppDirs {
    private AppDirs() {}

    public static Path home() {
        String p = System.getProperty("maskstudio.home");
        return p != null ? Path.of(p) : Path.of(System.getProperty("user.home"), ".maskstudio");
    }

    public static Path autosave() {
        return home().resolve("autosave");
    }
}
