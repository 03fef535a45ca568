package io.maskstudio.ui;

import io.maskstudio.runs.RunFolders;
import io.maskstudio.ui.fx.Background;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Base of the UI tests: opens the main window in a new stage (the bundled sample unless {@link #fileToOpen()}
 * says otherwise) and waits until the design is loaded. Headless under Monocle by default;
 * -Dheadless=false runs the same tests on a real display.
 */
abstract class UiTest extends FxRobot {
    protected MainWindow window;
    protected Stage stage;

    @BeforeAll
    static void startToolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void openWindow() throws Exception {
        // A fresh home per test: recent files and autosaves of one test must not leak into the next.
        home = Files.createTempDirectory("maskstudio-uitest-home");
        System.setProperty("maskstudio.home", home.toString());
        // Runs started in tests are saved here, never beside the repository's sample graphs.
        System.setProperty(RunFolders.RUNS_DIR_PROPERTY, home.resolve("runs").toString());
        prepareHome(home);
        FxToolkit.setupFixture(() -> {
            stage = new Stage();
            window = MainWindow.show(stage, fileToOpen());
            shown(window);
        });
        awaitLoaded();
    }

    @AfterEach
    void closeWindows() throws Exception {
        // As closing the window does (requestClose): autosave and the run stop, so no timer keeps the window (and its
        // run's history) alive after its test; a full suite ran out of heap with every test's window still reachable.
        if (window != null) interact(() -> window.dispose());
        FxToolkit.cleanupStages();
    }

    /** The app's home directory of this test (recent files, autosave). */
    protected Path home;

    /** Lets a test put files into the home directory before the window opens. */
    protected void prepareHome(Path home) throws Exception {
    }

    /** Runs right after the window is shown, before its file has loaded: what App.start does after show. */
    protected void shown(MainWindow w) {
    }

    protected Path fileToOpen() {
        return null;
    }

    protected void awaitLoaded() throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.document().design() != null);
        awaitIdle();
    }

    /** Waits until background tasks are done and the FX thread has handled what they posted. */
    protected void awaitIdle() throws TimeoutException {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, Background::isIdle);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits until the dialog pane with {@code id} is showing, then clicks its button labelled {@code text}. */
    protected void clickDialogButton(String id, String text) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#" + id).tryQuery()
                .map(n -> n.getScene() != null && n.getScene().getWindow() != null && n.getScene().getWindow().isShowing()).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        Node pane = lookup("#" + id).query();
        Button b = from(pane).lookup((Button x) -> text.equals(x.getText())).query();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> b.isVisible() && b.getWidth() > 0);
        clickOn(b);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Runs {@code r} on the FX thread and waits for it. */
    protected void fx(Runnable r) {
        interact(r);
    }
}
