package io.maskstudio.ui.editor;

import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The network as a row of layer cards joined by pair chips. A chip shows the pair's density and
 * selects the pair for the views; a card selects the layer for the buttons (double-click edits it).
 */
public final class LayerStrip extends HBox {
    private final Document doc;
    private final LayerCommands commands;
    private final HBox cards = new HBox(0);
    private final IntegerProperty selectedLayer = new SimpleIntegerProperty(this, "selectedLayer", 1);
    private final List<Label> chipTexts = new ArrayList<>();
    private final Button add = new Button("Add layer"), remove = new Button("Remove"), left = new Button("◀"),
            right = new Button("▶"), edit = new Button("Edit…");

    public LayerStrip(Document doc, LayerCommands commands) {
        this.doc = doc;
        this.commands = commands;
        setId("layerStrip");
        getStyleClass().add("layer-strip");
        setSpacing(12);
        setPadding(new Insets(6, 8, 6, 8));
        setAlignment(Pos.CENTER_LEFT);
        cards.setAlignment(Pos.CENTER_LEFT);
        ScrollPane scroll = new ScrollPane(cards);
        scroll.setFitToHeight(true);
        scroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        HBox.setHgrow(scroll, Priority.ALWAYS);
        add.setId("addLayer");
        remove.setId("removeLayer");
        edit.setId("editLayer");
        add.setTooltip(new Tooltip("Insert a hidden layer after the selected layer (fully connected)"));
        remove.setTooltip(new Tooltip("Remove the selected hidden layer; its neighbours become fully connected"));
        left.setTooltip(new Tooltip("Move the selected hidden layer left (the masks around it become full)"));
        right.setTooltip(new Tooltip("Move the selected hidden layer right (the masks around it become full)"));
        edit.setTooltip(new Tooltip("Name, size, 2-D shape and activation of the selected layer"));
        add.setOnAction(e -> commands.addAfter(selectedLayer.get()));
        remove.setOnAction(e -> commands.remove(selectedLayer.get()));
        left.setOnAction(e -> moveSelected(-1));
        right.setOnAction(e -> moveSelected(1));
        edit.setOnAction(e -> commands.edit(selectedLayer.get()));
        VBox buttons = new VBox(4, new HBox(4, add, edit), new HBox(4, left, right, remove));
        getChildren().addAll(scroll, buttons);
        doc.addListener(p -> {
            if (p < 0) rebuild();
            else updateChips();
        });
        doc.pairProperty().addListener((o, a, b) -> rebuild());
        selectedLayer.addListener((o, a, b) -> rebuild());
    }

    public IntegerProperty selectedLayerProperty() {
        return selectedLayer;
    }

    private void moveSelected(int delta) {
        int k = selectedLayer.get();
        if (!commands.canMove(k, delta)) return;
        commands.move(k, delta);
        selectedLayer.set(k + delta);
    }

    private void rebuild() {
        NetworkDesign d = doc.design();
        cards.getChildren().clear();
        chipTexts.clear();
        if (d == null) return;
        if (selectedLayer.get() >= d.layerCount()) selectedLayer.set(d.layerCount() - 1);
        for (int k = 0; k < d.layerCount(); k++) {
            cards.getChildren().add(card(d, k));
            if (k < d.pairCount()) cards.getChildren().add(chip(k));
        }
        updateChips();
        int k = selectedLayer.get();
        remove.setDisable(!commands.canRemove(k));
        left.setDisable(!commands.canMove(k, -1));
        right.setDisable(!commands.canMove(k, 1));
    }

    private Region card(NetworkDesign d, int k) {
        LayerSpec s = d.layer(k);
        Label name = new Label(s.name());
        name.getStyleClass().add("layer-name");
        Label shape = new Label(LayerSpecs.shapeText(s) + (s.hasShape() ? "  (" + s.size() + ")" : ""));
        Label act = new Label(s.activation().id());
        act.getStyleClass().add("layer-activation");
        VBox card = new VBox(1, name, shape, act);
        card.setId("layer" + k);
        card.getStyleClass().add("layer-card");
        if (k == selectedLayer.get()) card.getStyleClass().add("selected");
        card.setOnMouseClicked(e -> {
            selectedLayer.set(k);
            if (e.getClickCount() == 2) commands.edit(k);
        });
        Tooltip.install(card, new Tooltip("Layer " + k + ": click to select, double-click to edit"));
        return card;
    }

    private Region chip(int pair) {
        Label arrow = new Label("→");
        arrow.getStyleClass().add("pair-arrow");
        Label text = new Label();
        text.getStyleClass().add("pair-density");
        chipTexts.add(text);
        VBox chip = new VBox(0, arrow, text);
        chip.setAlignment(Pos.CENTER);
        chip.setId("pair" + pair);
        chip.getStyleClass().add("pair-chip");
        if (pair == doc.pair()) chip.getStyleClass().add("selected");
        chip.setOnMouseClicked(e -> doc.setPair(pair));
        Tooltip.install(chip, new Tooltip("Pair " + pair + ": click to edit it in the views"));
        return chip;
    }

    private void updateChips() {
        NetworkDesign d = doc.design();
        if (d == null) return;
        for (int k = 0; k < chipTexts.size() && k < d.pairCount(); k++) {
            Mask m = d.mask(k);
            chipTexts.get(k).setText(String.format(Locale.ROOT, "%.1f%%", 100 * m.density()));
        }
    }
}
