package io.maskstudio.cli;

import io.maskstudio.engine.KernelCalibration;
import io.maskstudio.engine.NativeThreads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bench calibrate}: measures what each kernel costs here again and caches it for the kernel choice. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Measures the three kernels on a few layers (a second or two) and caches the figures the automatic",
                "kernel choice uses (kernel-calibration.properties in the app's home)."})
final class BenchCalibrate implements Callable<Integer> {
    @Option(names = "--json", description = "one JSON object per line") boolean json;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        KernelCalibration c = KernelCalibration.remeasure();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("bench", "calibrate");
        f.put("native_threads", NativeThreads.configured());
        f.put("dense_fixed_us", c.denseFixedUs());
        f.put("dense_mac_ns", c.denseMacNs());
        f.put("dense_weight_ns", c.denseWeightNs());
        f.put("dense_mask_ns", c.denseMaskNs());
        f.put("dense_mask_us", c.denseMaskUs());
        f.put("csr_fixed_us", c.csrFixedUs());
        f.put("csr_axpy_ns", c.csrAxpyNs());
        f.put("csr_dot_ns", c.csrDotNs());
        f.put("csr_weight_ns", c.csrWeightNs());
        f.put("csr_far_ns", c.csrFarNs());
        f.put("small_fixed_us", c.smallFixedUs());
        f.put("small_axpy_ns", c.smallAxpyNs());
        f.put("small_dot_ns", c.smallDotNs());
        f.put("small_weight_ns", c.smallWeightNs());
        BenchCommand.report(spec, json, f, "calibration: " + c + " (ND4J threads " + NativeThreads.configured() + ")");
        return MaskStudioCommand.OK;
    }
}
