package io.maskstudio.ui.fx;

import io.maskstudio.render.Raster;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;

/**
 * A region that shows an own ARGB {@link Raster}: subclasses draw into it, the region blits it into a
 * {@link WritableImage} with one {@code PixelWriter.setPixels} call. Redraws happen in the layout pass after
 * {@link #requestRedraw()}, so many change events within one pulse cost one redraw, and only on change.
 * Cheap decorations (rubber bands, hover marks) go into {@link #overlay()} as ordinary nodes.
 */
public abstract class RasterView extends Region {
    private final ImageView imageView = new ImageView();
    private final Pane overlay = new Pane();
    private WritableImage image;
    private Raster raster;
    private boolean dirty = true;
    private long lastRedrawNanos;

    protected RasterView() {
        overlay.setMouseTransparent(true);
        overlay.setManaged(false);
        imageView.setManaged(false);
        getChildren().addAll(imageView, overlay);
        setMinSize(80, 80);
        setPrefSize(600, 600);
        getStyleClass().add("raster-view");
    }

    /** Node layer above the raster for marks that move with the mouse without a full redraw. */
    protected Pane overlay() {
        return overlay;
    }

    /** Marks the picture stale; it is redrawn once in the next layout pass. */
    public void requestRedraw() {
        dirty = true;
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        int w = (int) Math.floor(getWidth()), h = (int) Math.floor(getHeight());
        overlay.resizeRelocate(0, 0, getWidth(), getHeight());
        if (w <= 0 || h <= 0) return;
        if (raster == null || raster.width() != w || raster.height() != h) {
            raster = new Raster(w, h);
            image = new WritableImage(w, h);
            imageView.setImage(image);
            sizeChanged(w, h);
            dirty = true;
        }
        if (dirty) redrawNow();
    }

    /**
     * Draws and blits at once, returning the nanoseconds it took (the benchmark's unit of work).
     * Does nothing before the region has a size.
     */
    public long redrawNow() {
        if (raster == null) return 0;
        long t0 = System.nanoTime();
        draw(raster);
        blit();
        dirty = false;
        lastRedrawNanos = System.nanoTime() - t0;
        return lastRedrawNanos;
    }

    /**
     * Copies the raster into the image. Our rasters are opaque, so ARGB equals premultiplied ARGB, and the
     * premultiplied format spares the per-pixel conversion into JavaFX's premultiplied BGRA images.
     */
    public void blit() {
        image.getPixelWriter().setPixels(0, 0, raster.width(), raster.height(), PixelFormat.getIntArgbPreInstance(),
                raster.pixels(), 0, raster.width());
    }

    /** How long the latest redraw took, drawing and blitting. */
    public long lastRedrawNanos() {
        return lastRedrawNanos;
    }

    /** The current picture (tests read pixels from it). */
    public Raster raster() {
        return raster;
    }

    /** Called when the region got a new pixel size, before the redraw. */
    protected void sizeChanged(int width, int height) {
    }

    protected abstract void draw(Raster target);
}
