package io.maskstudio.ui.editor;

import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The two views of the current layer pair side by side, each with its own small tool row. */
public final class EditorPane extends SplitPane {
    private final BipartiteView bipartite;
    private final MatrixView matrix;

    public EditorPane(Document doc) {
        bipartite = new BipartiteView(doc);
        matrix = new MatrixView(doc);
        getItems().addAll(titled("Bipartite", bipartiteTools(), bipartite), titled("Matrix", matrixTools(), matrix));
        // Stacked, both views get the full width: image grids and wide matrices (784 inputs) come out twice as large.
        setOrientation(Orientation.VERTICAL);
        setDividerPositions(0.5);
        getStyleClass().add("editor-pane");
    }

    /** Switches between the views stacked (default) and side by side (better for tall vector layers). */
    public void toggleOrientation() {
        setOrientation(getOrientation() == Orientation.VERTICAL
                ? Orientation.HORIZONTAL : Orientation.VERTICAL);
        setDividerPositions(0.5);
    }

    public BipartiteView bipartite() { return bipartite; }
    public MatrixView matrix() { return matrix; }

    private static BorderPane titled(String title, Node tools, Region view) {
        Label l = new Label(title);
        l.getStyleClass().add("view-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        l.setMinWidth(Region.USE_PREF_SIZE);
        if (tools instanceof Region r) r.setMinWidth(Region.USE_PREF_SIZE);
        HBox head = new HBox(8, l, spacer, tools);
        head.setAlignment(Pos.CENTER_LEFT);
        head.setPadding(new Insets(4, 6, 4, 8));
        head.getStyleClass().add("view-header");
        BorderPane p = new BorderPane(view);
        p.setTop(head);
        p.setMinWidth(200);
        return p;
    }

    private Node bipartiteTools() {
        ToggleGroup g = new ToggleGroup();
        ToggleButton rect = toggle("Rectangle", "Drag on empty space selects neurons in a rectangle (Ctrl adds)", g);
        ToggleButton lasso = toggle("Lasso", "Drag on empty space selects neurons inside a free-hand outline (Ctrl adds)", g);
        rect.setSelected(true);
        rect.setId("bipartiteRectangle");
        lasso.setId("bipartiteLasso");
        g.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) a.setSelected(true);
            else bipartite.selectModeProperty().set(b == lasso ? SelectMode.LASSO : SelectMode.RECTANGLE);
        });
        Button fit = new Button("Fit");
        fit.setTooltip(new Tooltip("Show the whole pair (scroll zooms, middle-drag pans)"));
        fit.setOnAction(e -> bipartite.fit());
        HBox box = new HBox(4, rect, lasso, fit);
        box.setAlignment(Pos.CENTER_RIGHT);
        return box;
    }

    private Node matrixTools() {
        ToggleGroup g = new ToggleGroup();
        HBox box = new HBox(4);
        box.setAlignment(Pos.CENTER_RIGHT);
        for (MatrixTool t : MatrixTool.values()) {
            ToggleButton b = toggle(t.label(), t.help(), g);
            b.setId("matrixTool" + t.label());
            b.setUserData(t);
            b.setSelected(matrix.toolProperty().get() == t);
            box.getChildren().add(b);
        }
        g.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) a.setSelected(true);
            else matrix.toolProperty().set((MatrixTool) b.getUserData());
        });
        matrix.toolProperty().addListener((o, a, b) -> g.getToggles().forEach(t -> t.setSelected(t.getUserData() == b)));
        Spinner<Integer> size = new Spinner<>(1, 64, 1);
        size.setId("brushSize");
        size.setEditable(true);
        size.setPrefWidth(70);
        size.setTooltip(new Tooltip("Brush size in cells"));
        matrix.brushSizeProperty().bind(size.valueProperty());
        Button fit = new Button("Fit");
        fit.setTooltip(new Tooltip("Show the whole matrix (scroll zooms down to single cells, middle-drag pans)"));
        fit.setOnAction(e -> matrix.fit());
        box.getChildren().addAll(new Label("Size"), size, fit);
        return box;
    }

    private static ToggleButton toggle(String text, String help, ToggleGroup g) {
        ToggleButton b = new ToggleButton(text);
        b.setToggleGroup(g);
        b.setTooltip(new Tooltip(help));
        b.setFocusTraversable(false);
        return b;
    }
}
