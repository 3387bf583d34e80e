"""The columns of a core-banking loan extract: the fields the import knows, the header
names branches' extracts use for them (Indonesian, English, abbreviations), finding the
header row under title rows, and checking a mapping.

Required: the account number, the NIK or the CIF, the outstanding and the days past due;
every other column is optional.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.imports.client_sheet import normalise_header
from ao_desktop.domain.imports.sheet_header import column_letter, header_text


@dataclass(frozen=True)
class ExtractColumn:
    field: str
    label: str  # what the mapping dialog and messages call it
    synonyms: tuple[str, ...]


def _c(field: str, label: str, *synonyms: str) -> ExtractColumn:
    return ExtractColumn(field, label, synonyms)


EXTRACT_COLUMNS: tuple[ExtractColumn, ...] = (
    _c("account_no", _("No Rekening"), "no rekening", "nomor rekening", "no rek", "norek", "no. rek",
       "rekening", "no rekening pinjaman", "no rekening kredit", "no kredit", "nomor kredit",
       "no pinjaman", "nomor pinjaman", "account", "account no", "account number", "loan account"),
    _c("cif", _("CIF"), "cif", "no cif", "nomor cif", "kode nasabah", "no nasabah", "nomor nasabah",
       "customer id", "cif no"),
    _c("borrower_name", _("Nama Debitur"), "nama debitur", "nama nasabah", "nama", "debitur",
       "nama peminjam", "borrower", "borrower name", "customer name", "name"),
    _c("nik", _("NIK"), "nik", "no ktp", "nomor ktp", "ktp", "no identitas", "nomor identitas",
       "nik ktp", "id number"),
    _c("product", _("Produk"), "produk", "jenis kredit", "kode produk", "jenis pinjaman",
       "produk kredit", "product", "product code"),
    _c("plafond", _("Plafond"), "plafond", "plafon", "limit", "plafond kredit", "plafond awal",
       "jumlah pinjaman", "pokok pinjaman", "plafond rp"),
    _c("disbursed_on", _("Tgl Realisasi"), "tgl realisasi", "tanggal realisasi", "tgl cair",
       "tanggal cair", "tgl pencairan", "tanggal pencairan", "tgl akad", "realisasi",
       "disbursement date"),
    _c("tenor_months", _("Jangka Waktu (bulan)"), "tenor", "jangka waktu", "jw", "jangka waktu bulan",
       "tenor bulan", "jw bulan", "term"),
    _c("rate_pct", _("Suku Bunga (% p.a.)"), "suku bunga", "bunga", "rate", "bunga pa", "suku bunga pa",
       "bunga persen", "interest rate"),
    _c("installment", _("Angsuran"), "angsuran", "angsuran per bulan", "angsuran bulanan",
       "nilai angsuran", "angs", "installment"),
    _c("outstanding", _("Baki Debet"), "baki debet", "outstanding", "os", "sisa pokok", "saldo pokok",
       "baki debet pokok", "outstanding pokok", "sisa pinjaman", "bakidebet"),
    _c("arrears_principal", _("Tunggakan Pokok"), "tunggakan pokok", "tgk pokok", "tunggakan pokok rp",
       "arrears principal"),
    _c("arrears_interest", _("Tunggakan Bunga"), "tunggakan bunga", "tgk bunga", "tunggakan bunga rp",
       "arrears interest"),
    _c("penalty", _("Denda"), "denda", "tunggakan denda", "denda keterlambatan", "penalty"),
    _c("days_past_due", _("Hari Tunggakan"), "hari tunggakan", "dpd", "hari tgk", "jumlah hari tunggakan",
       "tunggakan hari", "days past due", "hari keterlambatan", "lama tunggakan"),
    _c("next_due", _("Tgl Jatuh Tempo"), "tgl jatuh tempo", "tanggal jatuh tempo", "jatuh tempo",
       "jatuh tempo angsuran", "tgl jt", "tgl jt angsuran", "due date", "next due"),
    _c("last_payment", _("Tgl Bayar Terakhir"), "tgl bayar terakhir", "tanggal bayar terakhir",
       "pembayaran terakhir", "tgl pembayaran terakhir", "tgl angsuran terakhir", "last payment"),
    _c("officer_code", _("Kode AO"), "kode ao", "ao", "kode marketing", "kode petugas", "kd ao",
       "officer", "ao code", "account officer"),
)
COLUMN_BY_FIELD: dict[str, ExtractColumn] = {c.field: c for c in EXTRACT_COLUMNS}
FIELDS: frozenset[str] = frozenset(COLUMN_BY_FIELD)
# Columns numbering rows, never mapped.
IGNORED = frozenset({"no", "no urut", "nomor", "nomor urut", "#"})


def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for column in EXTRACT_COLUMNS:
        for name in (column.label, column.field, *column.synonyms):
            index.setdefault(normalise_header(name), column.field)
    return index


HEADER_INDEX: dict[str, str] = _index()


def field_for_header(text: str) -> str | None:
    """The field a header text names, or None (also for what is not a field key)."""
    key = normalise_header(text)
    if key in FIELDS:
        return key
    return HEADER_INDEX.get(key)


def recognise(headers: Sequence[Any]) -> dict[int, str]:
    """Column index -> field for the cells naming a known column; first column wins."""
    mapping: dict[int, str] = {}
    seen: set[str] = set()
    for index, cell in enumerate(headers):
        key = normalise_header(header_text(cell))
        if not key or key in IGNORED:
            continue
        field = HEADER_INDEX.get(key)
        if field is not None and field not in seen:
            seen.add(field)
            mapping[index] = field
    return mapping


@dataclass(frozen=True)
class ExtractHeader:
    row: int  # 0-based index of the header row
    headers: tuple[str, ...]
    mapping: dict[int, str]


def find_extract_header(rows: Sequence[Sequence[Any]], scan: int = 30) -> ExtractHeader | None:
    """The row among the first `scan` with the most recognised columns, at least three
    and the account number among them; None when no row qualifies."""
    best: ExtractHeader | None = None
    for index, row in enumerate(rows[:scan]):
        mapping = recognise(row)
        if len(mapping) < 3 or "account_no" not in mapping.values():
            continue
        if best is None or len(mapping) > len(best.mapping):
            best = ExtractHeader(index, tuple(header_text(c) for c in row), mapping)
    return best


def mapping_problems(mapping: Mapping[int, str]) -> list[str]:
    """Why an extract cannot be read with this mapping (missing required columns, a
    field on two columns, an unknown field); empty when it can."""
    problems: list[str] = []
    columns: dict[str, list[int]] = {}
    for index, field in sorted(mapping.items()):
        columns.setdefault(field, []).append(index)
    for field, indexes in columns.items():
        cols = ", ".join(column_letter(i) for i in indexes)
        if field not in FIELDS:
            problems.append(_("Kolom {cols} dipetakan ke isian yang tidak dikenal ({f}).").format(cols=cols, f=field))
        elif len(indexes) > 1:
            problems.append(_("{label} dipilih untuk lebih dari satu kolom ({cols}); pilih satu saja.")
                            .format(label=COLUMN_BY_FIELD[field].label, cols=cols))
    for field in ("account_no", "outstanding", "days_past_due"):
        if field not in columns:
            problems.append(_("Kolom wajib {label} tidak ditemukan; petakan kolom yang berisi {label}.")
                            .format(label=COLUMN_BY_FIELD[field].label))
    if "nik" not in columns and "cif" not in columns:
        problems.append(_("Kolom wajib NIK atau CIF tidak ditemukan; petakan salah satunya."))
    return problems
