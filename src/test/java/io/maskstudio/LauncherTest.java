package io.maskstudio;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LauncherTest {
    @Test
    void noArgumentsOrOneGraphFileOpenTheApp() {
        assertTrue(Launcher.opensGui(new String[0]));
        assertTrue(Launcher.opensGui(new String[]{"sample-graphs/mnist-local.graph.json"}));
        assertTrue(Launcher.opensGui(new String[]{"sample-graphs/mnist-local.graph.json", "--train"}));
        assertTrue(Launcher.opensGui(new String[]{"--train", "sample-graphs/mnist-local.graph.json"}));
        assertFalse(Launcher.opensGui(new String[]{"--train"}), "--train needs the graph to train");
    }

    @Test
    void commandsGoToTheCommandLine() {
        assertFalse(Launcher.opensGui(new String[]{"train", "x.graph.json"}));
        assertFalse(Launcher.opensGui(new String[]{"--help"}));
        assertFalse(Launcher.opensGui(new String[]{"inspect"}));
    }
}
