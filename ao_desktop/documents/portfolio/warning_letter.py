"""A warning letter (Surat Peringatan SP1, SP2 or SP3) to a borrower in arrears, on the
bank's letterhead (the same header, fonts and footer as every document of the app).

It states the account, the arrears of principal and interest, the penalty if any, the
total in figures and in words, the deadline to pay (working days after the letter) and
the AO to contact; SP3 says it is the last warning before the bank acts under the credit
agreement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ao_desktop.documents.pdf.pdf_document import build_pdf
from ao_desktop.documents.pdf.pdf_fonts import FONT
from ao_desktop.documents.pdf.pdf_parts import (
    CONTENT_WIDTH,
    INK,
    PageFrame,
    load_logo,
    markup,
    one_line,
    styles,
    table_style,
)
from ao_desktop.documents.portfolio.amount_words import rupiah_in_words
from ao_desktop.documents.products.product_sheet_data import SheetHeader
from ao_desktop.domain.common.formatting import format_date_long, format_datetime, format_rupiah
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.portfolio.letters import WarningLetter, level_name


@dataclass(frozen=True)
class WarningLetterData:
    header: SheetHeader
    letter: WarningLetter
    account_no: str
    product: str
    plafond: int
    outstanding: int
    borrower_name: str
    salutation: str  # "Bapak", "Ibu" or "Bapak/Ibu"
    address: str
    as_of: date | None  # the extract the arrears come from
    deadline_days: int
    officer_phone: str
    printed_at: datetime


_CLOSING = {
    1: "Apabila sampai batas waktu tersebut kewajiban belum dipenuhi, kami akan menerbitkan "
       "Surat Peringatan Kedua (SP2).",
    2: "Surat ini adalah peringatan kedua. Apabila sampai batas waktu tersebut kewajiban belum "
       "dipenuhi, kami akan menerbitkan Surat Peringatan Ketiga (SP3).",
    3: "Surat ini adalah peringatan ketiga dan terakhir. Apabila sampai batas waktu tersebut "
       "kewajiban belum dipenuhi, bank akan menempuh langkah penyelesaian sesuai perjanjian "
       "kredit, termasuk restrukturisasi atau eksekusi agunan.",
}


def _plain(*commands: tuple) -> TableStyle:
    """A table laid out like typed letter text: the embedded font, no lines."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 10),
                       ("TEXTCOLOR", (0, 0), (-1, -1), INK), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                       ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1),
                       ("BOTTOMPADDING", (0, 0), (-1, -1), 1), *commands])


def _meta(d: WarningLetterData) -> list[Flowable]:
    s = styles()
    place = d.header.branch_name or d.header.bank_name
    dated = ParagraphStyle("dated", parent=s.body, alignment=TA_RIGHT)
    rows = [[_("Nomor"), ":", d.letter.number],
            [_("Lampiran"), ":", "-"],
            [_("Perihal"), ":", Paragraph("<b>" + markup(level_name(d.letter.level)) + "</b>", s.body)]]
    t = Table(rows, colWidths=[22 * mm, 4 * mm, CONTENT_WIDTH - 26 * mm], hAlign="LEFT")
    t.setStyle(_plain())
    return [Paragraph(markup(f"{place}, {format_date_long(d.letter.issued_on)}"), dated), Spacer(1, 4), t]


def _arrears_table(d: WarningLetterData) -> Table:
    s = styles()
    w = d.letter
    rows: list[list[object]] = [
        [_("Nomor rekening"), d.account_no],
        [_("Produk"), d.product or "—"],
        [_("Plafond"), format_rupiah(d.plafond)],
        [_("Baki debet"), format_rupiah(d.outstanding)],
        [_("Hari tunggakan"), _("{n} hari").format(n=w.days_past_due)],
        [_("Tunggakan pokok"), format_rupiah(w.arrears_principal)],
        [_("Tunggakan bunga"), format_rupiah(w.arrears_interest)],
    ]
    if w.penalty:
        rows.append([_("Denda"), format_rupiah(w.penalty)])
    total_style = ParagraphStyle("total", parent=s.cell_bold, alignment=TA_RIGHT)
    rows.append([Paragraph(_("Jumlah yang harus dibayar"), s.cell_bold),
                 Paragraph(format_rupiah(w.total), total_style)])
    t = Table(rows, colWidths=[60 * mm, 55 * mm], hAlign="LEFT")
    t.setStyle(table_style(("ALIGN", (1, 0), (1, -1), "RIGHT"), ("LINEABOVE", (0, -1), (-1, -1), 0.75,
                                                                  styles().h2.textColor),
                           header=False, size=9.5))
    return t


def _story(d: WarningLetterData) -> list[Flowable]:
    s = styles()
    w = d.letter
    as_of = format_date_long(d.as_of) if d.as_of else format_date_long(w.issued_on)
    contact = d.header.officer_name or _("Account Officer kami")
    if d.officer_phone:
        contact += _(" (HP {p})").format(p=d.officer_phone)
    story: list[Flowable] = [
        *_meta(d), Spacer(1, 8),
        Paragraph(_("Kepada Yth."), s.body),
        Paragraph("<b>" + markup(f"{d.salutation} {d.borrower_name}") + "</b>", s.body),
        Paragraph(markup(d.address or "—"), s.body), Spacer(1, 8),
        Paragraph(_("Dengan hormat,"), s.body),
        Paragraph(markup(_(
            "Berdasarkan catatan kami per {d}, kewajiban angsuran {sapaan} atas fasilitas kredit "
            "berikut telah melewati tanggal jatuh tempo:").format(d=as_of, sapaan=d.salutation)), s.body),
        Spacer(1, 2), _arrears_table(d), Spacer(1, 6),
        Paragraph(markup(_("Terbilang: {w}.").format(w=rupiah_in_words(w.total))), s.body),
        Paragraph(markup(_(
            "Kami meminta {sapaan} untuk melunasi tunggakan tersebut paling lambat tanggal {deadline} "
            "({n} hari kerja sejak tanggal surat ini) melalui kantor kami atau rekening pinjaman "
            "{sapaan}.").format(sapaan=d.salutation, deadline=format_date_long(w.deadline),
                                n=d.deadline_days)), s.body),
        Paragraph(markup(_(_CLOSING[w.level])), s.body),
        Paragraph(markup(_(
            "Apabila {sapaan} telah melakukan pembayaran, mohon abaikan surat ini. Untuk keterangan "
            "lebih lanjut, silakan menghubungi {ao}.").format(sapaan=d.salutation, ao=contact)), s.body),
        Paragraph(_("Atas perhatian dan kerja samanya, kami ucapkan terima kasih."), s.body),
        Spacer(1, 10),
    ]
    bank = " ".join(p for p in (d.header.bank_name, d.header.branch_name) if p)
    sign = Table([[_("Hormat kami,"), ""], [markup(bank), ""], ["", ""],
                  ["(________________________)", "(________________________)"],
                  [_("Pemimpin Cabang"), markup(_("Account Officer: {n}").format(
                      n=d.header.officer_name or "—"))]],
                 colWidths=[CONTENT_WIDTH / 2] * 2, rowHeights=[14, 14, 44, 14, 14])
    sign.setStyle(_plain())
    return [*story, KeepTogether(sign)]


def write_warning_letter(data: WarningLetterData, out: Path | BinaryIO) -> int:
    """Write the letter to a path (replaced only by a whole file) or a stream; the page count."""
    frame = PageFrame(bank=data.header.bank_name, branch=data.header.branch_name,
                      logo=load_logo(data.header.logo_path),
                      labels=(_("Surat Peringatan {n}").format(n=f"SP{data.letter.level}"),
                              one_line(data.letter.number, 60)),
                      footer=(_("Dicetak {at}").format(at=format_datetime(data.printed_at)),
                              _("Rekening {a} · {n}").format(a=data.account_no, n=data.letter.number),
                              _("Surat ini dicatat pada riwayat rekening.")))
    return build_pdf(_story(data), frame, out,
                     title=one_line(f"SP{data.letter.level} {data.letter.number} {data.borrower_name}", 120),
                     author=one_line(data.header.officer_name, 120), subject=level_name(data.letter.level))
