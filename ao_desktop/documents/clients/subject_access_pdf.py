"""The readable half of a subject access export: one PDF with every part of the JSON
(profile, history, notes, activities, applications, loans, problems, RIPLAYs, audit)
under Indonesian headings, each record as label: value lines."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from ao_desktop.documents.pdf.pdf_fonts import FONT, register_fonts
from ao_desktop.documents.pdf.pdf_parts import markup, styles, table_style
from ao_desktop.domain.clients.labels import FIELD_LABELS
from ao_desktop.domain.common.i18n import _

SECTIONS = (
    ("status_history", "Riwayat status"),
    ("notes", "Catatan"),
    ("activities", "Kegiatan (kunjungan, telepon, tindak lanjut)"),
    ("applications", "Pengajuan kredit"),
    ("loans", "Pinjaman"),
    ("problems", "Permasalahan"),
    ("riplays", "RIPLAY yang diterima"),
    ("audit", "Jejak audit tentang nasabah ini"),
)
MAX_VALUE = 600  # characters of one value on the page (the JSON keeps it whole)


def _value(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "-"
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_value(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value)
    return str(value)


def _record(record: dict[str, Any]) -> Paragraph:
    cell = styles().cell
    lines = [f"<b>{markup(FIELD_LABELS.get(k, k))}</b>: {markup(_value(v), MAX_VALUE)}"
             for k, v in record.items() if v not in (None, "", [], {})]
    return Paragraph("<br/>".join(lines) or "-", cell)


def render_subject_access(data: dict[str, Any]) -> bytes:
    register_fonts()
    st = styles()
    client = data["client"]
    story: list[Any] = [
        Paragraph(_("Data Pribadi Nasabah"), st.title),
        Paragraph(markup(_("Permintaan akses subjek data (UU 27/2022). Diekspor {at} oleh {who}.").format(
            at=data["exported_at"], who=data["exported_by"])), st.subtitle),
        Paragraph(_("Profil"), st.h2),
    ]
    rows = [[Paragraph(markup(FIELD_LABELS.get(k, k)), st.cell), Paragraph(markup(_value(v), MAX_VALUE), st.cell)]
            for k, v in client.items()]
    rows.append([Paragraph(_("AO"), st.cell), Paragraph(markup(_value(data.get("officer"))), st.cell)])
    if data.get("consent"):
        rows.append([Paragraph(_("Persetujuan kontak"), st.cell),
                     Paragraph(markup(data["consent"]["summary"]), st.cell)])
    table = Table(rows, colWidths=[45 * mm, 130 * mm])
    table.setStyle(table_style(header=False))
    story.append(table)
    for key, title in SECTIONS:
        items = data.get(key) or []
        story.append(Paragraph(f"{markup(_(title))} ({len(items)})", st.h2))
        if not items:
            story.append(Paragraph(_("Tidak ada."), st.body))
        for item in items:
            story.append(_record(item if isinstance(item, dict) else {"": item}))
            story.append(Spacer(1, 2 * mm))
    buffer = BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=15 * mm, bottomMargin=15 * mm,
                            title=_("Data Pribadi Nasabah"), author="AO Desktop", creator="AO Desktop",
                            initialFontName=FONT)
    doc.build(story)
    return buffer.getvalue()
