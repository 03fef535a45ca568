package io.maskstudio.cli;

import io.maskstudio.runs.SweepPlan;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The Slurm job-array script of a sweep: task K runs {@code sweep --cell K DIR}, which trains cell K into its run
 * folder; {@code sweep --collect DIR} merges them afterwards. Paths are absolute so the script can be submitted from
 * anywhere; the graph and data paths in the plan are as given, so every task starts in the folder they were given in.
 */
final class SweepSlurmScript {
    static final String FILE_NAME = "sweep.sbatch";

    private SweepSlurmScript() {}

    /**
     * @param command  how a task starts MaskStudio, e.g. {@code java -jar /opt/maskstudio.jar}; $MASKSTUDIO overrides it
     * @param maxAtOnce at most this many tasks at once ({@code %N} of {@code --array}); 0: as many as Slurm gives
     */
    static String text(SweepPlan plan, Path sweepDir, Path workDir, String command, int maxAtOnce) {
        Path dir = sweepDir.toAbsolutePath().normalize();
        int n = plan.cellCount();
        return "#!/bin/bash\n"
                + "# MaskStudio sweep of " + plan.graph() + ": " + n + " cells (" + String.join(",", plan.methods()) + " x " + plan.densities().size()
                + " densities x " + plan.seeds() + " seeds), one per array task.\n"
                + "# Submit:   sbatch " + "<this file>\n"
                + "# Rerun only some cells (say 3 and 7): sbatch --array=3,7 <this file>\n"
                + "# Afterwards: maskstudio sweep --collect " + dir + "   (results.csv, the chart, and which cells are missing)\n"
                + "#SBATCH --job-name=maskstudio-sweep\n"
                + "#SBATCH --array=0-" + (n - 1) + (maxAtOnce > 0 ? "%" + maxAtOnce : "") + "\n"
                + "#SBATCH --output=" + dir.resolve("logs") + "/slurm-%A_%a.out\n"
                + "#SBATCH --cpus-per-task=1\n"
                + "# Add what your cluster asks for, e.g. #SBATCH --time=01:00:00, --mem=2G, --partition=...\n"
                + "set -euo pipefail\n"
                + "cd " + quote(workDir.toAbsolutePath().normalize().toString()) + "\n"
                + "MASKSTUDIO=${MASKSTUDIO:-" + quote(command) + "}\n"
                + "exec $MASKSTUDIO sweep --cell \"$SLURM_ARRAY_TASK_ID\" " + quote(dir.toString()) + "\n";
    }

    /** How this MaskStudio is started: its jar when it runs from one, else its class path. */
    static String thisCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            Path code = Path.of(SweepSlurmScript.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (code.toString().endsWith(".jar")) return java + " -jar " + code.toAbsolutePath();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // unknown origin: fall back to the class path
        }
        return java + " -cp " + System.getProperty("java.class.path") + " io.maskstudio.Launcher";
    }

    /** A single-quoted shell word. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
