package io.maskstudio.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the app needs of a sweep's {@code sweep.json} or a lottery's {@code lottery.json} (docs: the sweep and lottery
 * folder layouts): the kind, the graph, and for a sweep its cells in cell order. Unknown fields are ignored: the
 * commands that write these files may add more.
 *
 * @param cells a sweep's cells (method, density, seed, folder relative to the sweep); empty for a lottery
 */
public record RunGroupManifest(String kind, String graph, List<Cell> cells) {
    public static final String SWEEP = "sweep";
    public static final String LOTTERY = "lottery";

    /** One cell of a sweep. */
    public record Cell(int cell, String method, double density, int seed, String dir) {}

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    public static RunGroupManifest read(Path file) throws IOException, FormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new FormatException(file.toString(), "", "JSON", e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new FormatException(file.toString(), "$", "a JSON object", root == null ? "nothing" : root.getNodeType().toString());
        }
        String kind = root.path("kind").asText("");
        if (!kind.equals(SWEEP) && !kind.equals(LOTTERY)) {
            throw new FormatException(file.toString(), "$.kind", "\"sweep\" or \"lottery\"", root.path("kind").toString());
        }
        List<Cell> cells = new ArrayList<>();
        JsonNode list = root.path("cells");
        for (int k = 0; k < list.size(); k++) {
            JsonNode c = list.get(k);
            if (!c.path("dir").isTextual()) throw new FormatException(file.toString(), "$.cells[" + k + "].dir", "a folder name", c.path("dir").toString());
            cells.add(new Cell(c.path("cell").asInt(k), c.path("method").asText(""), c.path("density").asDouble(Double.NaN), c.path("seed").asInt(0),
                    c.path("dir").asText()));
        }
        return new RunGroupManifest(kind, root.path("graph").asText(""), List.copyOf(cells));
    }
}
