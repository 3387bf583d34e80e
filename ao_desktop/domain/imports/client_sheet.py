"""The columns of a client sheet: what the export and the blank template write, and the
header names (Indonesian, English and the usual variants) an import recognises.

One list, so an exported workbook imports again without any mapping and the template's
headers are exactly what the importer looks for. Field keys are `Client` field names,
except `officer` (the AO's name, resolved to an officer on import), `phone` (a number
column that may hold a mobile or a landline) and `updated_at` (export only).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from ao_desktop.domain.common.i18n import _


class CellKind(StrEnum):
    """How a column's cells are read and written."""

    TEXT = "text"
    ID_NUMBER = "id_number"  # NIK, NIB, NPWP, postal code: digits kept as text, never numbers
    PHONE = "phone"
    DATE = "date"
    MONEY = "money"
    CHOICE = "choice"  # status, lead source, kind, sex: a label from a closed list
    YES_NO = "yes_no"
    DATETIME = "datetime"


@dataclass(frozen=True)
class SheetColumn:
    field: str
    label: str  # the header written by export and template (Bahasa Indonesia)
    kind: CellKind
    width: int  # Excel column width in characters
    synonyms: tuple[str, ...] = ()  # other header texts that mean this column
    importable: bool = True
    required: bool = False


def _c(field: str, label: str, kind: CellKind, width: int, *synonyms: str,
       importable: bool = True, required: bool = False) -> SheetColumn:
    return SheetColumn(field, label, kind, width, synonyms, importable, required)


K = CellKind
SHEET_COLUMNS: tuple[SheetColumn, ...] = (
    _c("full_name", _("Nama Lengkap"), K.TEXT, 28, "nama", "nama nasabah", "nama lengkap nasabah",
       "nama debitur", "nama calon nasabah", "nama prospek", "nama sesuai ktp", "name", "full name",
       "client name", "customer name", "nama pemilik", required=True),
    _c("kind", _("Jenis Nasabah"), K.CHOICE, 14, "jenis", "tipe nasabah", "perorangan/badan usaha",
       "kind", "type", "client type", "customer type"),
    _c("business_name", _("Nama Usaha"), K.TEXT, 24, "usaha", "nama toko", "nama perusahaan",
       "business", "business name", "company", "nama badan usaha"),
    _c("nik", _("NIK"), K.ID_NUMBER, 19, "no ktp", "nomor ktp", "ktp", "no. ktp", "nik ktp",
       "nomor nik", "no nik", "nomor induk kependudukan", "id number", "national id"),
    _c("nib", _("NIB"), K.ID_NUMBER, 16, "nomor induk berusaha", "no nib"),
    _c("npwp", _("NPWP"), K.ID_NUMBER, 19, "no npwp", "nomor npwp", "tax id"),
    _c("birth_date", _("Tanggal Lahir"), K.DATE, 13, "tgl lahir", "tgl. lahir", "tanggal lahir",
       "lahir", "tgl lahir (dd/mm/yyyy)", "date of birth", "birth date", "dob", "birthday"),
    _c("sex", _("Jenis Kelamin"), K.CHOICE, 13, "jk", "l/p", "kelamin", "gender", "sex"),
    _c("phone", _("No. HP / WhatsApp"), K.PHONE, 16, "no hp", "hp", "no. hp", "nomor hp", "no hp/wa",
       "no. hp/wa", "hp/wa", "wa", "no wa", "nomor wa", "whatsapp", "no whatsapp", "telepon", "telp",
       "no telp", "no. telp", "no telepon", "nomor telepon", "handphone", "ponsel", "kontak",
       "phone", "mobile", "mobile phone", "phone number", "cell"),
    _c("landline", _("Telepon Rumah/Kantor"), K.PHONE, 16, "telepon rumah", "telp rumah",
       "telepon kantor", "telp kantor", "no telp rumah", "landline", "home phone", "office phone"),
    _c("street", _("Alamat"), K.TEXT, 34, "alamat lengkap", "alamat rumah", "alamat ktp",
       "alamat domisili", "alamat usaha", "jalan", "address", "street"),
    _c("kelurahan", _("Kelurahan/Desa"), K.TEXT, 16, "kelurahan", "desa", "kel", "kel/desa",
       "village"),
    _c("kecamatan", _("Kecamatan"), K.TEXT, 16, "kec", "district"),
    _c("city", _("Kota/Kabupaten"), K.TEXT, 16, "kota", "kabupaten", "kab/kota", "kota/kab",
       "kab", "city", "regency"),
    _c("province", _("Provinsi"), K.TEXT, 16, "prov", "propinsi", "province"),
    _c("postal_code", _("Kode Pos"), K.ID_NUMBER, 9, "kodepos", "kode pos", "postal code",
       "zip", "zip code"),
    _c("occupation", _("Pekerjaan"), K.TEXT, 20, "pekerjaan/usaha", "bidang usaha", "jenis usaha",
       "profesi", "occupation", "job", "profession"),
    _c("monthly_income", _("Penghasilan per Bulan"), K.MONEY, 18, "penghasilan", "pendapatan",
       "gaji", "omzet", "omset", "penghasilan/bulan", "pendapatan per bulan", "income",
       "monthly income", "salary"),
    _c("monthly_obligations", _("Angsuran Lain per Bulan"), K.MONEY, 18, "angsuran lain",
       "cicilan", "cicilan lain", "kewajiban per bulan", "angsuran", "obligations",
       "monthly obligations", "other installments"),
    _c("status", _("Status"), K.CHOICE, 14, "status nasabah", "tahap", "pipeline", "stage"),
    _c("lead_source", _("Sumber"), K.CHOICE, 14, "sumber prospek", "sumber nasabah", "sumber info",
       "asal prospek", "lead source", "source", "channel"),
    _c("refusal_reason", _("Alasan Menolak"), K.TEXT, 24, "alasan ditolak", "alasan tolak",
       "alasan", "refusal reason"),
    _c("officer", _("AO"), K.TEXT, 16, "nama ao", "account officer", "petugas", "marketing",
       "officer"),
    _c("tags", _("Tag"), K.TEXT, 16, "tags", "label", "kategori"),
    # "catatan": the header of exports made before the field was named Keterangan.
    _c("notes", _("Keterangan"), K.TEXT, 30, "catatan", "ket", "ket.", "catatan ao", "notes",
       "note", "remarks", "comment"),
    _c("consent_contact", _("Bersedia Dihubungi"), K.YES_NO, 11, "bersedia dihubungi",
       "setuju dihubungi", "persetujuan kontak", "consent"),
    # The consent record (UU PDP) is exported for reading; an import sets only the flag.
    _c("consent_given_on", _("Tanggal Persetujuan"), K.DATE, 13, importable=False),
    _c("consent_channels", _("Saluran Disetujui"), K.TEXT, 22, importable=False),
    _c("consent_withdrawn_on", _("Persetujuan Dicabut"), K.DATE, 13, importable=False),
    _c("updated_at", _("Terakhir Diubah"), K.DATETIME, 17, importable=False),
)

COLUMN_BY_FIELD: dict[str, SheetColumn] = {c.field: c for c in SHEET_COLUMNS}
IMPORT_COLUMNS: tuple[SheetColumn, ...] = tuple(c for c in SHEET_COLUMNS if c.importable)

# The column the error report adds in front of the original ones; never imported.
REASON_HEADER = _("Alasan Ditolak")
ROW_HEADER = _("Baris Asal")


def normalise_header(text: object) -> str:
    """Fold a header cell for matching: case, accents, punctuation and spacing ignored
    ("No. HP / WA" -> "no hp wa")."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", folded.lower()).split())


def _header_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for column in IMPORT_COLUMNS:
        for name in (column.label, column.field, *column.synonyms):
            index.setdefault(normalise_header(name), column.field)
    return index


HEADER_INDEX: dict[str, str] = _header_index()
IGNORED_HEADERS: frozenset[str] = frozenset(
    normalise_header(h) for h in (REASON_HEADER, ROW_HEADER, "no", "no.", "nomor", "no urut", "#")
)


def field_for_header(text: object) -> str | None:
    """The field a header cell names, or None when it is not recognised."""
    return HEADER_INDEX.get(normalise_header(text))
