package io.maskstudio.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs Debian's /usr/bin/python3 for the interoperability tests. Tests call {@link #assumeModules} first, so on a
 * developer's machine they are skipped (not failed) where Python, NumPy or torch is absent. CI sets
 * {@value #REQUIRE_ENV}=1 (or -D{@value #REQUIRE_PROPERTY}=true): there a missing module fails the test, so the
 * interop checks cannot pass by silently not running.
 */
public final class Python {
    static final Path EXE = Path.of("/usr/bin/python3");
    static final String REQUIRE_ENV = "MASKSTUDIO_REQUIRE_INTEROP";
    static final String REQUIRE_PROPERTY = "maskstudio.requireInterop";

    private Python() {}

    /** Skips the calling test unless python3 imports every module; fails it instead when interop is required. */
    public static void assumeModules(String... modules) {
        String missing = missing(modules);
        if (missing == null) return;
        if (interopRequired(System.getenv(REQUIRE_ENV), System.getProperty(REQUIRE_PROPERTY))) {
            fail(missing + " (" + REQUIRE_ENV + "=1 or " + REQUIRE_PROPERTY + "=true: interop tests must run)");
        }
        assumeTrue(false, missing);
    }

    /** Whether the environment variable is 1 or true, or the system property true. */
    static boolean interopRequired(String env, String property) {
        String e = env == null ? "" : env.trim();
        return e.equals("1") || e.equalsIgnoreCase("true") || Boolean.parseBoolean(property == null ? null : property.trim());
    }

    /** Why the modules cannot be used, or null when python3 imports them all. */
    static String missing(String... modules) {
        if (!Files.isExecutable(EXE)) return "no " + EXE;
        try {
            Result r = run(List.of("-c", "import " + String.join(", ", modules)), 60);
            return r.exitCode() == 0 ? null : "python3 lacks " + String.join(", ", modules) + ": " + r.output();
        } catch (IOException e) {
            return "cannot run python3: " + e.getMessage();
        }
    }

    public record Result(int exitCode, String output) {}

    public static Result run(List<String> args, int timeoutSeconds) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(EXE.toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        // Drain the output while the script runs: a pipe buffer (~64 KiB) full of unread output would block it.
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getInputStream().readAllBytes();
            } catch (IOException e) {
                return ("(output unreadable: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8);
            }
        }, Python::daemon); // its own thread: a blocking read must not take a worker of the common pool
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out after " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), new String(output.get(), StandardCharsets.UTF_8).trim());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        } catch (ExecutionException e) {
            return new Result(-1, "output unreadable: " + e.getCause());
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "python-output");
        t.setDaemon(true);
        t.start();
    }

    public static Result script(String code, List<String> args, int timeoutSeconds) throws IOException {
        List<String> all = new ArrayList<>(List.of("-c", code));
        all.addAll(args);
        return run(all, timeoutSeconds);
    }
}
