package io.maskstudio.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskstudio.engine.DesignTrainers;
import io.maskstudio.engine.MemoryProbe;
import io.maskstudio.engine.Trainer;
import io.maskstudio.model.NetworkDesign;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench soak}: trains a design on the desktop app's own {@link Trainer} and history (same dataset
 * loading, same history cap) and samples memory every K epochs, to show that a long run stops growing
 * once the history is full. The trainer is told to finish at each sample epoch and then given K more
 * epochs, the way a user raises the epoch count, so every sample is taken at an epoch boundary while
 * the trainer thread is idle. One extra sample falls on the epoch the history fills.
 */
final class SoakRun {
    /** One sample; {@code historySize} is how many snapshots the history held at that moment. */
    record Sample(int epoch, int historySize, MemoryProbe.Figures memory, double msPerEpoch) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final NetworkDesign design;
    private final int epochs;
    private final int every;
    private final int historyCapacity;
    private final boolean json;
    private final PrintWriter out;

    SoakRun(NetworkDesign design, int epochs, int every, int historyCapacity, boolean json, PrintWriter out) {
        this.design = design.copy();
        this.epochs = epochs;
        this.every = every;
        this.historyCapacity = historyCapacity;
        this.json = json;
        this.out = out;
    }

    int execute(String graphName) {
        design.setSettings(design.settings().withEpochs(Math.min(every, epochs)));
        if (!json) {
            out.printf(Locale.ROOT, "soak %s: %d epochs, memory after a full GC every %d, history capacity %d snapshots%n",
                    graphName, epochs, every, historyCapacity);
            out.printf(Locale.ROOT, "%7s %8s %10s %13s %11s %10s %10s%n",
                    "epoch", "history", "heap MiB", "off-heap KiB", "off-heap n", "RSS MiB", "ms/epoch");
            out.flush();
        }
        List<Sample> samples = new ArrayList<>();
        try (Trainer trainer = DesignTrainers.forDesign(design, historyCapacity)) {
            int done = 0;
            while (done < epochs) {
                int target = nextSample(done);
                if (done > 0) trainer.updateSettings(design.settings().withEpochs(target));
                long t0 = System.nanoTime();
                trainer.start();
                Trainer.Progress p = awaitNotRunning(trainer);
                double ms = (System.nanoTime() - t0) / 1e6 / (target - done);
                switch (p.state()) {
                    case DIVERGED -> {
                        out.flush();
                        throw new CliException("training diverged at epoch " + (p.epoch() + 1) + ": " + p.message(), MaskStudioCommand.DIVERGED);
                    }
                    case FINISHED -> { }
                    default -> throw new CliException(p.message().isEmpty() ? "training stopped in state " + p.state() : p.message());
                }
                done = p.epoch();
                Sample s = new Sample(done, trainer.history().snapshots().size(), MemoryProbe.afterGc(), ms);
                samples.add(s);
                print(s);
            }
        }
        if (!json) summary(samples);
        out.flush();
        return MaskStudioCommand.OK;
    }

    /**
     * The next multiple of K, or the epoch the history fills (it holds the untrained network too), when
     * that comes first: the sample there is the baseline later ones are compared with.
     */
    int nextSample(int done) {
        int next = Math.min((done / every + 1) * every, epochs);
        int fills = historyCapacity - 1;
        return fills > done && fills < next ? fills : next;
    }

    private static Trainer.Progress awaitNotRunning(Trainer trainer) {
        try {
            Trainer.Progress p;
            do {
                p = trainer.awaitIdle(1, TimeUnit.MINUTES);
            } while (p.state() == Trainer.State.RUNNING);
            return p;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    private void print(Sample s) {
        MemoryProbe.Figures m = s.memory();
        if (json) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("bench", "soak");
            f.put("epoch", s.epoch());
            f.put("history_size", s.historySize());
            f.put("history_capacity", historyCapacity);
            f.put("heap_bytes", m.heapBytes());
            f.put("offheap_bytes", m.offHeapBytes());
            f.put("offheap_count", m.offHeapCount());
            f.put("physical_bytes", m.physicalBytes());
            f.put("rss_bytes", m.rssBytes());
            f.put("ms_per_epoch", Math.round(s.msPerEpoch() * 1000) / 1000.0);
            try {
                out.println(JSON.writeValueAsString(f));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a map of numbers and strings always serializes", e);
            }
        } else {
            out.printf(Locale.ROOT, "%7d %8d %10.1f %13.1f %11d %10.1f %10.1f%n", s.epoch(), s.historySize(),
                    mib(m.heapBytes()), m.offHeapBytes() / 1024.0, m.offHeapCount(), mib(m.rssBytes()), s.msPerEpoch());
        }
        out.flush();
    }

    /**
     * Growth from the sample where the history filled to the largest and the last later sample: the
     * history is the one thing meant to grow (it thins itself to half and refills past its cap), so from
     * there on no figure should rise.
     */
    private void summary(List<Sample> samples) {
        int full = -1;
        for (int k = 0; k < samples.size(); k++) {
            if (samples.get(k).epoch() >= historyCapacity - 1) {
                full = k;
                break;
            }
        }
        if (full < 0 || full == samples.size() - 1) {
            out.printf(Locale.ROOT, "the history (capacity %d) did not fill before the last sample; run more epochs to see growth past it%n", historyCapacity);
            return;
        }
        Sample base = samples.get(full);
        List<Sample> later = samples.subList(full + 1, samples.size());
        Sample last = samples.get(samples.size() - 1);
        out.printf(Locale.ROOT, "growth over the %d epochs after the history filled (epoch %d): peak / last%n", last.epoch() - base.epoch(), base.epoch());
        growth("heap", base.memory().heapBytes(), later.stream().mapToLong(s -> s.memory().heapBytes()).max().orElseThrow(), last.memory().heapBytes());
        growth("off-heap", base.memory().offHeapBytes(), later.stream().mapToLong(s -> s.memory().offHeapBytes()).max().orElseThrow(),
                last.memory().offHeapBytes());
        growth("off-heap n", base.memory().offHeapCount(), later.stream().mapToLong(s -> s.memory().offHeapCount()).max().orElseThrow(),
                last.memory().offHeapCount());
        growth("RSS", base.memory().rssBytes(), later.stream().mapToLong(s -> s.memory().rssBytes()).max().orElseThrow(), last.memory().rssBytes());
    }

    /** Percentages, or the raw change where the base is zero (JavaCPP's figures often are, after a GC). */
    private void growth(String name, long base, long peak, long last) {
        if (base > 0) {
            out.printf(Locale.ROOT, "  %-10s %+8.2f%% / %+8.2f%%%n", name, (peak - base) * 100.0 / base, (last - base) * 100.0 / base);
        } else {
            out.printf(Locale.ROOT, "  %-10s %+9d / %+9d (from %d)%n", name, peak - base, last - base, base);
        }
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
