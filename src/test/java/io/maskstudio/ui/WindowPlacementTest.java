package io.maskstudio.ui;

import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the main window opens: on the screen, and where the user left it when that still fits. */
class WindowPlacementTest extends UiTest {
    private boolean offScreenPlacement;

    @Override
    protected void prepareHome(Path home) throws Exception {
        if (offScreenPlacement) {
            // Left by a session on a larger (or a second) screen that is gone now.
            Files.writeString(home.resolve("window.properties"), "x=3000\ny=-40\nwidth=1600\nheight=1000\nmaximized=false\n");
        }
    }

    private static Rectangle2D screen() {
        return Screen.getPrimary().getVisualBounds();
    }

    private void assertOnScreen(Stage s) {
        Rectangle2D v = screen();
        String where = s.getX() + "," + s.getY() + " " + s.getWidth() + "x" + s.getHeight() + " on " + v;
        assertTrue(s.getX() >= v.getMinX() && s.getY() >= v.getMinY() && s.getX() + s.getWidth() <= v.getMaxX()
                && s.getY() + s.getHeight() <= v.getMaxY(), where);
        Node menu = lookup("#menuBar").query();
        Bounds m = menu.localToScreen(menu.getBoundsInLocal());
        assertTrue(m.getMinY() >= v.getMinY() && m.getMinX() >= v.getMinX(), "the menu bar at " + m + " is on the screen " + v);
    }

    @Test
    void opensInsideTheScreenAtTheDesignedSizeOrTheScreensSize() {
        assertOnScreen(stage);
        assertEquals(Math.min(1600, screen().getWidth()), stage.getWidth(), 0.5);
        assertEquals(Math.min(1000, screen().getHeight()), stage.getHeight(), 0.5);
    }

    @Test
    void reopensWhereTheUserLeftIt() throws Exception {
        // What the window manager does when the user drags and resizes the window.
        fx(() -> {
            stage.setX(screen().getMinX() + 40);
            stage.setY(screen().getMinY() + 30);
            stage.setWidth(1000);
            stage.setHeight(700);
        });
        fx(window::requestClose);
        assertTrue(Files.isRegularFile(home.resolve("window.properties")));
        FxToolkit.setupFixture(() -> {
            stage = new Stage();
            window = MainWindow.show(stage, null);
        });
        awaitLoaded();
        assertEquals(List4.of(screen().getMinX() + 40, screen().getMinY() + 30, 1000.0, 700.0),
                List4.of(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()));
    }

    @Test
    void ignoresAPlacementThatNoLongerFitsTheScreen() throws Exception {
        fx(window::requestClose);
        offScreenPlacement = true;
        prepareHome(home);
        FxToolkit.setupFixture(() -> {
            stage = new Stage();
            window = MainWindow.show(stage, null);
        });
        awaitLoaded();
        assertOnScreen(stage);
    }

    private record List4(double a, double b, double c, double d) {
        static List4 of(double a, double b, double c, double d) {
            return new List4(Math.round(a), Math.round(b), Math.round(c), Math.round(d));
        }
    }
}
