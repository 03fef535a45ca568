package io.maskstudio.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds and reads MNIST-family IDX files: an {@code X-images-idx3-ubyte[.gz]} file with its
 * {@code X-labels-idx1-ubyte[.gz]} beside it (also the {@code X-images.idx3-ubyte} spelling), or a folder holding
 * {@code train-*} and optionally {@code t10k-*} files. Images become rows of raw 0..255 values with the file's
 * height x width as image shape. Classes are {@code "0".."9"}, or {@code "0".."max"} when a label exceeds 9
 * (EMNIST letters' labels 1..26 give 27 classes, class 0 unused, as torchvision numbers them); a label above
 * {@link #MAX_LABEL} is refused as not MNIST-family.
 */
public final class IdxFiles {
    /** EMNIST byclass, the largest of the family, has 62 classes. */
    static final int MAX_LABEL = 61;
    private static final String[] COMPRESSION = {"", ".gz"};
    private static final String[] SPELLINGS = {"-images-idx3-ubyte", "-images.idx3-ubyte"};

    private IdxFiles() {}

    /** Whether {@link Datasets#load} should read {@code nameOrPath} as IDX: a folder, or a name ending in idx3-ubyte[.gz]. */
    public static boolean isIdxPath(String nameOrPath) {
        String lower = nameOrPath.trim().toLowerCase(Locale.ROOT);
        if (lower.endsWith("idx3-ubyte") || lower.endsWith("idx3-ubyte.gz")) return true;
        try {
            return !lower.isEmpty() && Files.isDirectory(Path.of(nameOrPath.trim()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Reads an images file with its labels (test null), or a folder's train and, when present, t10k files. */
    public static IdxData load(Path fileOrFolder) throws DataException {
        if (Files.isDirectory(fileOrFolder)) return loadFolder(fileOrFolder);
        if (!Files.exists(fileOrFolder)) throw new DataException(fileOrFolder + ": file not found");
        Path labels = labelsBeside(fileOrFolder);
        String name = fileOrFolder.getFileName().toString();
        Raw raw = Raw.read(fileOrFolder, labels);
        return new IdxData(raw.toDataset(name, classNames(raw, null)), null);
    }

    private static IdxData loadFolder(Path folder) throws DataException {
        Path trainImages = find(folder, "train");
        Path t10kImages = find(folder, "t10k");
        if (trainImages == null) {
            throw new DataException(folder + ": no train-images-idx3-ubyte[.gz] in the folder; expected the MNIST layout "
                    + "(train-images-idx3-ubyte, train-labels-idx1-ubyte and optionally t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte)");
        }
        String name = folder.toAbsolutePath().normalize().getFileName() == null ? folder.toString()
                : folder.toAbsolutePath().normalize().getFileName().toString();
        Raw train = Raw.read(trainImages, labelsBeside(trainImages));
        Raw test = t10kImages == null ? null : Raw.read(t10kImages, labelsBeside(t10kImages));
        if (test != null && (test.height != train.height || test.width != train.width)) {
            throw new DataException(t10kImages + ": images of " + test.height + "x" + test.width + "; expected "
                    + train.height + "x" + train.width + " as in " + trainImages);
        }
        List<String> classes = classNames(train, test);
        return new IdxData(train.toDataset(name, classes), test == null ? null : test.toDataset(name + " t10k", classes));
    }

    /** The images file of a prefix ("train", "t10k") in any spelling and compression, or null. */
    private static Path find(Path folder, String prefix) {
        for (String spelling : SPELLINGS) {
            for (String gz : COMPRESSION) {
                Path p = folder.resolve(prefix + spelling + gz);
                if (Files.isRegularFile(p)) return p;
            }
        }
        return null;
    }

    /** X-images-idx3-ubyte[.gz] -> X-labels-idx1-ubyte[.gz] (same spelling; same compression first, then the other). */
    static Path labelsBeside(Path images) throws DataException {
        String name = images.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        boolean gz = lower.endsWith(".gz");
        String stem = gz ? name.substring(0, name.length() - 3) : name;
        String stemLower = stem.toLowerCase(Locale.ROOT);
        String labelsStem = null;
        for (String spelling : SPELLINGS) {
            if (stemLower.endsWith(spelling)) {
                labelsStem = stem.substring(0, stem.length() - spelling.length()) + spelling.replace("images", "labels").replace("idx3", "idx1");
            }
        }
        if (labelsStem == null) {
            throw new DataException(images + ": expected an images file named X-images-idx3-ubyte[.gz] (its labels are found beside it "
                    + "as X-labels-idx1-ubyte[.gz]) or a folder with the MNIST files");
        }
        String first = labelsStem + (gz ? ".gz" : "");
        String second = labelsStem + (gz ? "" : ".gz");
        for (String candidate : List.of(first, second)) {
            Path p = images.resolveSibling(candidate);
            if (Files.isRegularFile(p)) return p;
        }
        throw new DataException(images + ": no labels file beside it; expected " + images.resolveSibling(first));
    }

    /** "0".."9", or "0".."max" when a label of either set exceeds 9. */
    private static List<String> classNames(Raw train, Raw test) {
        int max = Math.max(train.maxLabel, test == null ? 0 : test.maxLabel);
        int classes = Math.max(10, max + 1);
        List<String> names = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) names.add(Integer.toString(c));
        return names;
    }

    /** One images file and its labels, checked against each other. */
    private static final class Raw {
        final Path images;
        final int rows;
        final int height;
        final int width;
        final byte[] pixels;
        final int[] labels;
        final int maxLabel;

        private Raw(Path images, int rows, int height, int width, byte[] pixels, int[] labels, int maxLabel) {
            this.images = images;
            this.rows = rows;
            this.height = height;
            this.width = width;
            this.pixels = pixels;
            this.labels = labels;
            this.maxLabel = maxLabel;
        }

        static Raw read(Path imagesFile, Path labelsFile) throws DataException {
            int[] labels;
            int maxLabel = 0;
            try (IdxReader l = IdxReader.open(labelsFile, 1, "labels: one count")) {
                byte[] raw = l.readData();
                labels = new int[raw.length];
                for (int i = 0; i < raw.length; i++) {
                    labels[i] = raw[i] & 0xFF;
                    if (labels[i] > MAX_LABEL) {
                        throw new DataException(labelsFile + ": label " + labels[i] + " at item " + i + "; expected 0.." + MAX_LABEL
                                + " (MNIST-family sets have at most " + (MAX_LABEL + 1) + " classes, EMNIST byclass)");
                    }
                    maxLabel = Math.max(maxLabel, labels[i]);
                }
            }
            try (IdxReader im = IdxReader.open(imagesFile, 3, "images: count, height, width")) {
                if (im.dim(0) != labels.length) {
                    throw new DataException(imagesFile + ": " + im.dim(0) + " images but " + labelsFile.getFileName() + " has "
                            + labels.length + " labels; expected the same count");
                }
                int h = (int) im.dim(1);
                int w = (int) im.dim(2);
                byte[] pixels = readPixels(im, imagesFile);
                return new Raw(imagesFile, labels.length, h, w, pixels, labels, maxLabel);
            }
        }

        private static byte[] readPixels(IdxReader im, Path imagesFile) throws DataException {
            try {
                return im.readData();
            } catch (OutOfMemoryError e) {
                throw new DataException(imagesFile + ": not enough memory for " + im.dimsText() + " images ("
                        + im.dataBytes() * 5 / (1 << 20) + " MiB while reading; the heap is " + Runtime.getRuntime().maxMemory() / (1 << 20)
                        + " MiB); expected a larger -Xmx", e);
            }
        }

        Dataset toDataset(String name, List<String> classes) throws DataException {
            try {
                float[] x = new float[pixels.length];
                for (int i = 0; i < x.length; i++) x[i] = pixels[i] & 0xFF;
                return new Dataset(name, rows, height * width, x, labels, classes, height, width);
            } catch (OutOfMemoryError e) {
                throw new DataException(images + ": not enough memory for " + rows + " images of " + height + "x" + width
                        + " as floats (" + (long) pixels.length * 4 / (1 << 20) + " MiB; the heap is "
                        + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB); expected a larger -Xmx", e);
            }
        }
    }
}
