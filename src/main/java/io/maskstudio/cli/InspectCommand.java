package io.maskstudio.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.maskstudio.io.FormatException;
import io.maskstudio.io.MaskFiles;
import io.maskstudio.model.Mask;
import io.maskstudio.model.MaskStats;
import io.maskstudio.model.MaskStructure;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.NetworkStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Prints connectivity statistics of a graph file or a mask file: nnz, density, fan-in/out, dead neurons, "
                + "input-to-output reachability, "
                + "and whether each mask is N:M (1:2, 2:4, 4:8) or made of uniform blocks (largest power-of-two size up to 32x32).")
final class InspectCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "GRAPH|MASKFILE", description = "*.graph.json, or a mask file (.npy, .npz, .mtx, .csv, .png, .safetensors)")
    Path file;

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Option(names = "--key", paramLabel = "NAME", description = "array to read from an .npz with several")
    String key;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.exists(file)) throw new CliException(file + ": no such file");
        Map<String, Object> data;
        String text;
        if (file.getFileName().toString().endsWith(".json")) {
            NetworkDesign design = GraphIo.read(file);
            NetworkStats stats = NetworkStats.of(design);
            data = new LinkedHashMap<>(stats.toMap());
            StringBuilder sb = new StringBuilder(stats.render()).append("Structure:\n");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> pairs = (List<Map<String, Object>>) data.get("pairs");
            for (int k = 0; k < design.pairCount(); k++) {
                Structure st = Structure.of(design.mask(k));
                pairs.get(k).putAll(st.toMap());
                sb.append("  ").append(design.layer(k).name()).append(" -> ").append(design.layer(k + 1).name()).append(": ")
                        .append(st.render()).append('\n');
            }
            text = sb.toString();
        } else {
            Mask mask = readMask();
            MaskStats stats = MaskStats.of(mask);
            Structure st = Structure.of(mask);
            data = new LinkedHashMap<>(stats.toMap());
            data.putAll(st.toMap());
            text = "mask [out,in] = [" + mask.rows() + "," + mask.cols() + "]\n" + stats.render() + "\n" + st.render();
        }
        data.put("file", file.toString());
        spec.commandLine().getOut().println(json ? toJson(data) : text);
        return MaskStudioCommand.OK;
    }

    /** N:M and block structure of one mask, as inspect prints it. */
    private record Structure(List<String> nOfM, Optional<MaskStructure.BlockSize> block) {
        static Structure of(Mask m) {
            return new Structure(MaskStructure.commonNOfM(m), MaskStructure.blockSize(m));
        }

        String render() {
            return "N:M " + (nOfM.isEmpty() ? "none of 1:2, 2:4, 4:8" : String.join(", ", nOfM))
                    + "; blocks " + block.map(b -> b + " (every block all present or all absent)").orElse("none larger than 1x1");
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("nOfM", nOfM);
            m.put("block", block.map(MaskStructure.BlockSize::toString).orElse(null));
            return m;
        }
    }

    private Mask readMask() {
        try {
            return MaskFiles.read(file, key, OptionalDouble.empty());
        } catch (FormatException e) {
            throw new CliException(e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static String toJson(Map<String, Object> data) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
