package io.maskstudio.ui;

import javafx.animation.AnimationTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * A responsiveness diagnostic, on with {@code -Dmaskstudio.pulseLog=true}: an {@link AnimationTimer}
 * sees every JavaFX pulse, and the gap between two pulses is how long the FX thread was busy or idle
 * in between (60 Hz means 16.7 ms; anything the FX thread does per poll or per redraw lengthens it).
 * Logs p50/p99/max of the gaps every {@code maskstudio.pulseLog.seconds} (default 10) and for the whole
 * run when the app exits, with the FX thread's own CPU time per gap: a long gap with little FX CPU means
 * the thread waited (for the render thread, or for a core on a loaded machine), not that our code was slow.
 * The timer itself keeps pulses coming, as the training panel's poller does anyway.
 */
final class PulseLog extends AnimationTimer {
    static final String PROPERTY = "maskstudio.pulseLog";
    private static final Logger LOG = LoggerFactory.getLogger(PulseLog.class);

    private final PulseStats window = new PulseStats();
    private final PulseStats whole = new PulseStats();
    private final PulseStats windowCpu = new PulseStats();
    private final PulseStats wholeCpu = new PulseStats();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean cpuTimed = threads.isCurrentThreadCpuTimeSupported();
    private final long reportNanos;
    private long last = -1;
    private long lastCpu;
    private long windowStart;

    private PulseLog(long reportNanos) {
        this.reportNanos = reportNanos;
    }

    /** Starts the diagnostic when the system property asks for it; null otherwise. FX thread. */
    static PulseLog startIfRequested() {
        if (!Boolean.getBoolean(PROPERTY)) return null;
        long seconds = Math.max(1, Long.getLong(PROPERTY + ".seconds", 10));
        PulseLog p = new PulseLog(seconds * 1_000_000_000L);
        p.start();
        LOG.info("pulse log on: gaps between JavaFX pulses every {} s and at exit", seconds);
        return p;
    }

    @Override
    public void handle(long now) {
        long cpu = cpuTimed ? threads.getCurrentThreadCpuTime() : 0;
        if (last >= 0) {
            window.add(now - last);
            whole.add(now - last);
            if (cpuTimed) {
                windowCpu.add(cpu - lastCpu);
                wholeCpu.add(cpu - lastCpu);
            }
        } else {
            windowStart = now;
        }
        last = now;
        lastCpu = cpu;
        if (now - windowStart >= reportNanos) {
            LOG.info(line("last " + Math.round((now - windowStart) / 1e9) + " s", window, windowCpu));
            window.clear();
            windowCpu.clear();
            windowStart = now;
        }
    }

    /** Stops the timer and logs the whole run. FX thread (Application.stop). */
    @Override
    public void stop() {
        super.stop();
        LOG.info(line("whole run", whole, wholeCpu));
    }

    static String line(String span, PulseStats gaps, PulseStats fxCpu) {
        String s = String.format(Locale.ROOT, "pulse gaps, %s: %d pulses, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                span, gaps.count(), ms(gaps.percentileNanos(0.50)), ms(gaps.percentileNanos(0.99)), ms(gaps.maxNanos()));
        if (fxCpu.count() == 0) return s;
        return s + String.format(Locale.ROOT, "; FX thread CPU per gap p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                ms(fxCpu.percentileNanos(0.50)), ms(fxCpu.percentileNanos(0.99)), ms(fxCpu.maxNanos()));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
