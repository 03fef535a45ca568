package io.maskstudio.cli;

import io.maskstudio.io.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code runs plot}: what is drawn is read back from the SVG (Python's XML parser) and the PNG (Pillow). */
class RunsPlotTest {

    private static Path train(Path out, String seed) {
        CliRunner r = CliRunner.run("train", TrainCommandTest.DIGITS.toString(), "--epochs", "4", "--seed", seed, "--out", out.toString(), "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    private static void python(String code, String... args) throws Exception {
        Python.Result r = Python.script(code, List.of(args), 60);
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void overlayGroupingSmoothingAndPngAreWhatTheRunsSay(@TempDir Path tmp) throws Exception {
        Python.assumeModules("numpy", "PIL");
        Path a = train(tmp.resolve("seed1"), "1"), b = train(tmp.resolve("seed2"), "2");

        Path overlay = tmp.resolve("overlay.svg");
        CliRunner r = CliRunner.run("runs", "plot", a.toString(), b.toString(), "--out", overlay.toString());
        assertEquals(0, r.exitCode(), r.err());
        // Independent check: the polylines' y pixels must order the epochs exactly as metrics.csv's val_accuracy does
        // (a higher accuracy is drawn higher), with one point per epoch, and a legend entry per run.
        python("""
                import sys, csv, xml.etree.ElementTree as ET
                ns = {'s': 'http://www.w3.org/2000/svg'}
                root = ET.parse(sys.argv[1]).getroot()
                lines = root.findall('.//s:polyline[@class="series"]', ns)
                assert len(lines) == 2, len(lines)
                texts = [t.text for t in root.findall('.//s:text', ns)]
                assert 'seed1' in texts and 'seed2' in texts, texts
                for line, run in zip(lines, sys.argv[2:4]):
                    acc = [float(m['val_accuracy']) for m in csv.DictReader(open(run + '/metrics.csv'))]
                    pts = [tuple(map(float, p.split(','))) for p in line.get('points').split()]
                    assert len(pts) == len(acc) == 4
                    assert all(pts[i][0] < pts[i + 1][0] for i in range(3)), 'x grows with the epoch'
                    for i in range(4):
                        for j in range(4):
                            if acc[i] > acc[j] + 1e-9: assert pts[i][1] < pts[j][1], (acc, pts)
                """, overlay.toString(), a.toString(), b.toString());

        Path grouped = tmp.resolve("grouped.svg");
        CliRunner g = CliRunner.run("runs", "plot", a.toString(), b.toString(), "--group-seeds", "--smooth", "0.6", "--out", grouped.toString());
        assertEquals(0, g.exitCode(), g.err());
        // Reference: TensorBoard's debiased EMA written out here, then mean/min/max over the two seeds; the drawn
        // line and band must order and span the epochs as those numbers do.
        python("""
                import sys, csv, xml.etree.ElementTree as ET
                ns = {'s': 'http://www.w3.org/2000/svg'}
                root = ET.parse(sys.argv[1]).getroot()
                lines = root.findall('.//s:polyline[@class="series"]', ns)
                bands = root.findall('.//s:polygon[@class="band"]', ns)
                assert len(lines) == 1 and len(bands) == 1, (len(lines), len(bands))
                def ema(ys, w):
                    last, out = 0.0, []
                    for n, y in enumerate(ys, 1):
                        last = last * w + (1 - w) * y
                        out.append(last / (1 - w ** n))
                    return out
                runs = [ema([float(m['val_accuracy']) for m in csv.DictReader(open(d + '/metrics.csv'))], 0.6) for d in sys.argv[2:4]]
                mean = [(x + y) / 2 for x, y in zip(*runs)]
                lo = [min(x, y) for x, y in zip(*runs)]; hi = [max(x, y) for x, y in zip(*runs)]
                pts = [tuple(map(float, p.split(','))) for p in lines[0].get('points').split()]
                band = [tuple(map(float, p.split(','))) for p in bands[0].get('points').split()]
                assert len(pts) == 4 and len(band) == 8
                # pixel y is an affine, decreasing map of the value: fit it on two points, check all the others
                (v0, p0), (v1, p1) = (mean[0], pts[0][1]), (max(hi), min(b[1] for b in band))
                scale = (p1 - p0) / (v1 - v0)
                px = lambda v: p0 + (v - v0) * scale
                for i in range(4):
                    assert abs(px(mean[i]) - pts[i][1]) < 0.6, ('mean', i, px(mean[i]), pts[i][1])
                    assert abs(px(hi[i]) - band[i][1]) < 0.6, ('max', i, px(hi[i]), band[i][1])
                    assert abs(px(lo[3 - i]) - band[4 + i][1]) < 0.6, ('min', i)
                assert any('mean of 2 seeds' in (t.text or '') for t in root.findall('.//s:text', ns))
                """, grouped.toString(), a.toString(), b.toString());

        Path png = tmp.resolve("loss.png");
        CliRunner p = CliRunner.run("runs", "plot", a.toString(), b.toString(), "--metric", "train_loss", "--log-y", "--width", "640", "--out", png.toString());
        assertEquals(0, p.exitCode(), p.err());
        python("""
                import sys
                from PIL import Image
                im = Image.open(sys.argv[1]).convert('RGB')
                assert im.size == (640, 400), im.size
                px = set(im.getdata())
                for colour in [(0x1f, 0x77, 0xb4), (0xff, 0x7f, 0x0e)]:
                    near = [q for q in px if sum(abs(a - b) for a, b in zip(q, colour)) < 30]
                    assert near, ('each run has its colour on the image', colour)
                """, png.toString());

        CliRunner bad = CliRunner.run("runs", "plot", a.toString(), "--metric", "accuracy", "--out", tmp.resolve("x.png").toString());
        assertEquals(MaskStudioCommand.USAGE, bad.exitCode());
        assertTrue(bad.err().contains("val_accuracy"), bad.err());
        List<String> none = new ArrayList<>(List.of("runs", "plot", tmp.toString(), "--out", tmp.resolve("y.svg").toString()));
        CliRunner notRun = CliRunner.run(none.toArray(String[]::new));
        assertEquals(MaskStudioCommand.ERROR, notRun.exitCode());
        assertTrue(notRun.err().contains("not a run folder"), notRun.err());
    }
}
