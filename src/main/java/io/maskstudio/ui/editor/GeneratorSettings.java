package io.maskstudio.ui.editor;

import io.maskstudio.io.AtomicFiles;
import io.maskstudio.model.Combine;
import io.maskstudio.model.Generator;
import io.maskstudio.ui.shell.AppDirs;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What the generators dialog was last left at: the generator, the combine mode and each generator's own
 * parameters, kept in {@code generators.properties} under {@link AppDirs#home()} so they survive the dialog and
 * the session. A value that no longer parses is dropped (and logged) rather than guessed.
 */
final class GeneratorSettings {
    private final Path store;
    private Generator generator;
    private Combine combine;
    private final Map<Generator, Generator.Values> values = new EnumMap<>(Generator.class);

    private GeneratorSettings(Path store) {
        this.store = store;
    }

    static GeneratorSettings standard() {
        return load(AppDirs.home().resolve("generators.properties"));
    }

    static GeneratorSettings load(Path store) {
        GeneratorSettings s = new GeneratorSettings(store);
        if (!Files.isRegularFile(store)) return s;
        Properties p = new Properties();
        try {
            p.load(new StringReader(Files.readString(store, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            warn("cannot read {}: {}", store, e.getMessage());
            return s;
        }
        s.generator = constant(Generator.class, p.getProperty("generator"), store, "generator");
        s.combine = constant(Combine.class, p.getProperty("combine"), store, "combine");
        for (Generator g : Generator.values()) {
            Generator.Values v = Generator.Values.defaults();
            boolean any = false;
            for (Generator.Param param : g.params()) {
                String key = g.name() + "." + param.name(), text = p.getProperty(key);
                if (text == null) continue;
                try {
                    v = v.with(param, param.parse(text));
                    any = true;
                } catch (IllegalArgumentException e) {
                    warn("{}: {}: {}", store, key, e.getMessage());
                }
            }
            if (any) s.values.put(g, v);
        }
        return s;
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String name, Path store, String key) {
        if (name == null) return null;
        try {
            return Enum.valueOf(type, name.strip());
        } catch (IllegalArgumentException e) {
            warn("{}: {}: unknown value '{}'", store, key, name);
            return null;
        }
    }

    Optional<Generator> generator() { return Optional.ofNullable(generator); }
    Optional<Combine> combine() { return Optional.ofNullable(combine); }
    Optional<Generator.Values> values(Generator g) { return Optional.ofNullable(values.get(g)); }

    void remember(Generator g, Combine c, Map<Generator, Generator.Values> perGenerator) {
        generator = g;
        combine = c;
        values.putAll(perGenerator);
        save();
    }

    private void save() {
        Properties p = new Properties();
        if (generator != null) p.setProperty("generator", generator.name());
        if (combine != null) p.setProperty("combine", combine.name());
        values.forEach((g, v) -> {
            for (Generator.Param param : g.params()) p.setProperty(g.name() + "." + param.name(), param.format(v.get(param)));
        });
        try {
            StringWriter out = new StringWriter();
            p.store(out, "MaskStudio generators dialog");
            Files.createDirectories(store.toAbsolutePath().getParent());
            AtomicFiles.writeBytes(store, out.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // Only a convenience: the dialog works without it.
            warn("cannot save {}: {}", store, e.getMessage());
        }
    }

    private static void warn(String format, Object... args) {
        LoggerFactory.getLogger(GeneratorSettings.class).warn(format, args);
    }
}
