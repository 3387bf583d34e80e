"""What the blank client import template holds besides its header: the drop-down lists
(kept on a hidden sheet "Pilihan", so long lists such as the AO names work) and the sheet
"Petunjuk" that explains, in Bahasa Indonesia, how to fill in every column.

Only the layout lives here; `client_workbook.write_import_template` opens the workbook,
writes the header and formats, and calls these two functions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ao_desktop.domain.clients.enums import ClientKind, ClientStatus, LeadSource, Sex
from ao_desktop.domain.clients.labels import kind_label, sex_label, source_label, status_label
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.imports.client_sheet import CellKind, SheetColumn

GUIDE_SHEET = "Petunjuk"
LISTS_SHEET = "Pilihan"
TEMPLATE_ROWS = 5000  # rows 2..5001 carry the drop-down lists
_GUIDE_WIDTHS = (24, 9, 70, 30)  # Kolom | Wajib? | Cara mengisi | Contoh


def choice_lists(
    columns: Sequence[SheetColumn], officer_names: Sequence[str]
) -> dict[str, list[str]]:
    """The allowed labels of every column that gets a drop-down, by field, in column order.
    The AO column only when officer names are given."""
    labels = {
        "status": [status_label(s) for s in ClientStatus],
        "lead_source": [source_label(s) for s in LeadSource],
        "kind": [kind_label(k) for k in ClientKind],
        "sex": [sex_label(s) for s in Sex],
        "officer": list(dict.fromkeys(officer_names)),
    }
    lists: dict[str, list[str]] = {}
    for column in columns:
        if column.kind is CellKind.YES_NO:
            lists[column.field] = [_("Ya"), _("Tidak")]
        elif labels.get(column.field):
            lists[column.field] = labels[column.field]
    return lists


def add_drop_downs(
    sheet: Worksheet,
    lists_sheet: Worksheet,
    columns: Sequence[SheetColumn],
    officer_names: Sequence[str],
) -> None:
    """Write the lists on `lists_sheet` (hidden) and attach a list validation to rows
    2..5001 of each matching column of `sheet`; a value not in the list is refused with
    an Indonesian message."""
    lists = choice_lists(columns, officer_names)
    fields = list(lists)
    labels = {c.field: c.label for c in columns}
    # constant_memory: rows must be written top to bottom, so the lists go row by row.
    if fields:
        lists_sheet.set_column(0, len(fields) - 1, 24)
    for row in range(1 + max((len(v) for v in lists.values()), default=0)):
        for col, field in enumerate(fields):
            items = [labels[field], *lists[field]]
            if row < len(items):
                lists_sheet.write_string(row, col, items[row])
    lists_sheet.hide()
    for col, field in enumerate(fields):
        letter = xl_col_to_name(col)
        target = next(i for i, c in enumerate(columns) if c.field == field)
        sheet.data_validation(
            1,
            target,
            TEMPLATE_ROWS,
            target,
            {
                "validate": "list",
                "source": f"={LISTS_SHEET}!${letter}$2:${letter}${len(lists[field]) + 1}",
                "error_type": "stop",
                "error_title": _("Isian tidak ada di daftar"),
                "error_message": _(
                    "Isi kolom {column} dengan salah satu pilihan di daftar: klik panah di "
                    "kanan sel lalu pilih."
                ).format(column=labels[field]),
            },
        )


def _guide_rows() -> dict[str, tuple[str, str]]:
    """How to fill in each field, and an example."""
    return {
        "full_name": (
            _("Nama sesuai KTP. Wajib diisi; baris tanpa nama ditolak."),
            "Ni Luh Putu Ayu",
        ),
        "kind": (
            _("Pilih dari daftar: Perorangan atau Badan usaha. Kosong = Perorangan."),
            kind_label(ClientKind.INDIVIDUAL),
        ),
        "business_name": (
            _("Nama toko, usaha atau perusahaan; untuk badan usaha."),
            "Warung Makan Sederhana",
        ),
        "nik": (
            _(
                "16 digit angka dari KTP, diketik sebagai teks (kolom ini sudah berformat "
                "teks). Jangan gunakan spasi atau titik."
            ),
            "3201234567890123",
        ),
        "nib": (_("Nomor Induk Berusaha, 13 digit angka (jika ada)."), "9120001234567"),
        "npwp": (
            _("15 atau 16 digit angka; titik dan tanda hubung boleh."),
            "09.254.294.3-407.000",
        ),
        "birth_date": (
            _(
                "Tanggal lahir: hari/bulan/tahun dengan tahun 4 digit, atau ditulis "
                "dengan nama bulan."
            ),
            "27/11/1990  " + _("atau") + "  12 Juli 1990",
        ),
        "sex": (_("Pilih dari daftar: Laki-laki atau Perempuan."), sex_label(Sex.FEMALE)),
        "phone": (_("Nomor HP yang dipakai untuk WhatsApp, diawali 08 atau +62."), "081234567890"),
        "landline": (_("Telepon rumah atau kantor dengan kode area."), "021 5551234"),
        "street": (_("Nama jalan, nomor rumah, RT/RW."), "Jl. Melati No. 5 RT 02/RW 03"),
        "kelurahan": (_("Nama kelurahan atau desa."), "Sukamaju"),
        "kecamatan": (_("Nama kecamatan."), "Cibeunying Kaler"),
        "city": (_("Kota atau kabupaten."), "Kota Bandung"),
        "province": (_("Nama provinsi."), "Jawa Barat"),
        "postal_code": (_("5 digit angka."), "40123"),
        "occupation": (_("Pekerjaan atau bidang usaha."), _("Pedagang sembako")),
        "monthly_income": (
            _("Penghasilan bersih per bulan dalam Rupiah, tanpa desimal."),
            "Rp 6.000.000  " + _("atau") + "  6.000.000  " + _("atau") + "  6 jt",
        ),
        "monthly_obligations": (
            _("Total angsuran pinjaman lain per bulan; kosong = 0."),
            "1.500.000",
        ),
        "status": (_("Pilih dari daftar. Kosong = Prospek."), status_label(ClientStatus.PROSPECT)),
        "lead_source": (
            _("Dari mana nasabah mengenal kita; pilih dari daftar."),
            source_label(LeadSource.REFERRAL),
        ),
        "refusal_reason": (
            _("Untuk status Ditolak: alasan nasabah atau bank menolak."),
            _("Bunga dirasa terlalu tinggi"),
        ),
        "officer": (
            _("Nama AO yang menangani, persis seperti di aplikasi; pilih dari daftar."),
            "Budi Santoso",
        ),
        "tags": (_("Label bebas, dipisah koma."), "umkm, pasar baru"),
        "notes": (
            _("Keterangan bebas; boleh beberapa baris (Alt+Enter di Excel)."),
            _("Minta ditelepon sore hari"),
        ),
        "consent_contact": (
            _("Ya jika nasabah setuju dihubungi lewat telepon/WhatsApp; pilih dari daftar."),
            _("Ya"),
        ),
    }


def _general_rules() -> list[str]:
    return [
        _("Satu nasabah per baris, mulai baris 2 lembar Nasabah."),
        _(
            "Jangan mengubah, menghapus atau memindahkan baris judul (baris 1); urutan kolom "
            "boleh berubah dan kolom yang tidak dipakai boleh dikosongkan."
        ),
        _(
            "NIK 16 digit diketik sebagai teks, agar Excel tidak mengubahnya menjadi "
            "3,20123E+15. Kolom NIK, NPWP, kode pos dan telepon di templat ini sudah "
            "berformat teks."
        ),
        _("Nomor HP ditulis 08xx atau +62xx; spasi dan tanda hubung boleh."),
        _('Tanggal ditulis 27/11/2026 (hari/bulan/tahun) atau "12 Juli 1990".'),
        _('Uang ditulis "Rp 6.000.000", "6.000.000" atau "6 jt".'),
        _("Baris kosong dilewati."),
        _(
            "Jika nasabah tampak sudah ada (NIK sama, nomor HP sama, atau nama mirip dengan "
            "tanggal lahir sama), aplikasi menanyakan: lewati, gabungkan, atau impor sebagai "
            "nasabah baru."
        ),
        _(
            "Baris yang tidak dapat diimpor dikumpulkan dalam laporan Excel berisi alasannya; "
            "perbaiki lalu impor laporan itu lagi."
        ),
    ]


def _height(texts_and_widths: Sequence[tuple[str, float]]) -> float:
    """A row height that shows wrapped text in full (Excel does not size merged cells)."""
    lines = 1
    for text, width in texts_and_widths:
        per_line = max(1, int(width * 1.1))
        lines = max(
            lines, sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))
        )
    return 15.0 * lines + 3


def write_guide(
    workbook: Workbook, sheet: Worksheet, columns: Sequence[SheetColumn], header: Format
) -> None:
    """The sheet "Petunjuk": a title, a short introduction, the general rules, then a
    table "Kolom | Wajib? | Cara mengisi | Contoh" with one row per importable column."""
    title = workbook.add_format({"bold": True, "font_size": 16, "font_color": "#1F4E78"})
    heading = workbook.add_format({"bold": True, "font_size": 12, "font_color": "#1F4E78"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    bold_wrap = workbook.add_format({"text_wrap": True, "valign": "top", "bold": True})
    for col, width in enumerate(_GUIDE_WIDTHS):
        sheet.set_column(col, col, width)
    full = sum(_GUIDE_WIDTHS)
    last = len(_GUIDE_WIDTHS) - 1
    sheet.set_row(0, 26)
    sheet.write_string(0, 0, _("Petunjuk Mengisi Templat Impor Nasabah"), title)
    intro = _(
        "Isi data nasabah di lembar Nasabah, simpan, lalu impor berkas ini di AO Desktop. "
        "Kolom dengan panah di kanan sel berisi daftar pilihan. Hanya kolom Nama Lengkap "
        "yang wajib; kolom lain boleh dikosongkan."
    )
    sheet.set_row(1, _height([(intro, full)]))
    sheet.merge_range(1, 0, 1, last, intro, wrap)
    row = 3
    sheet.write_string(row, 0, _("Aturan umum"), heading)
    for rule in _general_rules():
        row += 1
        text = "\u2022 " + rule
        sheet.set_row(row, _height([(text, full)]))
        sheet.merge_range(row, 0, row, last, text, wrap)
    row += 2
    sheet.write_string(row, 0, _("Kolom"), heading)
    row += 1
    for col, name in enumerate((_("Kolom"), _("Wajib?"), _("Cara mengisi"), _("Contoh"))):
        sheet.write_string(row, col, name, header)
    guide = _guide_rows()
    for column in columns:
        row += 1
        how, example = guide.get(column.field, ("", ""))
        sheet.set_row(row, _height([(how, _GUIDE_WIDTHS[2]), (example, _GUIDE_WIDTHS[3])]))
        sheet.write_string(row, 0, column.label, bold_wrap)
        sheet.write_string(row, 1, _("Ya") if column.required else _("Tidak"), wrap)
        sheet.write_string(row, 2, how, wrap)
        sheet.write_string(row, 3, example, wrap)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
