"""long_tables: a schedule split over pages never leaves a few orphan rows on the last page."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer

from ao_desktop.documents.pdf.pdf_fonts import FONT, register_fonts
from ao_desktop.documents.pdf.pdf_parts import MIN_TAIL_ROWS, long_tables

ROW = re.compile(r"^R(\d{3})$", re.MULTILINE)


def _rows_per_page(rows: int, lead: float) -> list[int]:
    register_fonts()
    buffer = BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, initialFontName=FONT)
    body = [[f"R{i:03d}", "Rp1.000.000"] for i in range(1, rows + 1)]
    story = [Spacer(1, lead), *long_tables(["No", "Angsuran"], body, [40 * mm, 60 * mm],
                                           total_row=["Jumlah", "Rp9"])]  # fmt: skip
    doc.build(story)
    pages = PdfReader(BytesIO(buffer.getvalue())).pages
    return [len(ROW.findall(page.extract_text())) for page in pages]


@pytest.mark.parametrize("lead", [100 * mm, 180 * mm, 230 * mm])
def test_the_last_page_of_a_schedule_holds_at_least_a_few_rows(lead: float) -> None:
    for rows in range(1, 61):
        counts = _rows_per_page(rows, lead)
        assert sum(counts) == rows
        printed = [n for n in counts if n]
        if len(printed) > 1:
            # The total row goes with the last rows; together at least MIN_TAIL_ROWS lines.
            assert printed[-1] + 1 >= MIN_TAIL_ROWS, (rows, counts)
