package io.maskstudio.ui.shell;

import io.maskstudio.io.GraphExtras;
import io.maskstudio.io.GraphFile;
import io.maskstudio.model.MaskGenerators;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The child JVM of {@link AutosaveKillTest}: holds the session's lock as the app does, then writes autosave
 * number {@code first}, {@code first + 1}, ... with {@link Autosave#write} until it is killed (or a minute passes).
 */
public final class AutosaveWriterMain {
    static final int SIZE = 1000; // 1M cells: about 170 kB of base64 per write, so kills often land inside one

    private AutosaveWriterMain() {}

    /** Autosave number {@code k}: a 1000 -> 1000 design whose mask and seed are both derived from {@code k}. */
    static NetworkDesign design(long k) {
        NetworkDesign d = NetworkDesign.dense(TrainingSettings.defaults("xor").withSeed(k), SIZE, SIZE);
        d.setMask(0, MaskGenerators.randomDensity(SIZE, SIZE, 0.3, k, 0));
        return d;
    }

    static Path original(long k) {
        return Path.of("/work/designs/design-" + k + ".graph.json");
    }

    static GraphExtras extras() throws Exception {
        byte[] json = GraphFile.toJson(design(0));
        String withField = new String(json, StandardCharsets.UTF_8).replaceFirst("\\{", "{\"reviewer\": \"grace\",");
        return GraphFile.parseLoaded("extras", withField.getBytes(StandardCharsets.UTF_8)).extras();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String session = args[1];
        long k = Long.parseLong(args[2]);
        GraphExtras extras = extras();
        try (FileChannel lock = FileChannel.open(dir.resolve(session + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (lock.tryLock() == null) throw new IllegalStateException("the lock is held");
            Files.createFile(dir.resolve("ready"));
            long end = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < end) {
                Autosave.write(dir, session, design(k), extras, original(k));
                k++;
            }
        }
    }
}
