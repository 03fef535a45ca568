package io.maskstudio.ui;

import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** What the Generators dialog's tests do as a user on the MNIST sample: open it from the menu, pick a kind, type values. */
abstract class GeneratorsDialogUi extends UiTest {
    @Override
    protected Path fileToOpen() {
        return Path.of("sample-graphs/mnist-local.graph.json");
    }

    DialogPane openDialog() throws TimeoutException {
        clickOn("Edit");
        clickOn("Generators…");
        waitUntil(() -> lookup("#generatorsDialog").tryQuery().map(n -> n.getScene().getWindow().isShowing()).orElse(false));
        awaitIdle();
        return lookup("#generatorsDialog").queryAs(DialogPane.class);
    }

    static void waitUntil(Supplier<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::get);
        WaitForAsyncUtils.waitForFxEvents();
    }

    String text(String id) {
        return lookup(id).queryAs(Label.class).getText();
    }

    void chooseGenerator(String label) {
        clickOn("#generatorKind");
        clickOn(label);
    }

    TextField field(String param) {
        return lookup("#param" + param).queryAs(Spinner.class).getEditor();
    }

    /** Clicks into a parameter's field, selects what is there and types {@code text} (no Enter, no Tab). */
    void type(String param, String text) {
        clickOn(field(param));
        push(KeyCode.CONTROL, KeyCode.A);
        write(text);
    }

    Button button(DialogPane pane, String text) {
        return from(pane).lookup((Button b) -> text.equals(b.getText())).query();
    }
}
