package io.maskstudio.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.maskstudio.io.FormatException;
import io.maskstudio.io.MaskFiles;
import io.maskstudio.model.Mask;
import io.maskstudio.model.MaskStats;
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
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Prints connectivity statistics of a graph file or a mask file: nnz, density, fan-in/out, dead neurons, "
                + "input-to-output reachability.")
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
            text = stats.render();
        } else {
            Mask mask = readMask();
            MaskStats stats = MaskStats.of(mask);
            data = new LinkedHashMap<>(stats.toMap());
            text = "mask [out,in] = [" + mask.rows() + "," + mask.cols() + "]\n" + stats.render();
        }
        data.put("file", file.toString());
        spec.commandLine().getOut().println(json ? toJson(data) : text);
        return MaskStudioCommand.OK;
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
