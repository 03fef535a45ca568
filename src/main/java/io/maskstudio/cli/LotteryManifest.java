package io.maskstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.maskstudio.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** DIR/lottery.json: what a lottery folder is (kind "lottery") and the command's parameters, written before the first training. */
record LotteryManifest(String graph, int levels, double rate, int rewindEpoch, String scope, boolean controls, int epochs, String dataset) {
    static final String FILE = "lottery.json";

    void write(Path dir) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "lottery");
        m.put("graph", graph);
        m.put("levels", levels);
        m.put("rate", rate);
        m.put("rewindEpoch", rewindEpoch);
        m.put("scope", scope);
        m.put("controls", controls);
        m.put("epochs", epochs);
        m.put("dataset", dataset);
        byte[] json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(m);
        AtomicFiles.writeBytes(dir.resolve(FILE), json);
    }
}
