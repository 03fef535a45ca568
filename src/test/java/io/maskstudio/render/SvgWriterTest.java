package io.maskstudio.render;

import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvgWriterTest {

    @Test
    void bipartiteSvgIsWellFormedWithOneLinePerConnection() throws Exception {
        Mask m = TestMasks.localReceptiveField8to6();
        Document doc = parse(SvgWriter.bipartite(TestMasks.DIGITS, TestMasks.HIDDEN, m, 800, 560, "LRF <3x3> & co", BipartiteStyle.DEFAULT));
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertEquals(324, doc.getElementsByTagNameNS("*", "line").getLength());
        assertEquals(0, doc.getElementsByTagNameNS("*", "circle").getLength(), "grid layers are cells, not dots");
        List<String> texts = texts(doc);
        assertTrue(texts.contains("LRF <3x3> & co"), "title is escaped and kept: " + texts);
        assertTrue(texts.stream().anyMatch(t -> t.contains("324 connections") && t.contains("density 14.1%")), texts.toString());
        assertTrue(texts.contains("input 8×8 (64)"), texts.toString());
        assertTrue(texts.contains("hidden 6×6 (36)"), texts.toString());
    }

    @Test
    void vectorLayersAreCirclesAndDensePairsAreBundles() throws Exception {
        LayerSpec a = LayerSpec.vector("in", 128, Activation.IDENTITY), b = LayerSpec.vector("out", 128, Activation.RELU);
        Mask m = TestMasks.random(128, 128, 3000, 9);
        BipartiteStyle style = BipartiteStyle.DEFAULT.withBundleThreshold(1000).withMaxBins(16);
        Document doc = parse(SvgWriter.bipartite(a, b, m, 600, 400, null, style));
        assertEquals(256, doc.getElementsByTagNameNS("*", "circle").getLength());
        BipartiteLayout layout = BipartiteLayout.of(a, b, 0, 0, 600, 400);
        int bundles = Bundles.of(layout, m, 16).count();
        NodeList lines = doc.getElementsByTagNameNS("*", "line");
        assertEquals(bundles, lines.getLength());
        String opacity = ((Element) lines.item(0)).getAttribute("stroke-opacity");
        assertFalse(opacity.isEmpty(), "bundles carry their own opacity");
    }

    @Test
    void matrixSvgMergesRunsIntoRects() throws Exception {
        Mask m = new Mask(4, 10);
        m.setRect(0, 2, 2, 6, true);  // the same run in rows 0 and 1: one rect
        m.set(2, 0, true);
        m.set(2, 9, true);            // two single cells in row 2
        m.setRect(3, 4, 0, 10, true); // a full row
        Document doc = parse(SvgWriter.matrix(LayerSpec.vector("in", 10, Activation.IDENTITY), LayerSpec.vector("out", 4, Activation.RELU),
                m, null, 400, MatrixStyle.DEFAULT));
        NodeList groups = doc.getElementsByTagNameNS("*", "g");
        Element cells = null;
        for (int k = 0; k < groups.getLength(); k++) if ("cells".equals(((Element) groups.item(k)).getAttribute("class"))) cells = (Element) groups.item(k);
        assertNotNull(cells);
        assertEquals(4, cells.getElementsByTagNameNS("*", "rect").getLength());
        List<int[]> rects = new ArrayList<>();
        SvgWriter.mergedRuns(m, (r0, r1, c0, c1) -> rects.add(new int[] {r0, r1, c0, c1}));
        long covered = rects.stream().mapToLong(r -> (long) (r[1] - r[0]) * (r[3] - r[2])).sum();
        assertEquals(m.nnz(), covered, "the rects cover exactly the connections");
    }

    @Test
    void writesTheFileAtomically(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fig.svg");
        SvgWriter.write(SvgWriter.bipartite(TestMasks.DIGITS, TestMasks.HIDDEN, TestMasks.localReceptiveField8to6(), 800, 560, null, BipartiteStyle.DEFAULT),
                file);
        assertEquals(324, parse(Files.readString(file)).getElementsByTagNameNS("*", "line").getLength());
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Document doc) {
        List<String> t = new ArrayList<>();
        NodeList n = doc.getElementsByTagNameNS("*", "text");
        for (int k = 0; k < n.getLength(); k++) t.add(n.item(k).getTextContent());
        return t;
    }
}
