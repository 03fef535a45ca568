package io.maskstudio.engine;

import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How many threads ND4J's native code (OpenMP loops and OpenBLAS) may use. By default it takes every core, and its
 * OpenMP threads spin while they wait for each other: on a busy machine a descheduled thread stalls the others, so
 * a 784x300 dense step at batch 100 took 56 ms with 2 threads and 8.6 ms with 1 on the 2-core build VM at load 7.8
 * (docs/performance.md). So the count is the cores left over by the load when ND4J starts, at least 1:
 * {@code cores - floor(busy)}, busy the lower of the load average and the tasks running now ({@link #busyCores}).
 * The user's {@code OMP_NUM_THREADS} wins; {@code -Dmaskstudio.nativeThreads=N}
 * or {@code MASKSTUDIO_NATIVE_THREADS=N} set it.
 */
public final class NativeThreads {
    private static final Logger LOG = LoggerFactory.getLogger(NativeThreads.class);
    public static final String PROPERTY = "maskstudio.nativeThreads";
    public static final String ENV = "MASKSTUDIO_NATIVE_THREADS";
    private static volatile int configured;

    private NativeThreads() {}

    /** Applies the thread count once per process (idempotent); returns it. */
    public static int configure() {
        int c = configured;
        if (c > 0) return c;
        synchronized (NativeThreads.class) {
            if (configured > 0) return configured;
            int cores = Runtime.getRuntime().availableProcessors();
            String omp = System.getenv("OMP_NUM_THREADS");
            int t = choose(cores, busyCores(), System.getProperty(PROPERTY, System.getenv(ENV)), omp);
            apply(t);
            configured = t;
            inUse = t;
            return t;
        }
    }

    /**
     * Below this many multiply-adds per GEMM, ND4J runs on one thread. Measured on the 2-vCPU build VM: LeNet-300-100
     * (784x300 at batch 100, 23.5 M per GEMM) trained at 77 steps/s all-dense with 2 native threads and 154-211 with 1
     * (OpenMP's per-op synchronization over the step's many small ops), while the 4096x4096 layer at batch 256 (4.3 G)
     * runs its GEMMs 1.6x faster on 2. Where between the two the crossover lies was not measured; 2^27 is the middle.
     */
    public static final long PARALLEL_MIN_MACS = 1L << 27;
    private static volatile int inUse;

    /** Sets ND4J's threads for a dense step of {@code macs} multiply-adds per GEMM: 1 below {@link #PARALLEL_MIN_MACS}, else {@link #configure}'s count. */
    static void useFor(long macs) {
        int want = macs >= PARALLEL_MIN_MACS ? configure() : 1;
        if (want == inUse) return;
        apply(want);
        inUse = want;
    }

    /** Sets ND4J's and OpenBLAS's thread counts, unless the user's {@code OMP_NUM_THREADS} decides them. */
    private static void apply(int t) {
        String omp = System.getenv("OMP_NUM_THREADS");
        if (omp != null && !omp.isBlank()) return;
        try {
            Nd4j.getEnvironment().setMaxMasterThreads(t);
            Nd4j.getEnvironment().setMaxThreads(t);
            Nd4j.factory().blas().setMaxThreads(t);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("cannot set ND4J's thread count", e);
        }
    }

    /** The count {@link #configure} chose, or 0 before it ran. */
    public static int configured() {
        return configured;
    }

    /** The rule, from its inputs: an explicit setting, else OMP_NUM_THREADS, else the cores the load leaves free. */
    static int choose(int cores, double loadAverage, String setting, String ompNumThreads) {
        Integer explicit = parse(setting);
        if (explicit != null) return Math.max(1, Math.min(explicit, cores));
        Integer omp = parse(ompNumThreads);
        if (omp != null) return Math.max(1, omp);
        int free = Double.isFinite(loadAverage) && loadAverage >= 0 ? cores - (int) Math.floor(loadAverage) : cores;
        return Math.max(1, Math.min(cores, free));
    }

    private static Integer parse(String s) {
        if (s == null || s.isBlank()) return null;
        try {
            int v = Integer.parseInt(s.strip());
            return v > 0 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * How many cores other work keeps busy: the lower of the 1-minute load average and the tasks running right now
     * besides this one. The average lags by a minute (a benchmark that just ended still counts as one busy core, which
     * halved the next run's GEMMs), and the instant count alone would follow a passing burst; a machine loaded for the
     * last minute and still loaded now counts as loaded.
     */
    static double busyCores() {
        double avg = loadAverage(), now = runningOthers();
        return Double.isNaN(now) ? avg : Double.isNaN(avg) ? now : Math.min(avg, now);
    }

    /** The median over a few samples 4 ms apart of the tasks running now (Linux's {@code /proc/loadavg}) less this process's; NaN where unreadable. */
    static double runningOthers() {
        double[] r = new double[5];
        for (int i = 0; i < r.length; i++) {
            try {
                String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).strip().split(" ");
                r[i] = Integer.parseInt(f[3].substring(0, f[3].indexOf('/'))) - runningHere();
                if (i + 1 < r.length) Thread.sleep(4);
            } catch (IOException | RuntimeException e) {
                return Double.NaN;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Double.NaN;
            }
        }
        Arrays.sort(r);
        return Math.max(0, r[r.length / 2]);
    }

    /**
     * This process's threads running now (at least the one asking): at start-up the JVM's own JIT compiler and GC
     * threads are busy, and counting them as other work made ND4J take one thread on an idle machine.
     */
    private static int runningHere() throws IOException {
        int n = 0;
        try (var tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                try {
                    String stat = Files.readString(t.resolve("stat"), StandardCharsets.US_ASCII);
                    int close = stat.lastIndexOf(')'); // the state follows the command name, which may hold spaces
                    if (close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'R') n++;
                } catch (IOException e) {
                    // the thread ended while we looked
                }
            }
        }
        return Math.max(1, n);
    }

    /** The 1-minute load average (Linux), or NaN where it can't be read. */
    public static double loadAverage() {
        try {
            String s = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).strip();
            return Double.parseDouble(s.substring(0, s.indexOf(' ')));
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
