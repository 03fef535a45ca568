package io.maskstudio.ui.editor;

import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

import java.util.List;

/** Edits a layer's name, size or 2-D shape (channels × height × width) and activation. */
public final class LayerDialog extends Dialog<LayerSpec> {
    private final TextField name = new TextField();
    private final Spinner<Integer> size = new Spinner<>(1, 1_000_000, 1);
    private final CheckBox grid = new CheckBox("2-D grid (image-shaped)");
    private final Spinner<Integer> channels = new Spinner<>(1, 4096, 1);
    private final Spinner<Integer> height = new Spinner<>(1, 4096, 1);
    private final Spinner<Integer> width = new Spinner<>(1, 4096, 1);
    private final ComboBox<Activation> activation = new ComboBox<>();
    private final Label problem = new Label();

    public LayerDialog(Window owner, String title, LayerSpec initial, boolean outputLayer) {
        initOwner(owner);
        setTitle("MaskStudio");
        setHeaderText(title);
        getDialogPane().setId("layerDialog");
        // A dialog has its own scene: it needs the stylesheet too (the problem text is styled there).
        getDialogPane().getStylesheets().add(LayerDialog.class.getResource("/io/maskstudio/ui/maskstudio.css").toExternalForm());
        name.setId("layerName");
        size.setId("layerSize");
        grid.setId("layerGrid");
        height.setId("layerHeight");
        width.setId("layerWidth");
        channels.setId("layerChannels");
        activation.setId("layerActivation");
        for (Spinner<Integer> s : List.of(size, channels, height, width)) {
            s.setEditable(true);
            s.setPrefWidth(110);
        }
        activation.getItems().setAll(Activation.values());
        if (!outputLayer) activation.getItems().remove(Activation.SOFTMAX);
        name.setText(initial.name());
        size.getValueFactory().setValue(initial.size());
        grid.setSelected(initial.hasShape());
        if (initial.hasShape()) {
            channels.getValueFactory().setValue(initial.channels());
            height.getValueFactory().setValue(initial.height());
            width.getValueFactory().setValue(initial.width());
        } else {
            height.getValueFactory().setValue(1);
            width.getValueFactory().setValue(initial.size());
        }
        activation.setValue(initial.activation());
        problem.getStyleClass().add("problem");

        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        g.setPadding(new Insets(12));
        g.addRow(0, new Label("Name"), name);
        g.addRow(1, new Label("Neurons"), size);
        g.add(grid, 1, 2);
        g.addRow(3, new Label("Channels"), channels);
        g.addRow(4, new Label("Height"), height);
        g.addRow(5, new Label("Width"), width);
        g.addRow(6, new Label("Activation"), activation);
        g.add(problem, 0, 7, 2, 1);
        getDialogPane().setContent(g);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);

        grid.selectedProperty().addListener((o, a, b) -> sync());
        for (Spinner<Integer> s : List.of(channels, height, width)) s.valueProperty().addListener((o, a, b) -> sync());
        size.valueProperty().addListener((o, a, b) -> validate());
        name.textProperty().addListener((o, a, b) -> validate());
        sync();
        setResultConverter(bt -> bt == ButtonType.OK ? spec() : null);
    }

    /** With a grid, the size follows channels × height × width. */
    private void sync() {
        boolean g = grid.isSelected();
        size.setDisable(g);
        channels.setDisable(!g);
        height.setDisable(!g);
        width.setDisable(!g);
        if (g) size.getValueFactory().setValue(channels.getValue() * height.getValue() * width.getValue());
        validate();
    }

    private void validate() {
        String why = null;
        if (name.getText().isBlank()) why = "The layer needs a name.";
        problem.setText(why == null ? "" : why);
        getDialogPane().lookupButton(ButtonType.OK).setDisable(why != null);
    }

    private LayerSpec spec() {
        String n = name.getText().trim();
        Activation a = activation.getValue();
        if (grid.isSelected()) return LayerSpec.grid(n, channels.getValue(), height.getValue(), width.getValue(), a);
        return LayerSpec.vector(n, size.getValue(), a);
    }
}
