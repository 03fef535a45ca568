package io.maskstudio.io;

import io.maskstudio.model.Mask;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM with a small heap by {@link LargeMaskStreamingTest}: reads each {@code file} or
 * {@code file.npz#key} given after the result file and writes one line per mask:
 * {@code rows cols cells nnz [o,i ...]} (the connections, when few), or {@code error <message>}.
 */
public final class ReadMaskChild {
    private ReadMaskChild() {}

    public static void main(String[] args) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int k = 1; k < args.length; k++) {
            String arg = args[k];
            int hash = arg.indexOf('#');
            Path file = Path.of(hash < 0 ? arg : arg.substring(0, hash));
            MaskReadOptions opts = MaskReadOptions.defaults();
            if (hash >= 0) opts = opts.withKey(arg.substring(hash + 1));
            try {
                Mask m = MaskFormats.read(file, opts);
                StringBuilder b = new StringBuilder(m.rows() + " " + m.cols() + " " + (long) m.rows() * m.cols() + " " + m.nnz());
                if (m.nnz() <= 100) m.forEachSet((o, i) -> b.append(' ').append(o).append(',').append(i));
                lines.add(b.toString());
            } catch (FormatException e) {
                lines.add("error " + e.getMessage());
            }
        }
        Files.write(Path.of(args[0]), lines);
    }
}
