package io.maskstudio.engine;

import java.lang.module.ModuleFinder;
import java.util.Map;

/**
 * Whether the sparse kernels run their inner loops on the JDK's Vector API ({@code jdk.incubator.vector}; see
 * {@link ConnectionLoops}). An incubating module is only there when the JVM is started with
 * {@code --add-modules jdk.incubator.vector}, which a user running {@code java -jar} never types, so the launcher
 * starts the JVM again with it ({@link #shouldRelaunch}), as it does for OpenBLAS's core. The JVM then prints one
 * line, "WARNING: Using incubator modules", on stderr. {@code -Dmaskstudio.vector=off} or {@code MASKSTUDIO_VECTOR=0}
 * keeps the plain loops (and the launch without a relaunch).
 */
public final class VectorModule {
    public static final String MODULE = "jdk.incubator.vector";
    /** The JVM option that loads it. */
    public static final String JVM_OPTION = "--add-modules=" + MODULE;
    public static final String SWITCH_PROPERTY = "maskstudio.vector";
    public static final String SWITCH_ENV = "MASKSTUDIO_VECTOR";

    private VectorModule() {}

    /** Whether the switch allows the Vector API: it does unless the property or the variable says off, false or 0. */
    public static boolean switchedOn(String property, String env) {
        String v = property != null ? property : env;
        return v == null || !(v.equalsIgnoreCase("off") || v.equalsIgnoreCase("false") || v.equals("0"));
    }

    static boolean switchedOn() {
        return switchedOn(System.getProperty(SWITCH_PROPERTY), System.getenv(SWITCH_ENV));
    }

    /** Whether this JVM has the module loaded. */
    public static boolean loaded() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    /** Whether this JDK ships the module (every JDK 16+ does; a jlinked runtime may not). */
    public static boolean shipped() {
        return ModuleFinder.ofSystem().find(MODULE).isPresent();
    }

    /**
     * True when the launcher should start the JVM again with {@link #JVM_OPTION}: the switch is on, the module is
     * shipped but not loaded, and this is not already the relaunched JVM.
     */
    public static boolean shouldRelaunch(Map<String, String> env) {
        return env.get(OpenBlasCore.CHECKED_ENV) == null && switchedOn(System.getProperty(SWITCH_PROPERTY), env.get(SWITCH_ENV)) && !loaded() && shipped();
    }

    /** The sparse kernels' loops in this JVM: {@code "vector (512-bit)"} or {@code "plain"}. */
    public static String loops() {
        return ConnectionLoops.BEST.describe();
    }
}
