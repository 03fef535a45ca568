#!/usr/bin/python3
"""Writes the mask fixtures the Java tests read (MaskFormatsFixturesTest), so JUnit never needs Python.

Run with Debian's Python (NumPy, SciPy, Pillow):  /usr/bin/python3 make_mask_fixtures.py
The patterns are repeated in MaskFixtures.java: keep them in sync.
  P[i, j] = (3*i + j) % 4 == 0 or i == 4 and j == 6        shape (5, 7)   [out_features, in_features]
  S = P[:4, :4] | P[:4, :4].T, plus S[0, 2] = S[2, 0] = True  shape (4, 4)   symmetric (SciPy writes it as 'symmetric')
"""
import os
import numpy as np
import scipy.io as sio
import scipy.sparse as sp
from PIL import Image

here = os.path.dirname(os.path.abspath(__file__))
os.chdir(here)

i, j = np.indices((5, 7))
P = ((3 * i + j) % 4 == 0) | ((i == 4) & (j == 6))
S = P[:4, :4] | P[:4, :4].T
S[0, 2] = S[2, 0] = True

# SciPy sparse .npz in each layout and dtype
sp.save_npz("p_csr_bool.npz", sp.csr_matrix(P))
sp.save_npz("p_csc_f8.npz", sp.csc_matrix(P.astype(np.float64)))
sp.save_npz("p_coo_i4_stored.npz", sp.coo_matrix(P.astype(np.int32)), compressed=False)
z = sp.csr_matrix(P.astype(np.float32))
z.data[0] = 0.0  # an explicitly stored zero is not a connection
sp.save_npz("p_csr_explicit_zero.npz", z)
np.save("p_csr_explicit_zero_expected.npy", z.toarray() != 0)
sp.save_npz("p_bsr.npz", sp.bsr_matrix(P.astype(np.float64)))

# Matrix Market
sio.mmwrite("p_pattern.mtx", sp.coo_matrix(P), field="pattern")
sio.mmwrite("p_real.mtx", sp.coo_matrix(P.astype(np.float64)))
sio.mmwrite("p_integer.mtx", sp.coo_matrix(P.astype(np.int64)))
sio.mmwrite("p_array.mtx", P.astype(np.float64))
sio.mmwrite("s_symmetric.mtx", sp.coo_matrix(S.astype(np.float64)))
sio.mmwrite("s_array_symmetric.mtx", S.astype(np.float64))

# CSV: integers, NumPy's default float format, and an edge list with a header
np.savetxt("p_int.csv", P, fmt="%d", delimiter=",")
np.savetxt("p_float.csv", P.astype(np.float64), delimiter=",")
np.savetxt("p_edges.csv", np.argwhere(P), fmt="%d", delimiter=",", header="out,in", comments="")

# PNG: dark = connected, in every mode a paint program might save
black_on_white = np.where(P, 0, 255).astype(np.uint8)
Image.fromarray(black_on_white, "L").save("p_gray.png")
Image.fromarray(black_on_white, "L").convert("RGB").save("p_rgb.png")
Image.fromarray(~P).convert("1").save("p_1bit.png")
Image.fromarray(black_on_white, "L").convert("P").save("p_palette.png")
Image.fromarray(black_on_white.astype(np.uint16) * 257).convert("I;16").save("p_gray16.png")
rgba = np.zeros((5, 7, 4), np.uint8)
rgba[P] = (0, 0, 0, 255)            # opaque black: connected
rgba[~P] = (255, 0, 0, 0)           # fully transparent (whatever the colour): not connected
Image.fromarray(rgba, "RGBA").save("p_rgba.png")
grey = np.where(P, 40, 220).astype(np.uint8)  # anti-aliased look: needs a threshold
Image.fromarray(grey, "L").save("p_grey_needs_threshold.png")
print("fixtures written to", here)
