"""The day's visit list: one A4 landscape page an AO takes on the road, visits ordered
by kecamatan and kelurahan (the route), with address, phone, purpose and an empty
column for the outcome written by hand.

One page is the promise: a long day shrinks the type down to a floor and then lists
the rest as a count, rather than spilling onto a second sheet nobody carries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from ao_desktop.documents.pdf.pdf_fonts import FONT, FONT_BOLD, register_fonts
from ao_desktop.documents.pdf.pdf_parts import SHADE, markup, one_line, styles, table_style
from ao_desktop.domain.calendar.activity import ActivityItem
from ao_desktop.domain.calendar.labels import purpose_label, type_label
from ao_desktop.domain.common.formatting import format_date_long
from ao_desktop.domain.common.i18n import _

PAGE = landscape(A4)
MARGIN = 12 * mm
SIZES = (9.0, 8.0, 7.0, 6.5)  # tried in turn until the day fits on one page
DAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


@dataclass(frozen=True)
class VisitListData:
    day: object  # date
    officer_name: str
    bank_name: str
    branch_name: str
    holiday: str | None
    visits: list[ActivityItem] = field(default_factory=list)
    phones: dict[int, str] = field(default_factory=dict)  # activity id -> phone as printed


def _rows(data: VisitListData, size: float, limit: int) -> tuple[list[list[object]], list[tuple]]:
    cell = styles().cell.clone("visit-cell", fontSize=size, leading=size * 1.2)
    header = [_("No"), _("Waktu"), _("Nasabah"), _("Alamat"), _("No. HP"), _("Keperluan"),
              _("Hasil / paraf")]
    rows: list[list[object]] = [header]
    extra: list[tuple] = []
    area = None
    for n, item in enumerate(data.visits[:limit], start=1):
        here = (item.kecamatan, item.kelurahan)
        if here != area:
            area = here
            label = ", ".join(p for p in (item.kecamatan and _("Kec. {k}").format(k=item.kecamatan),
                                          item.kelurahan and _("Kel. {k}").format(k=item.kelurahan)) if p)
            rows.append([label or _("(tanpa kecamatan)"), "", "", "", "", "", ""])
            extra += [("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)),
                      ("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), SHADE),
                      ("FONTNAME", (0, len(rows) - 1), (-1, len(rows) - 1), FONT_BOLD)]
        rows.append([
            str(n), f"{item.starts_at:%H:%M}", Paragraph(markup(item.client_name, 80), cell),
            Paragraph(markup(item.location, 240), cell), data.phones.get(item.id, ""),
            Paragraph(markup(f"{type_label(item.type)}, {purpose_label(item.purpose)}"), cell), "",
        ])
    return rows, extra


def _story(data: VisitListData, size: float, limit: int) -> list[object]:
    s = styles()
    day = data.day
    title = _("Daftar kunjungan {d}, {date}").format(d=DAY_NAMES[day.weekday()], date=format_date_long(day))  # type: ignore[attr-defined]
    bank = " — ".join(p for p in (data.bank_name, data.branch_name) if p)
    subtitle = _("AO: {o}").format(o=data.officer_name) + (f" · {bank}" if bank else "")
    story: list[object] = [Paragraph(markup(one_line(title)), s.title), Paragraph(markup(subtitle), s.subtitle)]
    if data.holiday:
        story.append(Paragraph(markup(_("Hari libur: {n}").format(n=data.holiday)), s.warning))
    if not data.visits:
        story.append(Paragraph(_("Tidak ada kunjungan pada hari ini."), s.body))
        return story
    rows, extra = _rows(data, size, limit)
    width = PAGE[0] - 2 * MARGIN
    columns = [0.04, 0.06, 0.17, 0.32, 0.12, 0.13, 0.16]
    table = Table(rows, colWidths=[c * width for c in columns], repeatRows=1)
    table.setStyle(table_style(*extra, ("VALIGN", (0, 0), (-1, -1), "TOP"), size=size))
    story.append(table)
    left = len(data.visits) - limit
    if left > 0:
        story += [Spacer(1, 3), Paragraph(markup(_("… dan {n} kunjungan lagi (lihat Kalender).").format(n=left)), s.small)]
    return story


def _build(data: VisitListData, size: float, limit: int) -> tuple[bytes, int]:
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN, title=_("Daftar kunjungan"), author=one_line(data.officer_name, 80),
        creator="AO Desktop", initialFontName=FONT, initialFontSize=10, initialLeading=13,
    )
    doc.build(_story(data, size, limit))
    return buffer.getvalue(), doc.page


def visit_list_pdf(data: VisitListData) -> bytes:
    """The PDF of the day's visits on exactly one page."""
    register_fonts()
    limit = len(data.visits)
    for size in SIZES:
        pdf, pages = _build(data, size, limit)
        if pages == 1:
            return pdf
    while limit > 1:  # even the smallest type does not fit: cut the list, keep one page
        limit = max(1, limit * 9 // 10)
        pdf, pages = _build(data, SIZES[-1], limit)
        if pages == 1:
            return pdf
    return pdf


def write_visit_list(path: Path, data: VisitListData) -> None:
    """Written beside the target and renamed over it: never half a PDF."""
    temp = path.with_name(f".{path.name}.tmp")
    try:
        temp.write_bytes(visit_list_pdf(data))
        temp.replace(path)
    finally:
        temp.unlink(missing_ok=True)
