package io.maskstudio.ui.shell;

import io.maskstudio.engine.EngineInfo;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Help ▸ About MaskStudio: the version and what the engine computes with — ND4J's backend, the OpenBLAS core in use
 * and who chose it, the sparse kernels' loops, the thread counts — plus the app's folder. The engine's facts take
 * loading ND4J (and, once per machine, a probe in a child JVM), so they are read on a background thread and fill in
 * when ready; "Copy Details" puts everything on the clipboard for a bug report.
 */
public final class AboutDialog {
    private static final Logger LOG = LoggerFactory.getLogger(AboutDialog.class);
    static final String PENDING = "…";

    private AboutDialog() {}

    public static Alert show(Window owner, Path home) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("Version", PENDING);
        rows.put("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        rows.put("JavaFX", System.getProperty("javafx.runtime.version", "?"));
        rows.put("ND4J backend", PENDING);
        rows.put("OpenBLAS core", PENDING);
        rows.put("Sparse kernels' loops", PENDING);
        rows.put("Threads", PENDING);
        rows.put("App folder", home.toString());

        GridPane grid = new GridPane();
        grid.setId("aboutDetails");
        grid.setHgap(12);
        grid.setVgap(6);
        Map<String, Label> values = new LinkedHashMap<>();
        int r = 0;
        for (Map.Entry<String, String> e : rows.entrySet()) {
            Label key = new Label(e.getKey());
            key.setStyle("-fx-font-weight: bold;");
            key.setMinWidth(Region.USE_PREF_SIZE); // never "Sparse kernels' lo..."
            Label value = new Label(e.getValue());
            value.setId("about-" + e.getKey().toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-"));
            value.setWrapText(true);
            value.setPrefWidth(440);
            value.setMinHeight(Region.USE_PREF_SIZE); // wrapped lines get their height instead of an ellipsis
            grid.addRow(r++, key, value);
            values.put(e.getKey(), value);
        }
        Button copy = new Button("Copy Details");
        copy.setId("aboutCopy");
        copy.setOnAction(ev -> {
            StringBuilder sb = new StringBuilder("MaskStudio\n");
            values.forEach((k, v) -> sb.append(k).append(": ").append(v.getText()).append('\n'));
            ClipboardContent c = new ClipboardContent();
            c.putString(sb.toString());
            Clipboard.getSystemClipboard().setContent(c);
        });
        VBox box = new VBox(10, new Label("Design and train neural networks with custom sparse connectivity."), grid, copy);
        box.setPadding(new Insets(4, 12, 0, 12));

        Alert a = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.OK);
        a.setTitle("About MaskStudio");
        a.setHeaderText("MaskStudio");
        a.getDialogPane().setContent(box);
        a.getDialogPane().setId("aboutDialog");
        a.getDialogPane().setMinWidth(620);
        if (owner != null) a.initOwner(owner);
        a.show();

        Thread reader = new Thread(() -> {
            Map<String, String> engine;
            try {
                engine = EngineInfo.describe();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("cannot read the engine's facts for the About box", e);
                engine = Map.of("ND4J backend", "unavailable: " + e.getMessage());
            }
            Map<String, String> found = engine;
            Platform.runLater(() -> {
                values.forEach((k, label) -> {
                    String v = found.get(k);
                    if (v != null) label.setText(v);
                    else if (PENDING.equals(label.getText())) label.setText("unknown");
                });
                // the facts may wrap to more lines than "…" took: grow the window so the buttons stay on it
                Window w = a.getDialogPane().getScene() == null ? null : a.getDialogPane().getScene().getWindow();
                if (w != null && w.isShowing()) w.sizeToScene();
            });
        }, "about-engine-info");
        reader.setDaemon(true);
        reader.start();
        return a;
    }
}
