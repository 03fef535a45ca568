package io.maskstudio.engine;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What this process computes with, in words, for the About box: the version, the JVM, ND4J's backend, the OpenBLAS
 * core in use (and who chose it), the sparse kernels' loops and the thread counts. {@code bench} prints the same facts
 * as JSON fields. The first call loads ND4J and may probe OpenBLAS in a child JVM (a second or two): call it off the
 * JavaFX thread.
 */
public final class EngineInfo {
    private EngineInfo() {}

    /** Label → value, in display order. */
    public static Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        String version = EngineInfo.class.getPackage().getImplementationVersion();
        m.put("Version", version == null ? "development build" : version);
        m.put("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        m.put("ND4J backend", BlasInfo.backend() + " (" + BlasInfo.backendClass() + ")");
        m.put("OpenBLAS core", openblasLine());
        String why = VectorModule.loaded() ? ""
                : VectorModule.switchedOn() ? " (no " + VectorModule.MODULE + " in this JVM)"
                : " (" + VectorModule.SWITCH_ENV + "=0 or -D" + VectorModule.SWITCH_PROPERTY + "=off)";
        m.put("Sparse kernels' loops", VectorModule.loops() + why);
        m.put("Threads", String.format(Locale.ROOT, "%d for the plain-Java kernels, %d for ND4J's native code, of %d cores",
                Parallel.threads(), NativeThreads.configure(), Runtime.getRuntime().availableProcessors()));
        return m;
    }

    private static String openblasLine() {
        String core = BlasInfo.openblasCore();
        String source = BlasInfo.coreTypeSource();
        if (source == null) return core + " (detected by OpenBLAS)";
        String auto = BlasInfo.openblasAutodetectedCore();
        return core + " (OPENBLAS_CORETYPE set by the " + source + "; OpenBLAS alone picks " + auto + ")";
    }
}
