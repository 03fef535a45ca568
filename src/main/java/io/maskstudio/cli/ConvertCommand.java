package io.maskstudio.cli;

import io.maskstudio.io.FormatException;
import io.maskstudio.io.MaskFormat;
import io.maskstudio.io.MaskFormats;
import io.maskstudio.io.MaskReadOptions;
import io.maskstudio.io.MaskWriteOptions;
import io.maskstudio.model.Mask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Converts a mask [out_features, in_features] between file formats, chosen by extension:",
                ".npy .npz .mtx .csv .png .safetensors. OUT is written atomically: on any error nothing is left at OUT."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:converted", "1:bad input file (the message names the file, the spot, what was expected and found)", "2:bad usage"})
final class ConvertCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "mask file to read")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "mask file to write")
    Path out;

    @Option(names = "--key", paramLabel = "NAME", description = "array to read from an .npz or .safetensors bundle (default: its only 2-D array)")
    String key;

    @Option(names = "--sparse", description = "OUT.npz: SciPy CSR (scipy.sparse.load_npz); OUT.csv: an out,in edge list")
    boolean sparse;

    @Option(names = "--threshold", paramLabel = "T", description = "binarize other values than 0/1: |v| > T means connected (PNG: darkness > T)")
    Double threshold;

    @Option(names = "--out-key", paramLabel = "NAME", description = "entry name in OUT.npz or OUT.safetensors (default: ${DEFAULT-VALUE})",
            defaultValue = MaskWriteOptions.DEFAULT_KEY)
    String outKey;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        MaskFormat from = format(in, "IN");
        MaskFormat to = format(out, "OUT");
        if (sparse && to != MaskFormat.NPZ && to != MaskFormat.CSV && to != MaskFormat.MTX) {
            throw new CliException("--sparse applies to .npz, .csv and .mtx output, not " + to.extension(), MaskStudioCommand.USAGE);
        }
        if (threshold != null && !(threshold >= 0 && threshold < Double.POSITIVE_INFINITY)) {
            throw new CliException("--threshold: expected a finite number >= 0, found " + threshold, MaskStudioCommand.USAGE);
        }
        if (!Files.exists(in)) throw new CliException(in + ": no such file");
        MaskReadOptions ro = MaskReadOptions.defaults().withKey(key);
        if (threshold != null) ro = ro.withThreshold(threshold);
        Mask mask = read(ro);
        try {
            MaskFormats.write(out, mask, new MaskWriteOptions(sparse, outKey));
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(out + ": cannot write: " + e.getMessage(), e);
        }
        spec.commandLine().getOut().printf("%s -> %s: mask [out_features, in_features] = [%d, %d], %d connections (%s)%n",
                in, out, mask.rows(), mask.cols(), mask.nnz(), from == to ? to.extension() : from.extension() + " to " + to.extension());
        return MaskStudioCommand.OK;
    }

    private Mask read(MaskReadOptions ro) {
        try {
            return MaskFormats.read(in, ro);
        } catch (FormatException e) {
            throw new CliException(e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new CliException(in + ": no such file", e);
        } catch (IOException e) {
            throw new CliException(in + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static MaskFormat format(Path file, String what) {
        return MaskFormat.of(file).orElseThrow(() -> new CliException(what + " " + file + ": unknown mask file extension (expected one of "
                + String.join(" ", MaskFormats.readableExtensions()) + ")", MaskStudioCommand.USAGE));
    }
}
