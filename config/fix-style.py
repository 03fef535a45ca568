#!/usr/bin/env python3
"""Fix the import style that config/checkstyle.xml checks, in place.

    python3 config/fix-style.py src            # fix every .java file under src, print what changed
    python3 config/fix-style.py --check src    # change nothing, exit 1 if something would change

Per file it only ever touches two things:
- the import block: sorted into the checked groups (other imports, then java.* and javax.*, then static
  imports; each group sorted as checkstyle's CustomImportOrder sorts; one blank line between groups),
  exact duplicates dropped, `import static org.junit.jupiter.api.Assertions.*` (and Assumptions) expanded
  to the members the file calls;
- inline fully-qualified names in code (`java.util.Arrays.fill(...)`, `new javafx.scene.control.Label()`):
  replaced by the simple name plus an import, unless the simple name could then mean something else (another
  import, a type declared in the file or in its package, the bare name already used in the file). Those are
  left as they are and reported: import one of them, or keep the FQN and end the line with `// fqn: <why>`.
Comments, strings, char literals and text blocks are never changed. Running it twice changes nothing the
second time. Standard library only.
"""
import os
import re
import sys

# Top-level packages whose qualified names count as "inline FQNs"; the same list is in config/checkstyle.xml.
TOP_LEVEL = ('java', 'javax', 'javafx', 'jdk', 'org', 'com', 'io', 'net')

# Static members of the classes whose `import static X.*` is expanded (JUnit 5.14/6.x public static methods).
STATIC_MEMBERS = {
    'org.junit.jupiter.api.Assertions': set(
        'assertAll assertArrayEquals assertDoesNotThrow assertEquals assertFalse assertInstanceOf '
        'assertIterableEquals assertLinesMatch assertNotEquals assertNotNull assertNotSame assertNull assertSame '
        'assertThrows assertThrowsExactly assertTimeout assertTimeoutPreemptively assertTrue fail'.split()),
    'org.junit.jupiter.api.Assumptions': set('abort assumeFalse assumeTrue assumingThat'.split()),
}

IMPORT_RE = re.compile(r'^\s*import\s+(static\s+)?([\w$]+(?:\s*\.\s*[\w$]+)*(?:\s*\.\s*\*)?)\s*;\s*$')
PACKAGE_RE = re.compile(r'^\s*package\s+([\w.]+)\s*;')
IDENT_RE = re.compile(r'[A-Za-z_$][\w$]*')
# java.util.Arrays / javafx.scene.control.Label: lower-case package segments, then the class.
FQN_RE = re.compile(r'(?<![\w$.])((?:%s)(?:\s*\.\s*[a-z_][\w$]*)+)\s*\.\s*([A-Z][\w$]*)' % '|'.join(TOP_LEVEL))
FQN_OK_RE = re.compile(r'//\s*fqn:\s*\S')
DECLARED_RE = re.compile(r'(?<![\w$])(?:class|interface|enum|record)\s+([A-Za-z_$][\w$]*)')


def mask(text):
    """The text with comments, strings, char literals and text blocks blanked (same length, newlines kept)."""
    out = list(text)
    i, n = 0, len(text)

    def blank(a, b):
        for k in range(a, min(b, n)):
            if out[k] != '\n':
                out[k] = ' '

    while i < n:
        c = text[i]
        if text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            blank(i, j)
            i = j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            blank(i, j)
            i = j
        elif text.startswith('"""', i):
            j = i + 3
            while j < n and not text.startswith('"""', j):
                j += 2 if text[j] == '\\' else 1
            j = min(n, j + 3)
            blank(i, j)
            i = j
        elif c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c and text[j] != '\n':
                j += 2 if text[j] == '\\' else 1
            j = min(n, j + 1)
            blank(i, j)
            i = j
        else:
            i += 1
    return ''.join(out)


def sort_key(name):
    # CustomImportOrder compares the dot-separated parts one by one (String.compareTo), a prefix first.
    return name.split('.')


def group_of(is_static, name):
    if is_static:
        return 2
    if name.startswith('java.') or name.startswith('javax.'):
        return 1
    return 0


def simple_name(name):
    return name.rsplit('.', 1)[-1]


class Header:
    """Where the import block is: lines [start, end) of the file, and the imports in it."""

    def __init__(self, lines, masked_lines):
        self.package = None
        self.package_line = None
        self.start = self.end = None
        self.imports = []          # (is_static, name)
        self.problem = None
        for k, m in enumerate(masked_lines):
            if not m.strip():
                continue
            p = PACKAGE_RE.match(m)
            if p and self.package is None and self.start is None:
                self.package, self.package_line = p.group(1), k
                continue
            im = IMPORT_RE.match(m)
            if im:
                if self.start is None:
                    self.start = k
                self.end = k + 1
                if m.strip() != lines[k].strip():
                    self.problem = 'a comment on an import line'
                name = re.sub(r'\s+', '', im.group(2))
                self.imports.append((bool(im.group(1)), name))
                continue
            if re.match(r'\s*import\s', m):
                self.problem = 'an import split over lines'
            break  # the first declaration (or annotation) ends the header
        if self.start is not None:
            for k in range(self.start, self.end):
                if not IMPORT_RE.match(masked_lines[k]) and lines[k].strip():
                    self.problem = 'a comment between imports'


def code_after(masked, lines, header):
    """Offset where code after the header starts."""
    last = header.end if header.end is not None else (header.package_line + 1 if header.package_line is not None else 0)
    return sum(len(l) + 1 for l in lines[:last])


def fix_fqns(path, text, header, lines, same_package_types, report):
    masked = mask(text)
    body_start = code_after(masked, lines, header)
    body = masked[body_start:]
    imported = {}  # simple name -> set of full names (non-static)
    for is_static, name in header.imports:
        if not is_static and not name.endswith('*'):
            imported.setdefault(simple_name(name), set()).add(name)
    declared = set(DECLARED_RE.findall(body))
    hits = []
    for m in FQN_RE.finditer(body):
        line_start = text.rfind('\n', 0, body_start + m.start()) + 1
        line_end = text.find('\n', body_start + m.start())
        if FQN_OK_RE.search(text[line_start:line_end if line_end >= 0 else len(text)]):
            continue  # kept on purpose (the line says why); checkstyle skips it too
        if re.match(r'\s*(import|package)\s', masked[line_start:]):
            continue  # an import or package line the header did not take in (split over lines)
        pkg = re.sub(r'\s+', '', m.group(1))
        hits.append((body_start + m.start(), body_start + m.end(), pkg, m.group(2)))
    if not hits:
        return text, []
    qualified = set()
    for a, b, _, _ in hits:
        qualified.update(range(a, b))
    bare = set()
    for m in IDENT_RE.finditer(body):
        pos = body_start + m.start()
        if pos in qualified:
            continue
        k = m.start() - 1
        while k >= 0 and body[k] in ' \t\n':
            k -= 1
        if k >= 0 and body[k] == '.' and not body.startswith('...', k - 2):
            continue
        bare.add(m.group(0))
    by_name = {}
    for a, b, pkg, cls in hits:
        by_name.setdefault(cls, set()).add(pkg)
    own = header.package
    replace, new_imports, left = [], set(), []
    for a, b, pkg, cls in hits:
        full = pkg + '.' + cls
        line_no = text.count('\n', 0, a) + 1
        why = None
        if len(by_name[cls]) > 1:
            why = 'also used as ' + ', '.join(sorted(p + '.' + cls for p in by_name[cls] if p != pkg))
        elif cls in declared:
            why = 'a type named %s is declared in this file' % cls
        elif cls in imported and imported[cls] != {full}:
            why = 'imports ' + ', '.join(sorted(imported[cls]))
        elif pkg != own and cls in same_package_types and cls not in imported:
            why = 'the package has its own %s' % cls
        elif cls in bare and full not in imported.get(cls, ()) and pkg != own and not (
                pkg == 'java.lang' and cls not in same_package_types):
            why = 'the bare name %s already means something in this file' % cls
        if why:
            left.append('%s:%d: %s left as is (%s)' % (path, line_no, full, why))
            continue
        replace.append((a, b, cls))
        if pkg != own and pkg != "java.lang" and full not in imported.get(cls, ()):
            new_imports.add(full)
    for a, b, cls in sorted(replace, reverse=True):
        text = text[:a] + cls + text[b:]
    for line in left:
        report.append(line)
    changes = ['%d inline FQN(s) -> imports' % len(replace)] if replace else []
    return text, (changes, new_imports)


def rebuild_imports(text, extra_imports, path, report):
    lines = text.split('\n')
    masked_lines = mask(text).split('\n')
    header = Header(lines, masked_lines)
    if header.problem:
        report.append('%s: import block not rewritten (%s)' % (path, header.problem))
        return text, []
    imports = list(header.imports) + [(False, n) for n in sorted(extra_imports)]
    if not imports:
        return text, []
    changes = []
    code = '\n'.join(masked_lines[header.end if header.end is not None else 0:])
    called = set(re.findall(r'(?<![\w$.])([A-Za-z_$][\w$]*)\s*\(', code))
    expanded = []
    for is_static, name in imports:
        owner = name[:-2] if name.endswith('.*') else None
        if is_static and owner in STATIC_MEMBERS:
            used = sorted(STATIC_MEMBERS[owner] & called)
            expanded.extend((True, owner + '.' + member) for member in used)
            changes.append('import static %s.* -> %d member(s)' % (owner, len(used)))
        else:
            if name.endswith('.*'):
                report.append('%s: import %s%s left as is (unknown members)' % (path, 'static ' if is_static else '', name))
            expanded.append((is_static, name))
    seen, unique = set(), []
    for item in expanded:
        if item not in seen:
            seen.add(item)
            unique.append(item)
    if len(unique) < len(expanded):
        changes.append('%d duplicate import(s) dropped' % (len(expanded) - len(unique)))
    groups = [[], [], []]
    for is_static, name in unique:
        groups[group_of(is_static, name)].append((is_static, name))
    block = []
    for g in groups:
        if not g:
            continue
        if block:
            block.append('')
        for is_static, name in sorted(g, key=lambda i: sort_key(i[1])):
            block.append('import %s%s;' % ('static ' if is_static else '', name))
    if header.start is not None:
        old = lines[header.start:header.end]
        if old == block:
            return text, changes
        new_lines = lines[:header.start] + block + lines[header.end:]
    else:
        at = header.package_line + 1 if header.package_line is not None else 0
        after = [''] if at < len(lines) and lines[at].strip() else []
        before = [''] if at > 0 else []
        new_lines = lines[:at] + before + block + after + lines[at:]
    if not changes:
        changes.append('import block re-sorted')
    return '\n'.join(new_lines), changes


def fix_file(path, same_package_types, report):
    with open(path, encoding='utf-8', newline='') as f:
        original = f.read()
    if '\r' in original:
        report.append('%s: skipped (CRLF line ends)' % path)
        return []
    if re.search(r'^(<<<<<<<|>>>>>>>) ', original, re.M):
        report.append('%s: skipped (merge conflict markers)' % path)
        return []
    lines = original.split('\n')
    header = Header(lines, mask(original).split('\n'))
    if header.problem:
        report.append('%s: skipped (%s)' % (path, header.problem))
        return []
    text, fqn = fix_fqns(path, original, header, lines, same_package_types, report)
    changes, new_imports = fqn if fqn else ([], set())
    text, import_changes = rebuild_imports(text, new_imports, path, report)
    if text == original:
        return []
    return changes + [c for c in import_changes if c not in changes], text


def java_files(paths):
    for p in paths:
        if os.path.isfile(p):
            yield p
            continue
        for root, dirs, files in os.walk(p):
            dirs.sort()
            for name in sorted(files):
                if name.endswith('.java') and name != 'module-info.java':
                    yield os.path.join(root, name)


def main(argv):
    check = '--check' in argv
    paths = [a for a in argv if a != '--check'] or ['src']
    report, changed = [], 0
    files = list(java_files(paths))
    # Simple names of the top-level types beside each file (its package, as far as this source tree shows).
    by_dir = {}
    for p in files:
        by_dir.setdefault(os.path.dirname(p), set()).add(os.path.basename(p)[:-5])
    for p in files:
        result = fix_file(p, by_dir[os.path.dirname(p)] - {os.path.basename(p)[:-5]}, report)
        if not result:
            continue
        changes, text = result
        changed += 1
        print('%s: %s' % (p, '; '.join(changes) or 'import block re-sorted'))
        if not check:
            with open(p, 'w', encoding='utf-8', newline='') as f:
                f.write(text)
    for line in report:
        print('left: ' + line)
    verb = 'would change' if check else 'changed'
    print('%d of %d file(s) %s, %d left for a person' % (changed, len(files), verb, len(report)))
    return 1 if check and changed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
