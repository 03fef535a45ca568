#!/usr/bin/python3
"""Writes .safetensors files from the format's specification alone (json and struct; not the safetensors package,
which is not on Debian), so the Java reader is checked against an implementation other than its own writer.

    /usr/bin/python3 write_safetensors.py OUT_DIR

Layout (https://github.com/huggingface/safetensors, README "Format"): an unsigned 64-bit little-endian header
size N, N bytes of UTF-8 JSON mapping each tensor name to {"dtype", "shape", "data_offsets": [begin, end]} (offsets
relative to the end of the header) plus an optional "__metadata__" object of strings, the header padded with spaces
to a multiple of 8, then the little-endian C-order tensor bytes back to back. Bad files copy the cases of
safetensors/src/tensor.rs's tests.

Writes OUT_DIR/manifest.json: for every good file its metadata and, per tensor, dtype, shape and the values the
bytes mean (floats as repr strings, so -0.0, inf and nan survive JSON); for every bad file what is wrong with it.
"""
import json
import os
import struct
import sys

out = sys.argv[1]
manifest = {"good": {}, "bad": {}}


def bf16(x):
    """BF16 is the upper half of a float32; the values below are chosen so that truncating is exact."""
    hi = struct.pack("<f", x)[2:]
    back = struct.unpack("<f", b"\0\0" + hi)[0]
    assert back == x or (x != x and back != back), (x, back)
    return hi


PACK = {  # dtype: (bytes per element, element -> little-endian bytes)
    "BOOL": (1, lambda v: struct.pack("<?", v)),
    "U8": (1, lambda v: struct.pack("<B", v)),
    "I8": (1, lambda v: struct.pack("<b", v)),
    "U16": (2, lambda v: struct.pack("<H", v)),
    "I16": (2, lambda v: struct.pack("<h", v)),
    "U32": (4, lambda v: struct.pack("<I", v)),
    "I32": (4, lambda v: struct.pack("<i", v)),
    "U64": (8, lambda v: struct.pack("<Q", v)),
    "I64": (8, lambda v: struct.pack("<q", v)),
    "F16": (2, lambda v: struct.pack("<e", v)),
    "BF16": (2, bf16),
    "F32": (4, lambda v: struct.pack("<f", v)),
    "F64": (8, lambda v: struct.pack("<d", v)),
}
UNPACK = {"F16": "<e", "F32": "<f", "F64": "<d"}
INF, NAN = float("inf"), float("nan")


def as_written(dtype, raw):
    """The values the stored bytes mean, decoded back with struct (BF16: as the float32 it is the top half of)."""
    size = PACK[dtype][0]
    vals = []
    for k in range(0, len(raw), size):
        b = raw[k:k + size]
        if dtype == "BF16":
            vals.append(repr(struct.unpack("<f", b"\0\0" + b)[0]))
        elif dtype in UNPACK:
            vals.append(repr(struct.unpack(UNPACK[dtype], b)[0]))
        elif dtype == "BOOL":
            vals.append(int(b[0] != 0))
        else:
            vals.append(int.from_bytes(b, "little", signed=dtype.startswith("I")))
    return vals


def header_bytes(header, pad=b" ", align=8):
    h = json.dumps(header).encode("utf-8")
    if align:
        h += pad * ((align - len(h) % align) % align)
    return h


def write(name, raw):
    with open(os.path.join(out, name), "wb") as f:
        f.write(raw)


def good(name, tensors, metadata=None, order=None, pad=b" ", align=8, extra_pad=b""):
    """tensors: [(name, dtype, shape, values)] in data order; order: the key order of the JSON header."""
    header, data, entry = {}, b"", {}
    if metadata is not None:
        header["__metadata__"] = metadata
    placed = {}
    for key, dtype, shape, values in tensors:
        n = 1
        for d in shape:
            n *= d
        assert n == len(values), (key, shape, len(values))
        raw = b"".join(PACK[dtype][1](v) for v in values)
        placed[key] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
        entry[key] = {"dtype": dtype, "shape": shape, "values": as_written(dtype, raw)}
        data += raw
    for key in (order or [t[0] for t in tensors]):
        header[key] = placed[key]
    h = header_bytes(header, pad, align) + extra_pad
    write(name, struct.pack("<Q", len(h)) + h + data)
    manifest["good"][name] = {"metadata": metadata or {}, "tensors": entry}


def bad(name, raw, what):
    write(name, raw)
    manifest["bad"][name] = what


# every dtype, with its extremes: subnormals, infinities, NaN, -0.0, the int64 and uint64 ends
ALL = [
    ("bool", "BOOL", [3], [True, False, True]),
    ("u8", "U8", [3], [0, 1, 255]),
    ("i8", "I8", [3], [-128, 0, 127]),
    ("u16", "U16", [2], [0, 65535]),
    ("i16", "I16", [3, 1], [-32768, 1, 32767]),
    ("u32", "U32", [2], [2**32 - 1, 0]),
    ("i32", "I32", [2, 2], [-2**31, 2**31 - 1, 7, -1]),
    ("u64", "U64", [2], [2**64 - 1, 2**63]),
    ("i64", "I64", [2, 3], [-2**63, 2**63 - 1, 0, 1, -1, 2**53 + 1]),
    # F16: max, smallest normal 2^-14, smallest subnormal 2^-24, a subnormal 3 * 2^-24
    ("f16", "F16", [11], [0.0, -0.0, 1.0, -2.5, 65504.0, 2.0**-14, 2.0**-24, 3 * 2.0**-24, INF, -INF, NAN]),
    # BF16: pi to 8 bits, the largest finite (0x7f7f), the smallest subnormal (0x0001) and smallest normal
    ("bf16", "BF16", [2, 5], [1.0, -2.0, 3.140625, 3.3895313892515355e38, 2.0**-133,
                              2.0**-126, -0.0, INF, -INF, NAN]),
    ("f32", "F32", [6], [1.5, -0.0, 3.4028234663852886e38, 2.0**-149, INF, NAN]),
    ("f64", "F64", [6], [3.141592653589793, -1e308, 5e-324, INF, -INF, NAN]),
    ("scalar", "F32", [], [42.0]),
    ("empty", "I32", [2, 0], []),
    ("cube", "U8", [2, 3, 4], list(range(24))),
]
# the header lists the tensors in reverse data order: readers must go by data_offsets, not by key order
good("all_dtypes.safetensors", ALL, metadata={"format": "pt", "note": "written by write_safetensors.py, \u00fc"},
     order=[t[0] for t in reversed(ALL)])

# a header padded with JSON whitespace of every kind and left unaligned (tensor.rs: test_whitespace_padded_header)
good("padded_unaligned.safetensors", [("w", "F32", [2], [0.25, -4.0])], align=0, extra_pad=b" \r\n\t   ")
good("no_tensors.safetensors", [], metadata={"framework": "pt"})

# the mask fixture P of make_mask_fixtures.py as the dtypes PyTorch checkpoints hold: 1.0 = connected
P = [[1.0 if (3 * i + j) % 4 == 0 or (i == 4 and j == 6) else 0.0 for j in range(7)] for i in range(5)]
flat = [v for row in P for v in row]
good("mask_bf16.safetensors", [("fc1.weight_mask", "BF16", [5, 7], flat)], metadata={"format": "pt"})
good("mask_f16.safetensors", [("fc1.weight_mask", "F16", [5, 7], flat)])
good("mask_i64.safetensors", [("fc1.weight_mask", "I64", [5, 7], [int(v) for v in flat])])


def raw_file(header_obj_or_bytes, data, n=None):
    h = header_obj_or_bytes if isinstance(header_obj_or_bytes, bytes) else header_bytes(header_obj_or_bytes)
    return struct.pack("<Q", len(h) if n is None else n) + h + data


I32_2x2 = {"dtype": "I32", "shape": [2, 2], "data_offsets": [0, 16]}
bad("invalid_json.safetensors", raw_file(b'{"test":{"dtype":"I32",', b"\0" * 16), "invalid JSON (test_invalid_header_not_json)")
bad("not_utf8.safetensors", raw_file(b'{"\xff":1}', b""), "header not UTF-8 (test_invalid_header_non_utf8)")
bad("not_an_object.safetensors", raw_file(b"[1, 2]  ", b""), "header is a JSON array")
bad("unknown_dtype.safetensors", raw_file({"test": dict(I32_2x2, dtype="Q7")}, b"\0" * 16), "dtype Q7 does not exist")
bad("fp8_dtype.safetensors", raw_file({"test": {"dtype": "F8_E4M3", "shape": [4], "data_offsets": [0, 4]}}, b"\0" * 4),
    "F8_E4M3 exists but is not supported")
bad("offsets_beyond_data.safetensors", raw_file({"a": I32_2x2, "b": dict(I32_2x2, data_offsets=[16, 32])}, b"\0" * 16),
    "offsets out of range: b ends at 32 in 16 data bytes")
bad("offsets_negative.safetensors", raw_file({"a": dict(I32_2x2, data_offsets=[-16, 0])}, b"\0" * 16), "a negative offset")
bad("offsets_huge.safetensors", raw_file({"a": dict(I32_2x2, data_offsets=[2**64, 2**64 + 16])}, b"\0" * 16),
    "offsets beyond 64 bits")
bad("offsets_reversed.safetensors", raw_file({"a": dict(I32_2x2, data_offsets=[16, 0])}, b"\0" * 16), "end before begin")
# tensor.rs test_json_attack: ten tensors claim the same 16 bytes
bad("overlapping.safetensors", raw_file({"weight_%d" % i: {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16]}
                                          for i in range(10)}, b"\0" * 16), "overlapping offsets (test_json_attack)")
bad("gap.safetensors", raw_file({"a": I32_2x2, "b": dict(I32_2x2, data_offsets=[20, 36])}, b"\0" * 36),
    "4 bytes between a and b")
# tensor.rs test_invalid_info: shape [2, 2] of I32 needs 16 bytes, the offsets give 4
bad("size_mismatch.safetensors", raw_file({"test": dict(I32_2x2, data_offsets=[0, 4])}, b"\0" * 4),
    "data size does not match shape * dtype (test_invalid_info)")
bad("shape_overflow.safetensors", raw_file({"test": dict(I32_2x2, shape=[2, 18446744073709551614])}, b"\0" * 16),
    "a dimension beyond any size (test_validation_overflow)")
bad("header_beyond_file.safetensors", raw_file({"test": I32_2x2}, b"\0" * 16, n=len(header_bytes({"test": I32_2x2})) + 17),
    "header length beyond the file (test_invalid_header_length)")
bad("header_too_large.safetensors", b"<\0\0\0\0\xff\xff\xff" + header_bytes({"test": I32_2x2}) + b"\0" * 16,
    "header length of 2^64 - 2^40 + 60 (test_header_too_large)")
bad("too_small.safetensors", b"\x01\0\0", "no 8-byte length (test_header_too_small)")
bad("extra_data.safetensors", raw_file({"test": I32_2x2}, b"\0" * 16 + b"extra_bogus_data_for_polyglot_file"),
    "bytes after the last tensor (test_metadata_incomplete_buffer)")
bad("missing_data.safetensors", raw_file({"test": I32_2x2}, b"\0" * 14), "2 data bytes missing (test_metadata_incomplete_buffer)")
bad("metadata_not_strings.safetensors", raw_file({"__metadata__": {"epochs": 3}}, b""), "metadata values must be strings")

with open(os.path.join(out, "manifest.json"), "w") as f:
    json.dump(manifest, f, indent=1)
print(len(manifest["good"]), "good and", len(manifest["bad"]), "bad files written to", out)
