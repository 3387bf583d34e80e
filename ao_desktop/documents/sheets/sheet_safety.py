"""Checks on a spreadsheet file's raw bytes before any parser sees them.

Responsible for: loading the file within a size limit, telling the format by its content
(magic bytes), refusing what is not a workbook (PDF, image, Word, text named .xlsx),
password-protected files, corrupt zips, zip bombs and XML with a DOCTYPE; and the
`SheetReadError` and the refusal messages the other sheet checks share. The checks on
sheets too large for memory live in `sheet_grid_checks` (xlsx, ods) and
`sheet_xls_checks` (.xls). Every refusal is a `SheetReadError` whose message names the
file (and sheet).
"""

from __future__ import annotations

import zipfile
from enum import Enum
from io import BytesIO
from pathlib import Path
from typing import NoReturn

from ao_desktop.domain.common.errors import DomainError
from ao_desktop.domain.common.i18n import _

MAX_UNZIPPED_BYTES = 1024**3
MAX_MEMBER_RATIO = 100
RATIO_CHECKED_FROM = 50 * 1024**2
MAX_DIRECTORY_BYTES = 16 * 1024**2  # a zip's list of members; real workbooks need kilobytes

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARKERS = tuple(n.encode("utf-16-le") for n in ("EncryptedPackage", "EncryptionInfo"))
_DTD_MARKERS = tuple(
    m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY") for enc in ("ascii", "utf-16-le", "utf-16-be")
)


class SheetReadError(DomainError):
    """A spreadsheet that cannot be read; the message names the file (and sheet)."""


class SheetFormat(Enum):
    XLSX = "xlsx"
    XLS = "xls"
    ODS = "ods"
    CSV = "csv"


def fail(message: str) -> NoReturn:
    raise SheetReadError(message)


def _size(n: int) -> str:
    """Bytes as Indonesian readers write them: `150 MB`, `1.024 KB` (dot groups)."""
    value, unit = (n / 1024**2, "MB") if n >= 1024**2 else (n / 1024, "KB")
    return f"{value:,.0f} {unit}".replace(",", ".")


def corrupt(name: str) -> NoReturn:
    fail(
        _(
            'Berkas "{name}" rusak atau tidak lengkap sehingga tidak dapat dibaca. '
            "Buka berkas itu di Excel, simpan ulang, lalu impor lagi."
        ).format(name=name)
    )


def password_protected(name: str) -> NoReturn:
    fail(
        _(
            'Berkas "{name}" dilindungi kata sandi. Buka berkas itu di Excel, simpan tanpa '
            "kata sandi, lalu impor lagi."
        ).format(name=name)
    )


def _suspicious(name: str) -> NoReturn:
    fail(
        _(
            'Berkas mencurigakan: isi "{name}" terlalu besar setelah dibuka, jauh melebihi '
            "ukuran buku kerja biasa. Berkas tidak diimpor demi keamanan."
        ).format(name=name)
    )


def _not_a_sheet(name: str, kind: str) -> NoReturn:
    fail(
        _(
            'Berkas "{name}" adalah {kind}, bukan lembar kerja. Pilih berkas Excel '
            "(.xlsx, .xls), OpenDocument (.ods) atau CSV."
        ).format(name=name, kind=kind)
    )


def _save_as_xlsx(name: str, kind: str) -> NoReturn:
    fail(
        _(
            'Berkas "{name}" berformat {kind} yang tidak dapat dibaca di sini. Buka di Excel, '
            "simpan sebagai Buku Kerja Excel (.xlsx), lalu impor lagi."
        ).format(name=name, kind=kind)
    )


def _other_kinds() -> tuple[tuple[bytes, str], ...]:
    return (
        (b"%PDF", _("dokumen PDF")),
        (b"\x89PNG", _("gambar PNG")),
        (b"\xff\xd8\xff", _("gambar JPEG")),
        (b"Rar!", _("arsip RAR")),
    )


def load_bytes(path: Path, max_bytes: int) -> bytes:
    """The whole file, after the checks that need no parsing (exists, size)."""
    name, data = path.name or str(path), b""
    try:
        if path.is_dir():
            fail(
                _('"{name}" adalah folder, bukan berkas. Pilih berkas Excel atau CSV.').format(
                    name=name
                )
            )
        size = path.stat().st_size
        if size <= max_bytes:
            with open(path, "rb") as f:
                data = f.read(max_bytes + 1)  # the file may grow between stat and read
            size = len(data)
    except (FileNotFoundError, ValueError):  # ValueError: a NUL in the path
        fail(
            _(
                'Berkas "{name}" tidak ditemukan. Mungkin sudah dipindah, diganti nama atau dihapus.'
            ).format(name=name)
        )
    except OSError:
        fail(
            _(
                'Berkas "{name}" tidak dapat dibuka. Mungkin berkas itu sedang dibuka di program '
                "lain (tutup dulu di Excel) atau Anda tidak punya izin untuk membacanya."
            ).format(name=name)
        )
    if size > max_bytes:
        fail(
            _(
                'Berkas "{name}" terlalu besar ({size}; batasnya {limit}). Bagi datanya menjadi '
                "beberapa berkas, lalu impor satu per satu."
            ).format(name=name, size=_size(size), limit=_size(max_bytes))
        )
    if not size:
        fail(_('Berkas "{name}" kosong (0 byte). Pilih berkas yang berisi data.').format(name=name))
    return data


def detect_format(path: Path, data: bytes) -> SheetFormat:
    """The format of `data` by content; the extension only separates CSV from other text."""
    name = path.name
    if data.startswith(CFB_MAGIC):
        if any(marker in data for marker in _ENCRYPTED_MARKERS):
            password_protected(name)
        return SheetFormat.XLS
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _zip_format(name, data)
    for magic, kind in _other_kinds():
        if data.startswith(magic):
            _not_a_sheet(name, kind)
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<html", b"<!doctype html", b"<table")) or b"<html" in head[:512]:
        _save_as_xlsx(name, _("halaman web (HTML)"))  # what many bank systems export as .xls
    if head.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        _save_as_xlsx(name, _("XML Spreadsheet 2003"))
    looks_like_text = data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" not in data[:65536]
    if looks_like_text and path.suffix.lower() in (".csv", ".txt", ".tsv"):
        return SheetFormat.CSV
    if looks_like_text:
        fail(
            _(
                'Berkas "{name}" berisi teks biasa, bukan buku kerja Excel. Jika isinya data CSV, '
                "ubah akhiran namanya menjadi .csv lalu impor lagi."
            ).format(name=name)
        )
    _not_a_sheet(name, _("berkas yang tidak dikenal"))


def _zip_format(name: str, data: bytes) -> SheetFormat:
    eocd = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if eocd >= 0:
        directory_size = int.from_bytes(data[eocd + 12 : eocd + 16], "little")
        if MAX_DIRECTORY_BYTES < directory_size < 0xFFFFFFFF:
            _suspicious(name)
    names, mimetype = _zip_members(name, data)
    if "xl/workbook.xml" in names:
        return SheetFormat.XLSX
    if "xl/workbook.bin" in names:
        _save_as_xlsx(name, _("Excel Binary (.xlsb)"))
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return SheetFormat.ODS
    if any(n.startswith("word/") for n in names):
        _not_a_sheet(name, _("dokumen Word"))
    if any(n.startswith("ppt/") for n in names):
        _not_a_sheet(name, _("presentasi PowerPoint"))
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        _not_a_sheet(name, _("dokumen OpenDocument selain lembar kerja"))
    if any(n.startswith("xl/") for n in names):
        corrupt(name)  # an Excel package that lost its workbook part
    _not_a_sheet(name, _("arsip ZIP"))


def _zip_members(name: str, data: bytes) -> tuple[set[str], bytes]:
    """Member names and the ODF mimetype, after refusing corrupt zips, bombs, DTDs."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            infos = zf.infolist()
            if sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES or any(
                i.file_size > RATIO_CHECKED_FROM
                and i.file_size > MAX_MEMBER_RATIO * max(i.compress_size, 1)
                for i in infos
            ):
                _suspicious(name)
            for info in infos:
                if info.flag_bits & 0x1:
                    password_protected(name)
                if info.filename.lower().endswith((".xml", ".rels", ".vml")) and info.file_size:
                    with zf.open(info) as f:
                        head = f.read(65_536)
                    if any(marker in head for marker in _DTD_MARKERS):
                        fail(
                            _(
                                'Berkas mencurigakan: "{name}" berisi definisi XML (DOCTYPE/ENTITY) '
                                "yang tidak pernah dibuat oleh Excel. Berkas tidak diimpor demi "
                                "keamanan."
                            ).format(name=name)
                        )
            names = {i.filename for i in infos}
            if "mimetype" not in names:
                return names, b""
            with zf.open("mimetype") as f:
                return names, f.read(200)
    except SheetReadError:
        raise
    except Exception:  # BadZipFile, zlib.error, unsupported compression, bad headers
        corrupt(name)


def open_zip(data: bytes) -> zipfile.ZipFile:
    """A zip that `detect_format` already accepted."""
    return zipfile.ZipFile(BytesIO(data))
