package io.maskstudio.ui.shell;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WindowPlacementChoiceTest {
    private static final Rectangle2D SMALL = new Rectangle2D(0, 0, 1280, 770); // 1280x800 less a 30 px panel
    private static final Rectangle2D SECOND = new Rectangle2D(1280, 0, 1920, 1200);

    @Test
    void aWindowLargerThanTheScreenGetsTheVisualBounds() {
        assertEquals(SMALL, WindowPlacement.choose(Optional.empty(), List.of(SMALL), SMALL, 1600, 1000));
    }

    @Test
    void aSmallerWindowIsCentred() {
        assertEquals(new Rectangle2D(160, 100, 1600, 1000),
                WindowPlacement.choose(Optional.empty(), List.of(SECOND), new Rectangle2D(0, 0, 1920, 1200), 1600, 1000));
    }

    @Test
    void savedBoundsAreKeptOnlyWhileSomeScreenHoldsThem() {
        Rectangle2D onSecond = new Rectangle2D(1400, 50, 1200, 900);
        assertEquals(onSecond, WindowPlacement.choose(Optional.of(onSecond), List.of(SMALL, SECOND), SMALL, 1600, 1000));
        // The second screen is unplugged: back to the primary's bounds.
        assertEquals(SMALL, WindowPlacement.choose(Optional.of(onSecond), List.of(SMALL), SMALL, 1600, 1000));
        // Half off the top edge (the 1600x1000 window centred on 1280x800 was at y=-100).
        assertEquals(SMALL, WindowPlacement.choose(Optional.of(new Rectangle2D(-160, -100, 1600, 1000)), List.of(SMALL), SMALL, 1600, 1000));
    }
}
