package io.maskstudio.ui.editor;

/** What a primary-button drag does in the matrix view. Shift or the secondary button erases instead of painting. */
public enum MatrixTool {
    BRUSH("Brush", "Paint cells; Shift or right button erases"),
    RECTANGLE("Rectangle", "Drag to fill a rectangle; Shift or right button clears it"),
    ROW("Row", "Click a row to connect all of it, again to clear it"),
    COLUMN("Column", "Click a column to connect all of it, again to clear it"),
    SELECT("Select", "Drag to select target rows and source columns");

    private final String label;
    private final String help;

    MatrixTool(String label, String help) {
        this.label = label;
        this.help = help;
    }

    public String label() { return label; }
    public String help() { return help; }
}
