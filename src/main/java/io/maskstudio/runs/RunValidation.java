package io.maskstudio.runs;

import io.maskstudio.data.Dataset;
import io.maskstudio.io.FormatException;
import io.maskstudio.io.NpyArray;
import io.maskstudio.io.Npz;
import io.maskstudio.io.TorchExport;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A run folder's validation set ({@code val.npz}: {@code x} float32 {@code [n, in]}, already standardized as the
 * network saw it, and {@code y} integer {@code [n]}), for evaluating its snapshots. Reading never throws for a bad
 * file: exactly one of {@code data} and {@code problem} is set, the problem naming the file and what was wrong.
 * Memory is the arrays' real size ({@link Npz} checks each entry's declared size against the archive).
 */
public record RunValidation(Dataset data, String problem) {

    /**
     * @param features the input layer's size, which {@code x}'s rows must have
     * @param classes  the output layer's size: labels must lie in {@code [0, classes)}; classes are named 0..classes-1
     */
    public static RunValidation read(Path runDir, int features, int classes) {
        Path file = runDir.resolve(TorchExport.VAL_NPZ);
        try (Npz npz = Npz.open(file)) {
            NpyArray x = require(npz, file, "x");
            NpyArray y = require(npz, file, "y");
            if (y.ndim() != 1) {
                throw new FormatException(file.toString(), "y", "a 1-d array of labels", "shape " + NpyArray.shapeString(y.shape()));
            }
            int n = y.dim(0);
            if (x.ndim() != 2 || x.dim(0) != n || x.dim(1) != features) {
                String expected = "shape " + NpyArray.shapeString(new int[]{n, features}) + " (one row per label, one column per input neuron)";
                throw new FormatException(file.toString(), "x", expected, NpyArray.shapeString(x.shape()));
            }
            if (!x.dtype().isFloat()) throw new FormatException(file.toString(), "x", "floating-point inputs", x.descr());
            if (y.dtype().isFloat()) throw new FormatException(file.toString(), "y", "integer labels", y.descr());
            long[] labels = y.toLongs();
            int[] classOf = new int[n];
            for (int r = 0; r < n; r++) {
                if (labels[r] < 0 || labels[r] >= classes) {
                    throw new FormatException(file.toString(), "y[" + r + "]", "a class in [0, " + classes + ")", Long.toString(labels[r]));
                }
                classOf[r] = (int) labels[r];
            }
            List<String> names = new ArrayList<>();
            for (int c = 0; c < classes; c++) names.add(Integer.toString(c));
            return new RunValidation(new Dataset(runDir.getFileName() + " validation", n, features, x.toFloats(), classOf, names, 0, 0), null);
        } catch (NoSuchFileException e) {
            return new RunValidation(null, file + ": missing, so the run's validation set is unknown");
        } catch (FormatException e) {
            return new RunValidation(null, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new RunValidation(null, file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private static NpyArray require(Npz npz, Path file, String key) throws IOException, FormatException {
        if (!npz.contains(key)) throw new FormatException(file.toString(), key, "an array named " + key, "no such array (has " + npz.keys() + ")");
        return npz.get(key);
    }
}
