package io.maskstudio.ui;

import io.maskstudio.io.MaskFiles;
import io.maskstudio.model.MaskGenerators;
import io.maskstudio.ui.shell.FileDialogs;
import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.text.Text;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every control of the main window and of each dialog lies fully inside its window and the screen, in screen
 * coordinates. The build runs this class once per screen size (1280x800 and 1600x1000, Monocle's
 * {@code headless.geometry}, see pom.xml); run alone it uses whatever screen the JVM has.
 */
class ScreenLayoutTest extends UiTest {
    @TempDir
    Path tmp;
    private boolean withAutosave;

    @Override
    protected void prepareHome(Path home) throws Exception {
        if (!withAutosave) return;
        Path dir = Files.createDirectories(home.resolve("autosave"));
        Files.copy(Path.of("sample-graphs/digits-local.graph.json"), dir.resolve("crashed.graph.json"));
        Path original = tmp.resolve("a/rather/long/path/to/a/design/that/was/open/when/it/crashed/digits-local.graph.json");
        Files.writeString(dir.resolve("crashed.source"), original.toString());
    }

    private static Rectangle2D screen() {
        return Screen.getPrimary().getVisualBounds();
    }

    /** The controls of {@code root} a user can see; {@code scrolled} gets those inside a scroll pane or list (they may be scrolled away). */
    private static List<Control> visibleControls(Parent root, List<Control> scrolled) {
        List<Control> out = new ArrayList<>();
        collect(root, out, scrolled, false);
        return out;
    }

    private static void collect(Node n, List<Control> out, List<Control> scrolled, boolean inScroll) {
        if (!n.isVisible() || n.getOpacity() == 0) return;
        if (n instanceof Control c && c.getWidth() > 0 && c.getHeight() > 0) (inScroll ? scrolled : out).add(c);
        boolean scrolls = inScroll || n instanceof ScrollPane || n instanceof ListView;
        if (n instanceof Parent p) for (Node child : p.getChildrenUnmodifiable()) collect(child, out, scrolled, scrolls);
    }

    private void assertInside(Window w, String what) {
        WaitForAsyncUtils.waitForFxEvents();
        Rectangle2D s = screen();
        Rectangle2D win = new Rectangle2D(w.getX(), w.getY(), w.getWidth(), w.getHeight());
        List<String> outside = new ArrayList<>();
        List<Control> scrolled = new ArrayList<>();
        List<Control> controls = visibleControls(w.getScene().getRoot(), scrolled);
        // Inside a scroll pane only the text is checked: what is scrolled away is not cut off.
        for (Control c : scrolled) {
            if (ellipsized(c)) outside.add(c.getClass().getSimpleName() + describe(c) + " (text cut to an ellipsis)");
        }
        for (Control c : controls) {
            Bounds b = c.localToScreen(c.getBoundsInLocal());
            if (b == null) continue;
            boolean inWindow = b.getMinX() >= win.getMinX() - 0.5 && b.getMinY() >= win.getMinY() - 0.5
                    && b.getMaxX() <= win.getMaxX() + 0.5 && b.getMaxY() <= win.getMaxY() + 0.5;
            boolean onScreen = b.getMinX() >= s.getMinX() - 0.5 && b.getMinY() >= s.getMinY() - 0.5
                    && b.getMaxX() <= s.getMaxX() + 0.5 && b.getMaxY() <= s.getMaxY() + 0.5;
            // A control clipped by its parent (a split pane divider, a viewport) shows only part of itself.
            boolean clipped = clippedByAncestor(c, b), shortened = ellipsized(c);
            if (!inWindow || !onScreen || clipped || shortened) {
                outside.add(c.getClass().getSimpleName() + (c.getId() != null ? "#" + c.getId() : "") + describe(c) + " at " + round(b)
                        + (clipped ? " (clipped)" : "") + (shortened ? " (text cut to an ellipsis)" : ""));
            }
        }
        assertTrue(controls.size() > 3, what + ": found the controls");
        assertTrue(outside.isEmpty(), what + " on a " + s.getWidth() + "x" + s.getHeight() + " screen, window " + round(win) + ": " + outside);
    }

    /** A label or button whose text did not fit and shows "…" instead of its end. */
    private static boolean ellipsized(Control c) {
        if (!(c instanceof Labeled l) || l.getText() == null || l.getText().isEmpty()) return false;
        for (Node n : l.getChildrenUnmodifiable()) {
            if (n instanceof Text t && !t.getText().equals(l.getText())
                    && t.getText().endsWith(l.getEllipsisString()) && !l.getText().endsWith(l.getEllipsisString())) return true;
        }
        return false;
    }

    private static boolean clippedByAncestor(Node c, Bounds b) {
        for (Parent p = c.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane || p instanceof ListView) return false;
            if (p.getClip() != null || p instanceof SplitPane) {
                Bounds pb = p.localToScreen(p.getBoundsInLocal());
                if (pb != null && (b.getMinX() < pb.getMinX() - 0.5 || b.getMaxX() > pb.getMaxX() + 0.5
                        || b.getMinY() < pb.getMinY() - 0.5 || b.getMaxY() > pb.getMaxY() + 0.5)) return true;
            }
        }
        return false;
    }

    private static String describe(Control c) {
        return c instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()
                ? "'" + l.getText().lines().findFirst().orElse("") + "'" : "";
    }

    private static String round(Rectangle2D r) {
        return String.format(Locale.ROOT, "[%.0f,%.0f %.0fx%.0f]", r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight());
    }

    private static String round(Bounds r) {
        return String.format(Locale.ROOT, "[%.0f,%.0f %.0fx%.0f]", r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight());
    }

    private Window dialog(String id) throws TimeoutException {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> lookup("#" + id).tryQuery()
                .map(n -> n.getScene() != null && n.getScene().getWindow() != null && n.getScene().getWindow().isShowing()).orElse(false));
        awaitIdle();
        return lookup("#" + id).query().getScene().getWindow();
    }

    private void menu(String menu, String item) {
        clickOn(menu);
        clickOn(item);
    }

    private void answerFileChoosersWith(Path file) {
        fx(() -> window.setFileDialogs(new FileDialogs() {
            @Override public File showOpen(FileChooser chooser, Window owner) { return file.toFile(); }
            @Override public File showSave(FileChooser chooser, Window owner) { return file.toFile(); }
        }));
    }

    @Test
    void mainWindow() {
        assertInside(stage, "the main window");
        clickOn("#trainingTab");
        assertInside(stage, "the main window's training tab");
        // Curves and heatmaps must fit the tab's width: what a sideways scroll hides is not seen (the accuracy chart was).
        ScrollPane centre = (ScrollPane) lookup("#trainingPanel").query().lookup(".scroll-pane");
        double content = centre.getContent().getLayoutBounds().getWidth(), viewport = centre.getViewportBounds().getWidth();
        assertTrue(content <= viewport + 0.5, "the training tab is " + content + " px wide in a " + viewport + " px view");
    }

    @Test
    void generatorsDialogWithEveryGenerator() throws Exception {
        menu("Edit", "Generators…");
        Window d = dialog("generatorsDialog");
        assertInside(d, "the generators dialog");
        ComboBox<?> kind = lookup("#generatorKind").queryAs(ComboBox.class);
        for (Object g : List.copyOf(kind.getItems())) {
            clickOn(kind);
            clickOn(g.toString());
            awaitIdle();
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !lookup("#generatorStats").queryLabeled().getText().startsWith("Computing"));
            assertInside(d, "the generators dialog with " + g);
        }
        clickOn(from(lookup("#generatorsDialog").queryAs(DialogPane.class)).lookup((Button b) -> "Cancel".equals(b.getText())).queryButton());
    }

    @Test
    void layerDialog() throws Exception {
        menu("Layer", "Edit Layer…");
        Window d = dialog("layerDialog");
        assertInside(d, "the layer dialog");
        clickDialogButton("layerDialog", "Cancel");
    }

    @Test
    void shortcutsHelp() throws Exception {
        menu("Help", "Mouse and Keyboard…");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> lookup(".dialog-pane").tryQuery().isPresent());
        awaitIdle();
        assertInside(lookup(".dialog-pane").query().getScene().getWindow(), "the mouse and keyboard help");
    }

    @Test
    void importErrorAndShapeMismatch() throws Exception {
        Path bad = tmp.resolve("a-mask-file-with-a-long-name-that-is-not-a-mask-at-all.npy");
        Files.write(bad, "\u0093NUMPY this is not a header".getBytes(StandardCharsets.ISO_8859_1));
        answerFileChoosersWith(bad);
        menu("File", "Import Mask…");
        assertInside(dialog("errorDialog"), "the import error");
        clickDialogButton("errorDialog", "OK");

        Path wide = tmp.resolve("wide.npy");
        MaskFiles.writeNpy(wide, MaskGenerators.full(20, 64));
        answerFileChoosersWith(wide);
        menu("File", "Import Mask…");
        assertInside(dialog("shapeMismatchDialog"), "the shape mismatch question");
        clickDialogButton("shapeMismatchDialog", "Cancel");
    }

    @Test
    void unsavedChangesQuestion() throws Exception {
        menu("Edit", "Generators…");
        dialog("generatorsDialog");
        clickOn("#generatorKind");
        clickOn("Empty");
        clickDialogButton("generatorsDialog", "Apply");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> window.document().isModified());
        menu("File", "Quit");
        assertInside(dialog("unsavedDialog"), "the unsaved changes question");
        clickDialogButton("unsavedDialog", "Cancel");
    }

    @Test
    void recoveryOffer() throws Exception {
        closeWindows();
        withAutosave = true;
        openWindow();
        assertInside(dialog("recoveryDialog"), "the recovery offer");
        clickDialogButton("recoveryDialog", "Later");
    }
}
