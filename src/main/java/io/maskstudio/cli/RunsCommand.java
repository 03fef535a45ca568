package io.maskstudio.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.io.FormatException;
import io.maskstudio.io.RunManifest;
import io.maskstudio.render.AnimatedGif;
import io.maskstudio.render.ChartImages;
import io.maskstudio.render.FanOutFrames;
import io.maskstudio.render.PngWriter;
import io.maskstudio.runs.CurveSource;
import io.maskstudio.runs.EpochExport;
import io.maskstudio.runs.MaskEvolution;
import io.maskstudio.runs.RunCurves;
import io.maskstudio.runs.RunFolder;
import io.maskstudio.runs.RunLabel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code runs list|export}: the run folders {@code train --out} and the app write (README.md, "Run folders"). */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List run folders, plot and compare their curves, export the model of any kept epoch, draw the mask's evolution.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.PlotRuns.class, RunsCommand.ExportRun.class, RunsCommand.EvolutionRun.class,
                CommandLine.HelpCommand.class})
final class RunsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: list, plot, export or evolution (see runs --help)");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"The run folders under DIR (and DIR itself if it is one): folder, status, epochs, final and best",
                    "validation accuracy, method, density, date, label (label.txt, else the folder name), test accuracy (runs with a test set).",
                    "Problems with a folder's files go to stderr."})
    static final class ListRuns implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR") Path dir;
        @Option(names = "--json", description = "one JSON array of objects instead of a table") boolean json;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            if (!Files.isDirectory(dir)) throw new CliException(dir + ": not a directory");
            List<RunFolder> runs = new ArrayList<>();
            try {
                for (Path p : RunFolder.under(dir)) runs.add(RunFolder.open(p));
            } catch (IOException e) {
                throw new CliException(dir + ": cannot list: " + e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            for (RunFolder r : runs) for (String p : r.problems()) spec.commandLine().getErr().println("warning: " + p);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (RunFolder r : runs) rows.add(row(dir, r));
            if (json) {
                try {
                    out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("cannot serialize plain values", e);
                }
            } else {
                printTable(out, rows);
            }
            return MaskStudioCommand.OK;
        }

        static Map<String, Object> row(Path parent, RunFolder r) {
            Map<String, Object> m = new LinkedHashMap<>();
            Path rel = parent.toAbsolutePath().normalize().relativize(r.dir().toAbsolutePath().normalize());
            m.put("folder", rel.toString().isEmpty() ? "." : rel.toString());
            m.put("status", r.status());
            EpochMetrics last = r.lastMetrics(), best = r.bestMetrics();
            m.put("epochs", last == null ? 0 : last.epoch());
            m.put("final_val_accuracy", last == null || Double.isNaN(last.valAccuracy()) ? null : last.valAccuracy());
            m.put("best_val_accuracy", best == null || Double.isNaN(best.valAccuracy()) ? null : best.valAccuracy());
            m.put("best_epoch", best == null ? null : best.epoch());
            m.put("method", r.method());
            m.put("density", Double.isNaN(r.density()) ? null : r.density());
            m.put("date", r.manifest() == null ? null : r.manifest().started().toString());
            m.put("label", RunLabel.read(r.dir()));
            RunManifest.Test test = r.manifest() == null ? null : r.manifest().test();
            m.put("test_accuracy", test == null || Double.isNaN(test.accuracy()) ? null : test.accuracy());
            return m;
        }

        private static void printTable(PrintWriter out, List<Map<String, Object>> rows) {
            String[] head = {"folder", "status", "epochs", "final_val_acc", "best_val_acc", "method", "density", "date", "label", "test_acc"};
            List<String[]> cells = new ArrayList<>();
            cells.add(head);
            for (Map<String, Object> m : rows) {
                cells.add(new String[]{(String) m.get("folder"), (String) m.get("status"), String.valueOf(m.get("epochs")),
                        percent(m.get("final_val_accuracy")),
                        percent(m.get("best_val_accuracy")) + (m.get("best_epoch") == null ? "" : " @" + m.get("best_epoch")),
                        (String) m.get("method"), percent(m.get("density")), m.get("date") == null ? "-" : (String) m.get("date"), (String) m.get("label"),
                        percent(m.get("test_accuracy"))});
            }
            int[] w = new int[head.length];
            for (String[] c : cells) for (int k = 0; k < c.length; k++) w[k] = Math.max(w[k], c[k].length());
            for (String[] c : cells) {
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < c.length; k++) {
                    sb.append(k == 0 ? "" : "  ").append(c[k]).append(" ".repeat(k == c.length - 1 ? 0 : w[k] - c[k].length()));
                }
                out.println(sb.toString().stripTrailing());
            }
        }

        private static String percent(Object v) {
            return v == null ? "-" : String.format(Locale.ROOT, "%.2f%%", ((Double) v) * 100);
        }
    }

    @Command(name = "plot", mixinStandardHelpOptions = true,
            description = {"Overlays the runs' curves (one colour per run, a legend) as FILE.png or FILE.svg.",
                    "--group-seeds draws runs that differ only in their seed as a mean line with a min-max band."})
    static final class PlotRuns implements Callable<Integer> {
        @Parameters(index = "0..*", arity = "1..*", paramLabel = "RUNDIR") List<Path> runDirs;
        @Option(names = "--out", paramLabel = "FILE.png|FILE.svg", required = true) Path out;
        @Option(names = "--metric", paramLabel = "NAME", defaultValue = "val_accuracy",
                description = "val_accuracy, val_loss, train_accuracy, train_loss, or per pair of layers weight_norm, grad_norm, "
                        + "update_ratio (default: ${DEFAULT-VALUE})") String metric;
        @Option(names = "--group-seeds", description = "mean and min-max band over runs that differ only in seed") boolean groupSeeds;
        @Option(names = "--smooth", paramLabel = "A", defaultValue = "0",
                description = "TensorBoard's smoothing weight in [0, 1) (debiased exponential moving average; default: ${DEFAULT-VALUE})") double smooth;
        @Option(names = "--log-y", description = "logarithmic y axis") boolean logY;
        @Option(names = "--x", paramLabel = "AXIS", defaultValue = "epoch",
                description = "epoch, step or time (seconds of training; default: ${DEFAULT-VALUE})") String xAxis;
        @Option(names = "--width", paramLabel = "W", defaultValue = "900", description = "pixels (default: ${DEFAULT-VALUE}); height is 5/8 of it") int width;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            RunCurves.Metric m;
            try {
                m = RunCurves.Metric.fromId(metric);
            } catch (IllegalArgumentException e) {
                throw new CliException("--metric " + e.getMessage(), MaskStudioCommand.USAGE, e);
            }
            RunCurves.XAxis x;
            try {
                x = RunCurves.XAxis.fromId(xAxis);
            } catch (IllegalArgumentException e) {
                throw new CliException("--x " + e.getMessage(), MaskStudioCommand.USAGE, e);
            }
            if (!(smooth >= 0 && smooth < 1)) throw new CliException("--smooth " + smooth + ": expected a weight in [0, 1)", MaskStudioCommand.USAGE);
            if (width < 200 || width > 10_000) throw new CliException("--width " + width + ": expected 200 to 10000 pixels", MaskStudioCommand.USAGE);
            String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!name.endsWith(".png") && !name.endsWith(".svg")) {
                throw new CliException("--out " + out + ": expected a .png or .svg file name", MaskStudioCommand.USAGE);
            }
            List<CurveSource> runs = new ArrayList<>();
            for (Path d : runDirs) {
                if (!RunFolder.isRunFolder(d)) throw new CliException(d + ": not a run folder (no run.json or metrics.csv)");
                RunFolder r = RunFolder.open(d);
                for (String p : r.problems()) spec.commandLine().getErr().println("warning: " + p);
                if (r.metrics().isEmpty()) throw new CliException(d.resolve("metrics.csv") + ": no complete epoch to plot");
                runs.add(r.curves());
            }
            RunCurves.Options options = RunCurves.Options.of(m).withX(x).withGroupSeeds(groupSeeds).withSmoothing(smooth).withLogY(logY);
            try {
                ChartImages.write(RunCurves.chart(runs, options), out, width, width * 5 / 8);
            } catch (IOException e) {
                throw new CliException(out + ": cannot write: " + e.getMessage(), e);
            }
            spec.commandLine().getOut().println("wrote " + out + " (" + runs.size() + " runs, " + m.id() + ")");
            return MaskStudioCommand.OK;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Writes the model export files (model.npz, model.safetensors, model.json, val.npz, load_model.py, "
                    + "trained.graph.json) of a kept epoch's snapshot to DIR.")
    static final class ExportRun implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RUNDIR") Path runDir;
        @Option(names = "--epoch", paramLabel = "E", required = true, description = "a kept epoch (see RUNDIR/snapshots/)") int epoch;
        @Option(names = "--out", paramLabel = "DIR", required = true) Path out;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            if (!RunFolder.isRunFolder(runDir)) throw new CliException(runDir + ": not a run folder (no run.json or metrics.csv)");
            RunFolder run = RunFolder.open(runDir);
            for (String p : run.problems()) spec.commandLine().getErr().println("warning: " + p);
            try {
                EpochExport.write(run, epoch, out);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), e);
            } catch (FormatException e) {
                throw new CliException(e.getMessage(), e);
            } catch (IOException e) {
                throw new CliException(out + ": cannot export: " + e.getMessage(), e);
            }
            spec.commandLine().getOut().println("exported epoch " + epoch + " of " + runDir + " to " + out + " (python3 " + out.resolve("load_model.py") + ")");
            return MaskStudioCommand.OK;
        }
    }

    @Command(name = "evolution", mixinStandardHelpOptions = true,
            description = {"Draws how the first pair's mask changed over the run (its input layer must have a 2-D shape): each input pixel's",
                    "fan-out into the first hidden layer at every kept snapshot, as an animated GIF (one frame per snapshot, looping)",
                    "and/or a PNG strip (the frames side by side, the epoch under each). All frames share one colour range."})
    static final class EvolutionRun implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RUNDIR") Path runDir;
        @Option(names = "--gif", paramLabel = "FILE.gif", description = "the animated GIF") Path gif;
        @Option(names = "--png", paramLabel = "FILE.png", description = "the PNG strip") Path png;
        @Option(names = "--scale", paramLabel = "S", defaultValue = "4", description = "screen pixels per input pixel (default: ${DEFAULT-VALUE})") int scale;
        @Option(names = "--delay", paramLabel = "MS", defaultValue = "500", description = "milliseconds per GIF frame (default: ${DEFAULT-VALUE})") int delay;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            if (gif == null && png == null) throw new CliException("expected --gif FILE.gif, --png FILE.png or both", MaskStudioCommand.USAGE);
            if (scale < 1 || scale > 64) throw new CliException("--scale " + scale + ": expected 1 to 64", MaskStudioCommand.USAGE);
            if (delay < 10 || delay > 60_000) throw new CliException("--delay " + delay + ": expected 10 to 60000 ms", MaskStudioCommand.USAGE);
            if (!RunFolder.isRunFolder(runDir)) throw new CliException(runDir + ": not a run folder (no run.json or metrics.csv)");
            RunFolder run = RunFolder.open(runDir);
            for (String p : run.problems()) spec.commandLine().getErr().println("warning: " + p);
            FanOutFrames frames;
            try {
                frames = MaskEvolution.read(run);
            } catch (FormatException e) {
                throw new CliException(e.getMessage(), e);
            } catch (IOException e) {
                throw new CliException(e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            String what = frames.frames().size() + " snapshots, fan-out 0 to " + frames.max();
            if (gif != null) {
                try {
                    AnimatedGif.write(frames.tiles(scale), delay, gif);
                } catch (IOException e) {
                    throw new CliException(gif + ": cannot write: " + e.getMessage(), e);
                }
                out.println("wrote " + gif + " (" + what + ")");
            }
            if (png != null) {
                try {
                    PngWriter.write(frames.strip(scale), png);
                } catch (IOException e) {
                    throw new CliException(png + ": cannot write: " + e.getMessage(), e);
                }
                out.println("wrote " + png + " (" + what + ")");
            }
            return MaskStudioCommand.OK;
        }
    }
}
