package io.maskstudio.io;

import io.maskstudio.model.NetworkDesign;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** run.json's optional {@code test} object: written only when there is one, read back, older files unchanged. */
class RunManifestTestFieldTest {

    private static RunManifest manifest(RunManifest.Test test) throws Exception {
        NetworkDesign d = GraphFile.read(Path.of("sample-graphs/xor.graph.json"));
        List<RunManifest.Layer> layers = new ArrayList<>();
        for (int k = 0; k < d.pairCount(); k++) layers.add(new RunManifest.Layer(k, d.mask(k).cols(), d.mask(k).rows(), "dense", "cpu", true, null));
        RunManifest.Metrics m = new RunManifest.Metrics(2, 0.5, 0.75, Double.NaN, Double.NaN);
        return new RunManifest(1, "unit", Instant.EPOCH, Instant.EPOCH, RunManifest.FINISHED, d, RunManifest.STATIC, "",
                new RunManifest.Dataset("xor", null, null), layers, m, m, "", test);
    }

    @Test
    void theTestMetricsRoundTripAndARunWithoutThemWritesNoTestField() throws Exception {
        RunManifest.Test t = new RunManifest.Test(2, 40, 0.25, 0.875);
        RunManifest back = RunManifestJson.parse("run.json", RunManifestJson.toJson(manifest(t)));
        assertEquals(t, back.test());
        assertTrue(Double.isNaN(back.last().valAccuracy()), "no validation split: null in the file, NaN back");

        String without = new String(RunManifestJson.toJson(manifest(null)), StandardCharsets.UTF_8);
        assertFalse(without.contains("\"test\""), without);
        assertNull(RunManifestJson.parse("run.json", without.getBytes(StandardCharsets.UTF_8)).test());
    }

    @Test
    void aMalformedTestFieldIsRefusedNamingIt() throws Exception {
        String json = new String(RunManifestJson.toJson(manifest(new RunManifest.Test(2, 40, 0.25, 0.875))), StandardCharsets.UTF_8);
        String bad = json.replace("\"test_accuracy\" : 0.875", "\"test_accuracy\" : \"high\"");
        assertFalse(bad.equals(json), "the field was found to replace");
        FormatException e = assertThrows(FormatException.class, () -> RunManifestJson.parse("run.json", bad.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("run.json") && e.getMessage().contains("test.test_accuracy"), e.getMessage());
    }
}
