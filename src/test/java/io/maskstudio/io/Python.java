package io.maskstudio.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs Debian's /usr/bin/python3 for the optional interoperability tests. Tests call
 * {@link #assumeModules} first, so they are skipped (not failed) where Python, NumPy or torch is absent.
 */
final class Python {
    static final Path EXE = Path.of("/usr/bin/python3");

    private Python() {}

    static void assumeModules(String... modules) {
        assumeTrue(Files.isExecutable(EXE), "no " + EXE);
        try {
            Result r = run(List.of("-c", "import " + String.join(", ", modules)), 60);
            assumeTrue(r.exitCode() == 0, "python3 lacks " + String.join(", ", modules) + ": " + r.output());
        } catch (IOException e) {
            assumeTrue(false, "cannot run python3: " + e.getMessage());
        }
    }

    record Result(int exitCode, String output) {}

    static Result run(List<String> args, int timeoutSeconds) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(EXE.toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out after " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    }

    static Result script(String code, List<String> args, int timeoutSeconds) throws IOException {
        List<String> all = new ArrayList<>(List.of("-c", code));
        all.addAll(args);
        return run(all, timeoutSeconds);
    }
}
