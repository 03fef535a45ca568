package io.maskstudio.ui.editor;

/** How far one wheel movement zooms: 1.2x per notch (40 units of delta), both views alike. */
final class WheelZoom {
    private WheelZoom() {
    }

    static double factor(double deltaY) {
        return Math.pow(1.2, deltaY / 40);
    }
}
