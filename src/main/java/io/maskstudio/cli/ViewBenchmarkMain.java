package io.maskstudio.cli;

import io.maskstudio.ui.ViewBenchmark;

import java.io.PrintWriter;

/**
 * Runs {@link ViewBenchmark} (editor view frame times, needs a display) and prints its table to stdout. A separate
 * entry point, not a 'bench' mode: it starts JavaFX, which the headless CLI never does.
 * Run: {@code java -Dprism.order=sw -cp target/maskstudio.jar io.maskstudio.cli.ViewBenchmarkMain [iterations [WxH]]}
 */
public final class ViewBenchmarkMain {
    private ViewBenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        ViewBenchmark.run(args, new PrintWriter(System.out, true));
    }
}
