package io.maskstudio.ui.shell;

import io.maskstudio.io.AtomicFiles;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the main window opens: the size and position the user left it at ({@code window.properties} under
 * {@link AppDirs#home()}) when that still lies on a screen, otherwise the preferred size shrunk to the primary
 * screen's visual bounds (the screen minus task bars) and centred there. Without this a 1600x1000 window on a
 * 1280x800 screen opened with its menu bar above the top edge.
 */
public final class WindowPlacement {
    private final Path store;

    public WindowPlacement(Path store) {
        this.store = store;
    }

    public static WindowPlacement standard() {
        return new WindowPlacement(AppDirs.home().resolve("window.properties"));
    }

    /**
     * The bounds to open at: {@code saved} if it lies fully inside one of {@code screens} (visual bounds),
     * else {@code prefW x prefH} shrunk to fit {@code primary} and centred on it.
     */
    public static Rectangle2D choose(Optional<Rectangle2D> saved, List<Rectangle2D> screens, Rectangle2D primary, double prefW, double prefH) {
        if (saved.isPresent()) {
            Rectangle2D s = saved.get();
            if (s.getWidth() > 0 && s.getHeight() > 0 && screens.stream().anyMatch(v -> contains(v, s))) return s;
        }
        double w = Math.min(prefW, primary.getWidth()), h = Math.min(prefH, primary.getHeight());
        return new Rectangle2D(primary.getMinX() + (primary.getWidth() - w) / 2, primary.getMinY() + (primary.getHeight() - h) / 2, w, h);
    }

    // Half a pixel of slack: window managers report fractional positions on scaled screens.
    private static boolean contains(Rectangle2D outer, Rectangle2D r) {
        return r.getMinX() >= outer.getMinX() - 0.5 && r.getMinY() >= outer.getMinY() - 0.5
                && r.getMaxX() <= outer.getMaxX() + 0.5 && r.getMaxY() <= outer.getMaxY() + 0.5;
    }

    /**
     * Sizes and positions {@code stage} before it is shown (min size {@code minW x minH}, never more than the screen),
     * and saves its bounds when it is hidden.
     */
    public void place(Stage stage, double prefW, double prefH, double minW, double minH) {
        Rectangle2D primary = Screen.getPrimary().getVisualBounds();
        List<Rectangle2D> screens = Screen.getScreens().stream().map(Screen::getVisualBounds).toList();
        Saved saved = read();
        Rectangle2D b = choose(saved.bounds(), screens, primary, prefW, prefH);
        stage.setMinWidth(Math.min(minW, b.getWidth()));
        stage.setMinHeight(Math.min(minH, b.getHeight()));
        stage.setX(b.getMinX());
        stage.setY(b.getMinY());
        stage.setWidth(b.getWidth());
        stage.setHeight(b.getHeight());
        if (saved.maximized() && saved.bounds().isPresent() && saved.bounds().get().equals(b)) stage.setMaximized(true);
        // Maximized bounds are the screen's: remember the last normal ones so un-maximizing next time restores them.
        Rectangle2D[] normal = {b};
        Runnable track = () -> {
            if (!stage.isMaximized() && !stage.isIconified() && stage.isShowing() && stage.getWidth() > 0) {
                normal[0] = new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
            }
        };
        stage.xProperty().addListener((o, a, v) -> track.run());
        stage.yProperty().addListener((o, a, v) -> track.run());
        stage.widthProperty().addListener((o, a, v) -> track.run());
        stage.heightProperty().addListener((o, a, v) -> track.run());
        stage.addEventHandler(WindowEvent.WINDOW_HIDING, e -> {
            track.run();
            write(normal[0], stage.isMaximized());
        });
    }

    record Saved(Optional<Rectangle2D> bounds, boolean maximized) {}

    Saved read() {
        if (!Files.isRegularFile(store)) return new Saved(Optional.empty(), false);
        try {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(store, StandardCharsets.UTF_8)));
            Rectangle2D r = new Rectangle2D(number(p, "x"), number(p, "y"), number(p, "width"), number(p, "height"));
            return new Saved(Optional.of(r), Boolean.parseBoolean(p.getProperty("maximized")));
        } catch (IOException | RuntimeException e) {
            // A damaged file only costs the remembered placement.
            LoggerFactory.getLogger(WindowPlacement.class).warn("ignoring the window placement in {}: {}", store, e.getMessage());
            return new Saved(Optional.empty(), false);
        }
    }

    private double number(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) throw new IllegalArgumentException(store + ": " + key + ": missing, expected a number");
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(store + ": " + key + ": expected a number, was '" + v + "'");
        }
    }

    void write(Rectangle2D b, boolean maximized) {
        Properties p = new Properties();
        p.setProperty("x", fmt(b.getMinX()));
        p.setProperty("y", fmt(b.getMinY()));
        p.setProperty("width", fmt(b.getWidth()));
        p.setProperty("height", fmt(b.getHeight()));
        p.setProperty("maximized", String.valueOf(maximized));
        try {
            StringWriter out = new StringWriter();
            p.store(out, "MaskStudio main window");
            Files.createDirectories(store.toAbsolutePath().getParent());
            AtomicFiles.writeBytes(store, out.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(WindowPlacement.class).warn("cannot save the window placement {}", store, e);
        }
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }
}
