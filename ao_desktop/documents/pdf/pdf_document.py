"""Building an A4 document of the app (product sheet, RIPLAY, comparison): the page
template every document shares, the fonts embedded, the bank header and numbered footer
drawn by its PageFrame, and the file delivered whole.

Each document module supplies only its story and its frame.
"""

from __future__ import annotations

import os
import tempfile
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, SimpleDocTemplate

from ao_desktop.documents.pdf.pdf_fonts import FONT, register_fonts
from ao_desktop.documents.pdf.pdf_parts import (
    BOTTOM_MARGIN,
    MARGIN_X,
    TOP_MARGIN,
    PageFrame,
    numbered_canvas,
)


def build_pdf(story: list[Flowable], frame: PageFrame, out: Path | BinaryIO, *, title: str,
              author: str, subject: str = "") -> int:
    """Lay `story` out on A4 pages framed by `frame`, write it to a path (replaced only by
    a whole file) or a binary stream, and return the page count. Nothing is written when
    building fails."""
    register_fonts()
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=title,
        author=author,
        subject=subject,
        creator="AO Desktop",
        initialFontName=FONT,  # else every page's preamble selects Helvetica
        initialFontSize=10,
        initialLeading=13,
    )
    doc.build(story, onFirstPage=frame, onLaterPages=frame,
              canvasmaker=numbered_canvas(frame.draw_page_number))
    deliver(buffer.getvalue(), out)
    return frame.total


def deliver(pdf: bytes, out: Path | BinaryIO) -> None:
    if not isinstance(out, str | os.PathLike):
        out.write(pdf)
        return
    target = Path(out)
    # Written beside the target and renamed over it: no reader ever sees half a PDF.
    fd, temp = tempfile.mkstemp(prefix=".sheet-", suffix=".pdf", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(pdf)
        os.chmod(temp, 0o644)  # mkstemp's 0600 would hide the sheet from colleagues
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
