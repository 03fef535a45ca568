#!/usr/bin/python3
"""Writes the NumPy fixtures the Java tests read, so JUnit never needs Python.

Run from anywhere with a Python that has NumPy:  /usr/bin/python3 make_fixtures.py
The patterns are repeated in NpyFixturesTest.java: keep them in sync.
  mask pattern   m[i, j] = (i + 2*j) % 3 == 0           shape (3, 4)
  value pattern  v[i, j] = 10*i + j - 5                 shape (3, 4)
"""
import os
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
os.chdir(here)

i, j = np.indices((3, 4))
mask = (i + 2 * j) % 3 == 0
vals = 10 * i + j - 5

np.save("bool_3x4.npy", mask)
np.save("u1_3x4.npy", mask.astype(np.uint8))
np.save("i1_3x4.npy", vals.astype(np.int8))
np.save("i2_be_3x4.npy", vals.astype(">i2"))
np.save("i4_3x4.npy", vals.astype("<i4"))
np.save("i8_be_3x4.npy", vals.astype(">i8"))
np.save("f2_3x4.npy", (vals / 4).astype(np.float16))
np.save("f4_3x4.npy", vals.astype(np.float32) + 0.5)
np.save("f4_fortran_3x4.npy", np.asfortranarray(vals.astype(np.float32) + 0.5))
np.save("f8_be_3x4.npy", (vals + 0.25).astype(">f8"))
np.save("f8_be_fortran_3x4.npy", np.asfortranarray((vals + 0.25).astype(">f8")))
np.save("i2_be_fortran_2x3x4.npy", np.asfortranarray(np.arange(24).reshape(2, 3, 4).astype(">i2")))
np.save("bool_fortran_3x4.npy", np.asfortranarray(mask))
np.save("u1_2x3x4.npy", np.ones((2, 3, 4), dtype=np.uint8))
np.save("scalar_f8.npy", np.float64(2.5))
np.save("empty_0x3_f4.npy", np.zeros((0, 3), dtype=np.float32))
np.save("str_u5.npy", np.array(["hello", "world"]))
np.save("object.npy", np.array([1, "a", None], dtype=object), allow_pickle=True)
np.save("structured.npy", np.zeros(2, dtype=[("a", "<i4"), ("b", "<f8")]))
np.save("f4_nonbinary_3x4.npy", np.array([[0, 1, 0.5, -0.75], [0.1, -0.1, 2, 0], [1, 1, 0, -3]], dtype=np.float32))
np.save("f4_nan_3x4.npy", np.array([[0, 1, 0, 1], [1, np.nan, 0, 0], [0, 0, 0, 1]], dtype=np.float32))
with open("f4_v2_3x4.npy", "wb") as f:
    np.lib.format.write_array(f, vals.astype(np.float32) + 0.5, version=(2, 0))
with open("f4_v3_3x4.npy", "wb") as f:
    np.lib.format.write_array(f, vals.astype(np.float32) + 0.5, version=(3, 0))

np.savez_compressed("one_mask_compressed.npz", bias=np.zeros(3, dtype=np.float32), fc1_mask=mask)
np.savez("two_masks_stored.npz", a=mask, b=~mask)
np.savez_compressed("state_dict_compressed.npz", **{
    "fc1.weight": vals.astype(np.float32),
    "fc1.weight_mask": mask,
    "fc1.bias": np.zeros(3, dtype=np.float32),
    "fc2.weight_mask": np.ones((2, 3), dtype=bool),
})
print("fixtures written to", here)
