package io.maskstudio.render;

/** An integer pixel rectangle {@code [x, x+width) x [y, y+height)}. */
public record PixelRect(int x, int y, int width, int height) {
    public boolean contains(int px, int py) {
        return px >= x && py >= y && px < x + width && py < y + height;
    }
}
