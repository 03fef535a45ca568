package io.maskstudio.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;

/**
 * What each kernel costs on this machine, as a linear model of one training step (forward, dW, dx, Adam) in
 * microseconds: a fixed part per step, a part per multiply-add of the products and a part per stored value that
 * the optimizer visits. The plain-Java kernels run forward and dx as vectorized axpys over the batch, and dW either
 * as dots per present connection or, where {@link ConnectionLoops#wholeRowGradient} says so, as axpys over the
 * whole row ({@link Loops#outerRow}, the same loop as the others, so one coefficient prices both).
 * {@link KernelSelector} compares the three predictions. The coefficients come from a short measurement of the
 * kernels themselves ({@link KernelCalibrationRun}, a few seconds), cached per CPU model and thread count in
 * {@code kernel-calibration.properties} under the app's home ({@code maskstudio.home}, default {@code ~/.maskstudio}).
 *
 * <p>Override with the system property {@code maskstudio.calibration} or the environment variable
 * {@code MASKSTUDIO_CALIBRATION}: {@code builtin} (the figures below, measured on the project's build VM),
 * {@code measure} (measure again now and cache), or the path of a properties file in the cache's format.
 *
 * @param denseFixedUs  dense: per step (~20 ND4J calls)
 * @param denseMacNs    dense: per weight and sample (the three GEMMs run over all out*in weights)
 * @param denseWeightNs dense: per weight (Adam, masking: element-wise passes over out*in)
 * @param csrFixedUs    csr: per step
 * @param csrAxpyNs     csr: per multiply-add of an axpy product (forward and dx: two per connection and sample)
 * @param csrDotNs      csr: per connection and sample of dW as scalar dots (sparse rows)
 * @param csrWeightNs   csr: per connection (optimizer)
 * @param smallFixedUs  small: per step
 * @param smallAxpyNs   small: as csr's
 * @param smallDotNs    small: as csr's
 * @param smallWeightNs small: per weight (its optimizer runs over dense rows)
 * @param smallOffered  whether AUTO may pick small at all: not where csr was faster on most of small's own
 *                      calibration layers (with the Vector API loops csr, which shares them and adds threads, beat
 *                      small at 34 of 36 grid points, median 1.7x)
 * @param denseMaskNs   dense: per weight of a partial mask (masking the gradient and the weights: two more passes;
 *                      without this term dense at 30% was predicted at its full-mask speed, 2x too fast at batch 1)
 * @param denseMaskUs   dense: per step with a partial mask (those passes are ND4J calls, each with a fixed cost; on
 *                      the build VM it fitted 0-46 µs on 3 Dec 2026, mostly 0: there the per-weight term covers it)
 * @param csrFarNs      csr: per connection, sample and doubling of the activation matrix beyond 32 KiB (the random
 *                      rows the products load come from ever farther caches: measured per connection over 256 samples,
 *                      7.3 ns from L1, 11.3 ns from 512 KiB, 18.2 ns from 4 MiB, about linear in the log of the size)
 */
public record KernelCalibration(double denseFixedUs, double denseMacNs, double denseWeightNs,
                                double csrFixedUs, double csrAxpyNs, double csrDotNs, double csrWeightNs,
                                double smallFixedUs, double smallAxpyNs, double smallDotNs, double smallWeightNs, boolean smallOffered,
                                double denseMaskNs, double denseMaskUs, double csrFarNs) {
    /** A calibration without the mask and cache terms (all three 0). */
    public KernelCalibration(double denseFixedUs, double denseMacNs, double denseWeightNs,
                             double csrFixedUs, double csrAxpyNs, double csrDotNs, double csrWeightNs,
                             double smallFixedUs, double smallAxpyNs, double smallDotNs, double smallWeightNs, boolean smallOffered) {
        this(denseFixedUs, denseMacNs, denseWeightNs, csrFixedUs, csrAxpyNs, csrDotNs, csrWeightNs, smallFixedUs, smallAxpyNs, smallDotNs, smallWeightNs,
                smallOffered, 0, 0, 0);
    }

    /** A calibration in which {@code small} is offered. */
    public KernelCalibration(double denseFixedUs, double denseMacNs, double denseWeightNs,
                             double csrFixedUs, double csrAxpyNs, double csrDotNs, double csrWeightNs,
                             double smallFixedUs, double smallAxpyNs, double smallDotNs, double smallWeightNs) {
        this(denseFixedUs, denseMacNs, denseWeightNs, csrFixedUs, csrAxpyNs, csrDotNs, csrWeightNs, smallFixedUs, smallAxpyNs, smallDotNs, smallWeightNs, true);
    }

    private static final Logger LOG = LoggerFactory.getLogger(KernelCalibration.class);
    /** Bumped when a kernel changes enough that an old cache would mislead. */
    static final int VERSION = 9;
    static final String CACHE_FILE = "kernel-calibration.properties";
    public static final String PROPERTY = "maskstudio.calibration";
    public static final String ENV = "MASKSTUDIO_CALIBRATION";

    private static volatile KernelCalibration current;

    /**
     * One calibration of the build VM (2 vCPUs of an AMD EPYC, OpenBLAS Haswell kernels, 1 ND4J thread, load ~10,
     * 2 Dec 2026), small's dot cost set to csr's (its fit came out 0): the default where nothing is measured.
     */
    public static final KernelCalibration BUILTIN = new KernelCalibration(
            525, 0.056, 6.4,
            16, 0.10, 0.66, 8.8,
            16, 0.37, 0.66, 2.3);

    /** Predicted microseconds of one step of a {@code kernel} layer with this shape, connection count and batch size. */
    public double predictUs(KernelType kernel, int out, int in, long nnz, int batch) {
        return predict(features(kernel, out, in, nnz, batch), coefficients(kernel));
    }

    /** Microseconds the model gives a step with these {@link #features} and coefficients: their dot product. */
    static double predict(double[] features, double[] coefficients) {
        double us = 0;
        for (int i = 0; i < features.length; i++) us += features[i] * coefficients[i];
        return us;
    }

    /** The kernel's coefficients in the order of {@link #features}: fixed (us), then the ns-per-unit costs. */
    double[] coefficients(KernelType kernel) {
        return switch (kernel) {
            case DENSE -> new double[]{denseFixedUs, denseMacNs, denseWeightNs, denseMaskNs, denseMaskUs};
            case CSR -> new double[]{csrFixedUs, csrAxpyNs, csrDotNs, csrWeightNs, csrFarNs};
            case SMALL -> new double[]{smallFixedUs, smallAxpyNs, smallDotNs, smallWeightNs};
            case AUTO -> throw new IllegalArgumentException("AUTO is not a kernel");
        };
    }

    /**
     * What one step of a layer does, in the units the coefficients price (thousands, so that ns coefficients give us):
     * dense {@code [1, out·in·batch, out·in, out·in if the mask is partial, 1 if it is]}; csr {@code [1, axpy multiply-adds, dot
     * multiply-adds, stored values, connections·batch·log2(activation bytes / 32 KiB)]} and small the first four of
     * those, where forward and dx are two axpys per connection and sample, and dW is a whole-row axpy (where
     * {@link ConnectionLoops#wholeRowGradient} says so) or one dot per connection. The one definition both the
     * prediction and the calibration's fit read.
     */
    static double[] features(KernelType kernel, int out, int in, long nnz, int batch) {
        double weights = (double) out * in;
        boolean denseRows = ConnectionLoops.BEST.wholeRowGradient((int) Math.min(in, Math.round(nnz / (weights / in))), in, batch);
        double axpy = (2.0 * nnz + (denseRows ? weights : 0)) * batch / 1e3;
        double dot = (denseRows ? 0 : (double) nnz) * batch / 1e3;
        return switch (kernel) {
            case DENSE -> new double[]{1, weights * batch / 1e3, weights / 1e3, nnz < weights ? weights / 1e3 : 0, nnz < weights ? 1 : 0};
            case CSR -> new double[]{1, axpy, dot, nnz / 1e3, (double) nnz * batch / 1e3 * farness(out, in, batch)};
            case SMALL -> new double[]{1, axpy, dot, weights / 1e3};
            case AUTO -> throw new IllegalArgumentException("AUTO is not a kernel");
        };
    }

    /** How far beyond the L1 cache the products' random rows live: log2 of the larger activation matrix over 32 KiB, at least 0. */
    static double farness(int out, int in, int batch) {
        double bytes = 4.0 * Math.max(in, out) * batch;
        return Math.max(0, Math.log(bytes / 32768) / Math.log(2));
    }

    /** The calibration of this machine: the override, else the cache, else measured now (and cached). */
    public static KernelCalibration current() {
        KernelCalibration c = current;
        if (c == null) {
            synchronized (KernelCalibration.class) {
                c = current;
                if (c == null) current = c = resolve();
            }
        }
        return c;
    }

    /** Uses {@code c} for the rest of this process (or until the next install); returns the one it replaces, possibly null. */
    static KernelCalibration install(KernelCalibration c) {
        synchronized (KernelCalibration.class) {
            KernelCalibration old = current;
            current = c;
            return old;
        }
    }

    /** Measures now, caches and uses the result for the rest of this process. */
    public static KernelCalibration remeasure() {
        KernelCalibration c = KernelCalibrationRun.measure();
        store(c, cacheFile());
        current = c;
        return c;
    }

    private static KernelCalibration resolve() {
        String o = System.getProperty(PROPERTY, System.getenv(ENV));
        if (o != null && !o.isBlank()) {
            String v = o.strip();
            if (v.equalsIgnoreCase("builtin")) return BUILTIN;
            if (v.equalsIgnoreCase("measure")) return remeasure();
            KernelCalibration c = load(Path.of(v), false);
            if (c != null) return c;
            LOG.warn("{}={}: not a readable calibration file, using the built-in figures", PROPERTY, v);
            return BUILTIN;
        }
        KernelCalibration cached = load(cacheFile(), true);
        if (cached != null) return cached;
        try {
            return remeasure();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("kernel calibration failed, using the built-in figures", e);
            return BUILTIN;
        }
    }

    static Path cacheFile() {
        String home = System.getProperty("maskstudio.home");
        Path dir = home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".maskstudio");
        return dir.resolve(CACHE_FILE);
    }

    /**
     * What the cache must match: the code's version, the CPU, the threads the kernels may use, their loops (vector or
     * plain) and the OpenBLAS core asked for (SkylakeX's GEMMs run twice as fast as Haswell's on the same CPU).
     */
    static String machineKey() {
        String core = BlasInfo.coreTypeOverride();
        return VERSION + "|" + OpenBlasCore.cpuModel() + "|" + Parallel.threads() + "|" + NativeThreads.configured() + "|" + ConnectionLoops.BEST.describe()
                + "|" + (core == null || core.isBlank() ? "auto" : core.strip());
    }

    static KernelCalibration load(Path file, boolean checkMachine) {
        if (!Files.isRegularFile(file)) return null;
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            if (checkMachine && !machineKey().equals(p.getProperty("machine"))) return null;
            return fromProperties(p);
        } catch (IOException | RuntimeException e) {
            LOG.debug("ignoring an unreadable {}", file, e);
            return null;
        }
    }

    static KernelCalibration fromProperties(Properties p) {
        return new KernelCalibration(
                num(p, "dense.fixedUs"), num(p, "dense.macNs"), num(p, "dense.weightNs"),
                num(p, "csr.fixedUs"), num(p, "csr.axpyNs"), num(p, "csr.dotNs"), num(p, "csr.weightNs"),
                num(p, "small.fixedUs"), num(p, "small.axpyNs"), num(p, "small.dotNs"), num(p, "small.weightNs"),
                !"false".equals(p.getProperty("small.offered", "true").strip()),
                optional(p, "dense.maskNs"), optional(p, "dense.maskUs"), optional(p, "csr.farNs"));
    }

    /** A term older files do not have: 0 where absent. */
    private static double optional(Properties p, String key) {
        return p.getProperty(key) == null ? 0 : num(p, key);
    }

    private static double num(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) throw new IllegalArgumentException("missing " + key);
        double d = Double.parseDouble(v.strip());
        if (!(d >= 0) || Double.isInfinite(d)) throw new IllegalArgumentException(key + " must be a finite number >= 0, was " + v);
        return d;
    }

    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("machine", machineKey());
        put(p, "dense.fixedUs", denseFixedUs);
        put(p, "dense.macNs", denseMacNs);
        put(p, "dense.weightNs", denseWeightNs);
        put(p, "csr.fixedUs", csrFixedUs);
        put(p, "csr.axpyNs", csrAxpyNs);
        put(p, "csr.dotNs", csrDotNs);
        put(p, "csr.weightNs", csrWeightNs);
        put(p, "small.fixedUs", smallFixedUs);
        put(p, "small.axpyNs", smallAxpyNs);
        put(p, "small.dotNs", smallDotNs);
        put(p, "small.weightNs", smallWeightNs);
        put(p, "dense.maskNs", denseMaskNs);
        put(p, "dense.maskUs", denseMaskUs);
        put(p, "csr.farNs", csrFarNs);
        p.setProperty("small.offered", Boolean.toString(smallOffered));
        return p;
    }

    private static void put(Properties p, String key, double v) {
        p.setProperty(key, String.format(Locale.ROOT, "%.6g", v));
    }

    static void store(KernelCalibration c, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), CACHE_FILE, ".tmp");
            try (var out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                c.toProperties().store(out, "What MaskStudio's kernels cost on this machine (maskstudio bench calibrate measures it again)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.debug("cannot cache the kernel calibration in {}", file, e);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "dense %.0f us + %.4f ns/mac + %.2f ns/weight + %.2f ns/masked weight + %.0f us masked; "
                        + "csr %.0f us + %.3f ns/axpy mac + %.3f ns/dot mac + %.2f ns/conn + %.4f ns/(conn·sample·doubling beyond L1); "
                        + "small %.0f us + %.3f ns/axpy mac + %.3f ns/dot mac + %.2f ns/weight",
                denseFixedUs, denseMacNs, denseWeightNs, denseMaskNs, denseMaskUs, csrFixedUs, csrAxpyNs, csrDotNs, csrWeightNs, csrFarNs,
                smallFixedUs, smallAxpyNs, smallDotNs, smallWeightNs)
                + (smallOffered ? "" : " (small not offered: csr was faster on its layers)");
    }
}
