package io.maskstudio.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Writes a run folder as a user's {@code train --out} does (in-process), for tests of what reads run folders. */
public final class CliTraining {
    private CliTraining() {}

    /** Trains the digits sample for {@code epochs} into {@code out}; fails the test with the CLI's message otherwise. */
    public static Path digits(Path out, int epochs, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "sample-graphs/digits-local.graph.json", "--epochs", Integer.toString(epochs),
                "--out", out.toString(), "--no-progress"));
        args.addAll(List.of(extra));
        StringWriter err = new StringWriter();
        int code = MaskStudioCommand.run(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        return out;
    }
}
