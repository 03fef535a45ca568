package io.maskstudio.io;

import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What we write loads in Python the way README.md's File formats section says: NumPy, SciPy and Pillow for the
 * mask formats, torch for safetensors (read with a reader written from the format's specification, as the
 * safetensors package is not on Debian) and for pruning with a loaded mask. Each test asks only for the modules
 * it uses; see {@link Python#assumeModules} for when a missing one skips and when it fails.
 */
class MaskFormatsPythonInteropTest {
    @TempDir
    Path dir;

    private static final String NUMPY_CHECK = String.join("\n",
            "import sys, os, warnings, numpy as np, scipy.io as sio, scipy.sparse as sp",
            "from PIL import Image",
            "warnings.simplefilter('ignore')  # loadtxt warns about an edge list without edges",
            "d = sys.argv[1]",
            "for stem in sys.argv[2:]:",
            "    m = np.load(os.path.join(d, stem + '.npy'))",
            "    p = lambda ext: os.path.join(d, stem + ext)",
            "    got = {",
            "        'npz': np.load(p('.npz'))['weight_mask'],",
            "        'sparse.npz': sp.load_npz(p('.sparse.npz')).toarray(),",
            "        'mtx': sio.mmread(p('.mtx')).toarray() != 0,",
            "        'csv': np.loadtxt(p('.csv'), delimiter=',', ndmin=2) == 1,",
            "        'png': np.array(Image.open(p('.png')).convert('L')) < 128,",
            "    }",
            "    e = np.loadtxt(p('.edges.csv'), delimiter=',', skiprows=2, dtype=np.int64, ndmin=2).reshape(-1, 2)",
            "    z = np.zeros(m.shape, bool); z[e[:, 0], e[:, 1]] = True; got['edges.csv'] = z",
            "    assert sp.load_npz(p('.sparse.npz')).format == 'csr'",
            "    for k, a in got.items():",
            "        assert a.shape == m.shape and (a.astype(bool) == m).all(), (stem, k, a.shape, m.shape)",
            "print('ok')");

    private static final String TORCH_CHECK = String.join("\n",
            "import sys, os, json, struct, numpy as np, torch, torch.nn.utils.prune",
            "d = sys.argv[1]",
            "def st_load(path):",
            "    # the safetensors layout per its spec: u64 LE header size, JSON header, raw little-endian C-order data",
            "    b = open(path, 'rb').read()",
            "    n = struct.unpack('<Q', b[:8])[0]",
            "    h = json.loads(b[8:8 + n])",
            "    dt = {'BOOL': torch.bool, 'F32': torch.float32, 'I64': torch.int64, 'I32': torch.int32, 'U8': torch.uint8}",
            "    out, end = {}, 0",
            "    for k, v in sorted(((k, v) for k, v in h.items() if k != '__metadata__'), key=lambda kv: kv[1]['data_offsets'][0]):",
            "        s, e = v['data_offsets']",
            "        assert s == end, (k, s, end)",
            "        end = e",
            "        t = torch.frombuffer(bytearray(b[8 + n + s:8 + n + e]), dtype=dt[v['dtype']]) if e > s else torch.empty(0, dtype=dt[v['dtype']])",
            "        out[k] = t.reshape(v['shape'])",
            "    assert 8 + n + end == len(b)",
            "    return out, h.get('__metadata__', {})",
            "for stem in sys.argv[2:]:",
            "    m = np.load(os.path.join(d, stem + '.npy'))",
            "    a = st_load(os.path.join(d, stem + '.safetensors'))[0]['weight_mask'].numpy()",
            "    assert a.shape == m.shape and (a.astype(bool) == m).all(), (stem, a.shape, m.shape)",
            "    lin = torch.nn.Linear(m.shape[1], m.shape[0])",
            "    torch.nn.utils.prune.custom_from_mask(lin, 'weight', torch.from_numpy(a))",
            "    assert ((lin.weight != 0).numpy() <= m).all()",
            "t, meta = st_load(os.path.join(d, 'tensors.safetensors'))",
            "assert meta == {'k': 'v'}, meta",
            "assert t['w'].dtype == torch.float32 and t['w'].tolist() == [[1.5, -2.0, 0.25], [0.0, 3.0, -1.0]]",
            "assert t['b'].dtype == torch.bool and t['b'].tolist() == [True, False]",
            "assert t['i'].dtype == torch.int64 and t['i'].tolist() == [-5, 7, 1 << 40]",
            "print('ok')");

    /** Writes each test mask as stem.npy (NumPy's reference) and in {@code extensions}; returns [dir, stems...]. */
    private List<String> writeMasks(List<String> extensions, boolean sparseToo) throws Exception {
        Random rnd = new Random(3);
        List<Mask> masks = List.of(MaskFixtures.p(), MaskFixtures.random(rnd, 40, 60), new Mask(3, 2), Mask.full(1, 9));
        List<String> args = new ArrayList<>(List.of(dir.toString()));
        for (int k = 0; k < masks.size(); k++) {
            Mask m = masks.get(k);
            String stem = "m" + k;
            MaskFormats.write(dir.resolve(stem + ".npy"), m, MaskWriteOptions.defaults());
            for (String ext : extensions) MaskFormats.write(dir.resolve(stem + ext), m, MaskWriteOptions.defaults());
            if (sparseToo) {
                MaskFormats.write(dir.resolve(stem + ".sparse.npz"), m, MaskWriteOptions.defaults().withSparse(true));
                MaskFormats.write(dir.resolve(stem + ".edges.csv"), m, MaskWriteOptions.defaults().withSparse(true));
            }
            args.add(stem);
        }
        return args;
    }

    @Test
    void numpyScipyAndPillowLoadEveryMaskFormatWeWrite() throws Exception {
        Python.assumeModules("numpy", "scipy", "PIL");
        List<String> args = writeMasks(List.of(".npz", ".mtx", ".csv", ".png"), true);
        Python.Result r = Python.script(NUMPY_CHECK, args, 120);
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("ok", r.output());
    }

    @Test
    void torchLoadsOurSafetensorsAndPrunesWithTheMask() throws Exception {
        Python.assumeModules("numpy", "torch");
        List<String> args = writeMasks(List.of(".safetensors"), false);
        Map<String, NpyArray> tensors = new LinkedHashMap<>();
        tensors.put("w", NpyArray.ofFloats(new float[]{1.5f, -2, 0.25f, 0, 3, -1}, 2, 3));
        tensors.put("b", NpyArray.ofBooleans(new boolean[]{true, false}, 2));
        tensors.put("i", NpyArray.ofLongs(new long[]{-5, 7, 1L << 40}, 3));
        Safetensors.write(dir.resolve("tensors.safetensors"), tensors, Map.of("k", "v"));
        Python.Result r = Python.script(TORCH_CHECK, args, 120);
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("ok", r.output());
    }
}
