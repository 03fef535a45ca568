"""Writes the .npy/.npz cases of numpy/lib/tests/test_format.py into a folder and prints NumPy's own verdict on each.

Run by NumpyFormatCasesTest: python3 numpy_format_cases.py OUT_DIR. Writes OUT_DIR/cases.txt, one line per case:
  header NAME ok SHAPE_CSV VALUES_CSV   np.load reads it (shape and C-order values)
  header NAME refused REASON            np.load refuses it
  header NAME structured FIELD          np.load reads a record array (which we refuse on purpose)
  array NAME ok SHAPE_CSV VALUES_CSV    an array as test_format.py's basic_arrays (dtype x byte order x layout)
  mask NAME FILE KEY ROWS COLS CELLS    a 0/1 matrix for the mask readers (KEY '-' for .npy), connections o,i;o,i from np.argwhere
"""
import os
import struct
import sys
import warnings

import numpy as np
from numpy.lib import format

warnings.simplefilter('ignore')
out = sys.argv[1]
rng = np.random.default_rng(8)
report = open(os.path.join(out, 'cases.txt'), 'w')


def emit(*words):
    print(*words, file=report)


def csv(xs):
    return ','.join(xs) if len(xs) else '-'


def values(a):
    return csv([repr(float(v)) for v in np.asarray(a).ravel(order='C')])


def npy(header, data, version=(1, 0), pad=True):
    """A hand-made file the way test_bad_header builds them: magic, length, dict, padding, newline."""
    h = header.encode('latin1')
    if pad:
        prefix = 10 if version == (1, 0) else 12
        h = h + b' ' * ((64 - (prefix + len(h) + 1) % 64) % 64) + b'\n'
    length = struct.pack('<H', len(h)) if version == (1, 0) else struct.pack('<I', len(h))
    return b'\x93NUMPY' + bytes(version) + length + h + data


def verdict(kind, name, path):
    try:
        a = np.load(path)
        if a.dtype.names:
            emit(kind, name, 'structured', a.dtype.names[0])
        else:
            emit(kind, name, 'ok', csv([str(d) for d in a.shape]), values(a))
    except Exception as e:  # noqa: BLE001 - any refusal counts
        emit(kind, name, 'refused', type(e).__name__, str(e)[:60].replace('\n', ' '))


# ---- headers: Python 2 files, test_bad_header, malformed/bad-version magic, huge headers
d6 = np.arange(6, dtype='<f8').tobytes()
f8 = "'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), "
headers = {
    'py2_unicode': npy("{u'descr': u'<f8', u'fortran_order': False, u'shape': (2L, 3L), }", d6),
    'py2_unicode_v2': npy("{u'descr': u'<f8', u'fortran_order': False, u'shape': (2L, 3L), }", d6, (2, 0)),
    'py2_long': npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 3L), }", d6),
    'py2_unicode_bool': npy("{u'descr': u'|b1', u'fortran_order': True, u'shape': (2L, 3L), }", bytes([1, 0, 0, 1, 1, 0])),
    'capital_u': npy("{U'descr': U'<f8', 'fortran_order': False, 'shape': (2, 3)}", d6),
    'double_quotes': npy('{"descr": "<f8", "fortran_order": False, "shape": (2, 3)}', d6),
    'keys_reordered': npy("{'shape': (2, 3), 'descr': '<f8', 'fortran_order': False}", d6),
    'version_3_utf8': npy('{' + f8 + '}', d6, (3, 0)),
    'missing_fortran_order': npy("{'descr': '<f8', 'shape': (2, 3), }", d6),
    'missing_descr_test_bad_header': npy("{'descr': 'x', 'shape': (1, 2), }", b''),
    'extra_key': npy('{' + f8 + "'extrakey': -1, }", d6),
    'bad_descr_x': npy("{'descr': 'x', 'fortran_order': False, 'shape': (2, 3), }", d6),
    'shape_list': npy("{'descr': '<f8', 'fortran_order': False, 'shape': [2, 3], }", d6),
    'shape_int_in_parens': npy("{'descr': '<f8', 'fortran_order': False, 'shape': (6), }", d6),
    'shape_float': npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2.0, 3), }", d6),
    'shape_negative': npy("{'descr': '<f8', 'fortran_order': False, 'shape': (-2, -3), }", d6),
    'fortran_order_int': npy("{'descr': '<f8', 'fortran_order': 0, 'shape': (2, 3), }", d6),
    'bytes_key': npy("{b'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", d6),
    'header_shorter_than_its_length': npy('{' + f8 + '}', b'')[:30],
    'data_one_byte_short': npy('{' + f8 + '}', d6[:-1]),
    'huge_header_v2': npy('{' + f8 + '}' + ' ' * 100000, d6, (2, 0), pad=False),
}
for i, m in enumerate([b'\x92NUMPY\x01\x00', b'\x00NUMPY\x01\x00', b'\x93numpy\x01\x00', b'\x93MATLB\x01\x00',
                       b'\x93NUMPY\x01', b'\x93NUMPY', b'']):
    headers['malformed_magic_%d' % i] = m
for i, m in enumerate([b'\x93NUMPY\x01\x01', b'\x93NUMPY\x00\x00', b'\x93NUMPY\x00\x01', b'\x93NUMPY\x02\x00',
                       b'\x93NUMPY\x02\x02', b'\x93NUMPY\xff\xff']):
    headers['bad_version_%d' % i] = m
for name, b in headers.items():
    p = os.path.join(out, 'h_' + name + '.npy')
    with open(p, 'wb') as f:
        f.write(b)
    verdict('header', name, p)
# test_huge_header: a structured dtype whose header needs format 2.0 and more than np.load's 10000 bytes
p = os.path.join(out, 'h_huge_header_structured.npy')
np.save(p, np.array(1, dtype='i,' * 10000 + 'i'))
verdict('header', 'huge_header_structured', p)
# test_unicode_field_names: format 3.0 (UTF-8 header) for a structured dtype
p = os.path.join(out, 'h_unicode_field_names_v3.npy')
with open(p, 'wb') as f:
    format.write_array(f, np.array([(1, 3), (1, 2)], dtype=[('int', int), ('\u6574\u5f62', int)]), version=(3, 0))
verdict('header', 'unicode_field_names_v3', p)

# ---- basic_arrays of test_format.py, minus complex and object (which we do not read)
for code in ['u1', 'i1', 'u2', 'i2', 'u4', 'i4', 'u8', 'i8', 'f2', 'f4', 'f8', 'b1']:
    for endian in '<>':
        dt = np.dtype(code).newbyteorder(endian)
        basic = np.arange(15).astype(dt)
        arrays = {
            'empty': np.array([], dtype=dt), 'scalar': np.array(10, dtype=dt), 'vector': basic,
            'c_3x5': basic.reshape((3, 5)), 'fortran_5x3': basic.reshape((3, 5)).T,
            'strided': basic.reshape((3, 5))[::-1, ::2], 'empty_2x0': np.zeros((2, 0), dt),
        }
        for layout, a in arrays.items():
            name = '%s%s_%s' % ('be' if endian == '>' else 'le', code, layout)
            p = os.path.join(out, 'a_' + name + '.npy')
            np.save(p, a)
            verdict('array', name, p)
for version in [(1, 0), (2, 0), (3, 0)]:
    name = 'version_%d_%d' % version
    p = os.path.join(out, 'a_' + name + '.npy')
    with open(p, 'wb') as f:
        format.write_array(f, np.arange(12, dtype='>i4').reshape(3, 4), version=version)
    verdict('array', name, p)


# ---- masks: sparse 0/1 matrices through the streaming mask readers, C and Fortran order, every width of element
def mask_line(name, path, key, a):
    cells = ';'.join('%d,%d' % (o, i) for o, i in np.argwhere(a != 0))
    emit('mask', name, os.path.basename(path), key, a.shape[0], a.shape[1], cells)


archive = {}
for code in ['|b1', '|u1', '<i2', '>u4', '<f4', '<f8', '>f8', '<f2']:
    for order in 'CF':
        shape = (37, 300) if order == 'C' else (301, 41)
        a = (rng.random(shape) < 0.03).astype(code)
        a[0, 0] = 1
        a[-1, -1] = 1
        a = np.asfortranarray(a) if order == 'F' else np.ascontiguousarray(a)
        name = 'm_%s_%s' % (code[1:] + ('be' if code[0] == '>' else ''), order)
        p = os.path.join(out, name + '.npy')
        np.save(p, a)
        assert np.load(p).flags.f_contiguous == (order == 'F')
        mask_line(name, p, '-', a)
        archive[name] = a
for compressed in [False, True]:
    p = os.path.join(out, 'masks_%s.npz' % ('compressed' if compressed else 'stored'))
    (np.savez_compressed if compressed else np.savez)(p, **archive)
    for key, a in archive.items():
        mask_line('%s[%s]' % (os.path.basename(p), key), p, key, a)
report.close()
