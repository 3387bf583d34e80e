"""The comparison sheet: up to three loan options side by side, for the client to take
home after the AO compared them on screen.

The same A4 page, fonts, bank header and footer as the product sheet (documents/pdf).
Options are ranked by their effective annual cost after up-front fees, never by total
paid: a shorter loan pays less in total even when it is dearer, so the sheet says when
the tenors differ.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from ao_desktop.documents.pdf.pdf_document import build_pdf
from ao_desktop.documents.pdf.pdf_parts import (
    CONTENT_WIDTH,
    SHADE,
    PageFrame,
    load_logo,
    markup,
    one_line,
    styles,
    table_style,
)
from ao_desktop.documents.products.product_sheet import officer_phone
from ao_desktop.documents.products.product_sheet_data import ComparisonSheetData
from ao_desktop.documents.products.simulation_sections import installment_text, rate_text
from ao_desktop.domain.common.formatting import format_date_long, format_pct, format_rupiah
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.products.effective_cost import (
    cheapest_by_cost,
    comparison_notes,
    effective_cost_pa,
)
from ao_desktop.domain.products.loan_schedule import InterestMethod, LoanSchedule, method_label

MAX_OPTIONS = 3
NAME_LIMIT = 120
LABEL_WIDTH = 46 * mm
_COST_ROW = 5  # the table row of the effective cost (row 0 is the options' names)


def write_comparison_sheet(data: ComparisonSheetData, out: Path | BinaryIO) -> int:
    """Write the comparison as PDF to a path (replaced atomically) or a binary stream; the
    page count."""
    return build_pdf(_story(data), _page_frame(data), out,
                     title=_("Perbandingan pilihan kredit"),
                     author=one_line(data.header.officer_name, NAME_LIMIT))


def _page_frame(data: ComparisonSheetData) -> PageFrame:
    header, printed = data.header, data.printed_at
    officer = one_line(header.officer_name, NAME_LIMIT)
    phone = officer_phone(header.officer_phone)
    contact = " \u00b7 ".join(part for part in (officer, phone.display if phone else "") if part)
    printed_text = _("Dicetak {date} {time}").format(
        date=format_date_long(printed.date()), time=f"{printed:%H:%M}"
    )
    return PageFrame(
        bank=header.bank_name,
        branch=header.branch_name,
        logo=load_logo(header.logo_path),
        labels=(_("Perbandingan pilihan kredit"), ""),
        footer=(
            printed_text,
            _("Account Officer: {contact}").format(contact=contact) if contact else "",
            _("Simulasi ini bersifat indikatif dan dapat berbeda dengan perhitungan akhir bank."),
        ),
    )


def _lines(schedules: list[LoanSchedule]) -> list[tuple[str, list[str]]]:
    def each(figure) -> list[str]:  # type: ignore[no-untyped-def]
        return [figure(s) for s in schedules]

    return [
        (_("Metode bunga"), each(lambda s: method_label(InterestMethod(s.request.method)))),
        (_("Plafon"), each(lambda s: format_rupiah(s.request.amount))),
        (_("Jangka waktu"), each(lambda s: _("{n} bulan").format(n=s.request.tenor_months))),
        (_("Suku bunga"), each(rate_text)),
        (_("Biaya efektif per tahun (dengan biaya di muka)"),
         each(lambda s: format_pct(effective_cost_pa(s), 2))),
        (_("Angsuran per bulan"), each(installment_text)),
        (_("Total bunga"), each(lambda s: format_rupiah(s.total_interest))),
        (_("Total pembayaran (pokok + bunga)"), each(lambda s: format_rupiah(s.total_paid))),
        (_("Biaya di muka"), each(lambda s: format_rupiah(s.total_fees))),
        (_("Dana yang Anda terima"), each(lambda s: format_rupiah(s.net_disbursement))),
    ]  # fmt: skip


def _story(data: ComparisonSheetData) -> list[Flowable]:
    st = styles()
    options = data.options[:MAX_OPTIONS]
    schedules = [o.schedule for o in options]
    story: list[Flowable] = [Paragraph(_("Perbandingan pilihan kredit"), st.title)]
    if data.client_name.strip():
        prepared = _("Disiapkan untuk: <b>{client}</b>")
        story.append(Paragraph(prepared.format(client=markup(data.client_name, 200)), st.body))
    story.append(Spacer(1, 6))
    header = [""] + [
        Paragraph(_("<b>Pilihan {no}</b><br/>{name}").format(no=i, name=markup(o.product_name, 80)),
                  st.cell)
        for i, o in enumerate(options, start=1)
    ]  # fmt: skip
    rows = [header] + [
        [Paragraph(label, st.cell_bold)] + [Paragraph(markup(v), st.cell) for v in values]
        for label, values in _lines(schedules)
    ]
    width = (CONTENT_WIDTH - LABEL_WIDTH) / max(len(options), 1)
    commands: list[tuple[object, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    best = cheapest_by_cost(schedules)
    if best is not None:  # the cheapest option shaded, its effective cost in bold
        commands.append(("BACKGROUND", (best + 1, 1), (best + 1, -1), SHADE))
        cost = format_pct(effective_cost_pa(schedules[best]), 2)
        rows[_COST_ROW][best + 1] = Paragraph(f"<b>{cost}</b>", st.cell)
    table = Table(rows, colWidths=[LABEL_WIDTH] + [width] * len(options), repeatRows=1)
    table.setStyle(table_style(*commands))
    story.append(table)
    story.append(Spacer(1, 6))
    story += [Paragraph(markup(note), st.body) for note in comparison_notes(schedules)]
    story.append(
        Paragraph(
            _(
                "Biaya efektif per tahun adalah suku bunga yang menyamakan seluruh angsuran "
                "dengan dana yang Anda terima setelah biaya di muka. Semakin rendah, semakin "
                "murah pinjamannya, berapa pun tenornya."
            ),
            st.small,
        )
    )
    return story
