"""Looking into an xlsx package's XML where calamine's reading has to be matched.

Responsible for: finding every zip member calamine may load for each sheet (so each can
be bounded before calamine parses it), and finding the formula cells that have no
stored value (the program that wrote the file did not compute formulas).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from functools import lru_cache

from ao_desktop.documents.sheets.sheet_grid_checks import column_index
from ao_desktop.documents.sheets.sheet_safety import corrupt

_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_ATTRIBUTE = re.compile(rb"""([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ENTITY = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _tags(xml: bytes, local: bytes) -> Iterator[list[tuple[bytes, bytes]]]:
    """The raw (name, value) attributes of each `local` element, in document order."""
    pattern = rb"<(?:[\w.-]+:)?" + local + rb"(\s[^>]*)?>"
    for tag in re.finditer(pattern, _COMMENT.sub(b"", xml)):
        attributes = _ATTRIBUTE.findall(tag.group(1) or b"")
        yield [(key, double or single) for key, double, single in attributes]


def _unescape(raw: bytes) -> str:
    def one(m: re.Match[str]) -> str:
        code = m.group(1)
        if code[0] != "#":
            return _NAMED[code]
        return chr(int(code[2:], 16) if code[1] == "x" else int(code[1:]))

    return _ENTITY.sub(one, raw.decode("utf-8", "replace"))


def xlsx_sheet_parts(name: str, zf: zipfile.ZipFile) -> dict[str, list[str]]:
    """Sheet name -> every zip member calamine may load for it.

    Mirrors calamine rather than the standard, or calamine would read a part this module
    never bounded: the last relationship with an Id wins, its Target is taken raw, `r:id`
    goes by its literal prefix, a repeated sheet name means the first sheet, and members
    are matched ignoring ASCII case and backslashes. calamine 0.37 puts "xl/" before any
    Target without a leading "/"; its newer source keeps an "xl/" Target as it is: both
    readings are bounded.
    """
    try:
        book, rels = zf.read("xl/workbook.xml"), zf.read("xl/_rels/workbook.xml.rels")
    except Exception:
        corrupt(name)
    targets: dict[bytes, str] = {}
    for attributes in _tags(rels, b"Relationship"):
        found = dict(attributes)
        targets[found.get(b"Id", b"")] = found.get(b"Target", b"").decode("utf-8", "replace")
    members: dict[str, set[str]] = {}
    for info in zf.infolist():
        for key in (info.filename, _fold(info.filename.replace("\\", "/"))):
            members.setdefault(key, set()).add(info.filename)
    parts: dict[str, list[str]] = {}
    for attributes in _tags(book, b"sheet"):
        sheet, target = "", None
        for key, value in attributes:
            if key == b"name":
                sheet = _unescape(value)
            elif key in (b"r:id", b"relationships:id"):
                target = targets.get(value)
        if target is None or sheet in parts:
            continue
        paths = {target[1:] if target.startswith("/") else f"xl/{target}"}
        if target.startswith("xl/"):
            paths.add(target)
        found = set().union(*(members.get(p, set()) | members.get(_fold(p), set()) for p in paths))
        parts[sheet] = sorted(found)
    return parts


def _fold(text: str) -> str:
    """Lower case for ASCII letters only, as Rust's eq_ignore_ascii_case compares."""
    return text.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


_REF_ATTR = re.compile(rb"""\sr\s*=\s*["']([A-Za-z]+)(\d+)["']""")


@lru_cache(maxsize=8)
def _blank_formula_patterns(prefix: bytes) -> tuple[re.Pattern[bytes], ...]:
    """A formula's end, then at most an empty value, then the cell's end: no stored value.

    One pattern per way a formula ends (`</f>`, or `<f .../>` for a shared formula), each
    starting with a literal so the scan runs at memory speed.
    """
    p = re.escape(prefix)
    # An empty stored value (<v/>, <v></v>, with attributes or not) is no value either,
    # whatever the cell's type: openpyxl and some generators write it for a formula they
    # never computed, and reading it as "" would import the field blank.
    v_attrs = rb"(?:\s[^>]{0,64})?"
    tail = (
        rb"\s{0,64}(<" + p + rb"v" + v_attrs + rb"/>|<" + p + rb"v" + v_attrs + rb"></" + p
        + rb"v>)?\s{0,64}</" + p + rb"c>"
    )
    return (
        re.compile(rb"</" + p + rb"f>" + tail),
        re.compile(rb"<" + p + rb"f(?:\s[^>]{0,256})?/>" + tail),
    )


def formula_blanks(buf: bytes, prefix: bytes) -> Iterator[tuple[int, int]]:
    """(row, col), 0-based, of formula cells in `buf` that carry no stored value."""
    if b"<" + prefix + b"f" not in buf:
        return
    c_open = b"<" + prefix + b"c "
    for pattern in _blank_formula_patterns(prefix):
        done = 0  # cells do not nest: each search looks back only to the previous match
        for m in pattern.finditer(buf):
            start, done = buf.rfind(c_open, done, m.start()), m.end()
            tag = buf[start : buf.find(b">", start, m.start())] if start >= 0 else b""
            ref = _REF_ATTR.search(tag)
            if ref:
                yield int(ref.group(2)) - 1, column_index(ref.group(1)) - 1


@lru_cache(maxsize=8)
def _error_cell_pattern(prefix: bytes) -> re.Pattern[bytes]:
    p = re.escape(prefix)
    return re.compile(rb"<" + p + rb"c\s[^>]{0,512}?\st\s*=\s*[\"']e[\"'][^>]{0,512}>")


def error_cells(buf: bytes, prefix: bytes) -> Iterator[tuple[int, int]]:
    """(row, col), 0-based, of cells holding an Excel error (#N/A, #DIV/0!, #REF!, ...):
    python-calamine hands them back as empty cells, which would hide the damage."""
    if b'"e"' not in buf and b"'e'" not in buf:  # the usual sheet: no error cell at all
        return
    for m in _error_cell_pattern(prefix).finditer(buf):
        ref = _REF_ATTR.search(m.group(0))
        if ref:
            yield int(ref.group(2)) - 1, column_index(ref.group(1)) - 1

