"""Building blocks shared by the app's reportlab documents: page geometry and colours,
paragraph and table styles set in the embedded font, safe text for Paragraph markup,
the logo, a QR code, a checklist box, label/value and long money tables, the header and
footer of every page, and a canvas that prints "Halaman X dari Y".

Everything here names the font explicitly: a style or drawing left at its default would
bring base-14 Helvetica back into the PDF (see ``pdf_fonts``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ao_desktop.documents.pdf.pdf_fonts import FONT, FONT_BOLD, has_glyph, register_fonts
from ao_desktop.domain.common.i18n import _

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 18 * mm
TOP_MARGIN = 30 * mm  # room for the header band
BOTTOM_MARGIN = 26 * mm  # room for the footer band
# Platypus frames pad their content by 6 pt: text and tables start at LEFT, and the
# header and footer are drawn from LEFT to RIGHT so that everything lines up.
FRAME_PADDING = 6
LEFT = MARGIN_X + FRAME_PADDING
RIGHT = PAGE_WIDTH - MARGIN_X - FRAME_PADDING
CONTENT_WIDTH = RIGHT - LEFT

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#52606D")
ACCENT = colors.HexColor("#005293")
SHADE = colors.HexColor("#EEF3F8")
ZEBRA = colors.HexColor("#F7F9FB")
GRID = colors.HexColor("#C7D0D9")
WARN_BG = colors.HexColor("#FFF4E5")
WARN_INK = colors.HexColor("#8A4B00")

CHECKBOX = "\u2610"  # ☐
ELLIPSIS = "\u2026"
# C0/C1 controls (except tab and newline) and lone surrogates break the PDF text encoder.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    check: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    warning: ParagraphStyle


def _style(name: str, **kw: Any) -> ParagraphStyle:
    kw.setdefault("fontName", FONT)
    kw.setdefault("fontSize", 10)
    kw.setdefault("leading", kw["fontSize"] * 1.3)
    kw.setdefault("textColor", INK)
    return ParagraphStyle(name, bulletFontName=FONT, **kw)


@lru_cache(maxsize=1)
def styles() -> Styles:
    """The paragraph styles, every one (bullets included) in the embedded font."""
    register_fonts()
    return Styles(
        title=_style("title", fontName=FONT_BOLD, fontSize=18, textColor=ACCENT, spaceAfter=3),
        subtitle=_style("subtitle", fontSize=10.5, textColor=MUTED, spaceAfter=6),
        h2=_style(
            "h2",
            fontName=FONT_BOLD,
            fontSize=12,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,  # never a heading alone at the foot of a page
        ),
        body=_style("body", spaceAfter=4),
        bullet=_style("bullet", leftIndent=12, bulletIndent=2, bulletFontSize=10, spaceAfter=2),
        check=_style("check", leftIndent=16, bulletIndent=0, bulletFontSize=12, spaceAfter=3),
        small=_style("small", fontSize=8, textColor=MUTED),
        cell=_style("cell", fontSize=9),
        cell_bold=_style("cell_bold", fontName=FONT_BOLD, fontSize=9),
        warning=_style(
            "warning",
            fontSize=9,
            textColor=WARN_INK,
            backColor=WARN_BG,
            borderPadding=(3, 4, 3, 4),
            spaceBefore=3,
            spaceAfter=5,
        ),
    )


def clean(text: object, limit: int | None = None) -> str:
    """``text`` as printable plain text: controls removed, cut to ``limit`` characters."""
    value = _CONTROL.sub("", unicodedata.normalize("NFC", str(text or "")))
    if limit is not None and len(value) > limit:
        value = value[: max(limit - 1, 0)].rstrip() + ELLIPSIS
    return value


def one_line(text: object, limit: int | None = None) -> str:
    """Like ``clean`` with line breaks and tabs turned into spaces (header, footer, cells)."""
    return clean(" ".join(clean(text).split()), limit)


def markup(text: object, limit: int | None = None) -> str:
    """User text made safe for Paragraph markup: ``<b>``, ``&`` print as typed; line
    breaks kept."""
    return escape(clean(text, limit)).replace("\n", "<br/>")


def fit_width(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut (with an ellipsis) to fit ``width`` points on one line."""
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        mid = (low + high + 1) // 2
        if stringWidth(text[:mid] + ELLIPSIS, font, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + ELLIPSIS


def table_style(*commands: tuple[Any, ...], header: bool = True, size: float = 9) -> TableStyle:
    """A grid table in the embedded font; the first row a shaded bold header if ``header``."""
    base: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), size * 1.25),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID),
        ("BOX", (0, 0), (-1, -1), 0.5, GRID),
    ]
    if header:
        base += [
            ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("TEXTCOLOR", (0, 0), (-1, 0), ACCENT),
            ("LINEBELOW", (0, 0), (-1, 0), 0.75, ACCENT),
        ]
    return TableStyle(base + list(commands))


def load_logo(path: Path | None) -> ImageReader | None:
    """The logo decoded once, or None when there is none or it cannot be read: a broken
    logo file must never stop a client's sheet from printing."""
    if path is None:
        return None
    try:
        reader = ImageReader(str(path))
        width, height = reader.getSize()
        reader.getRGBData()  # decode now, not half-way through writing the PDF
    except Exception:  # any unreadable image is skipped alike
        return None
    return reader if width > 0 and height > 0 else None


def qr_drawing(value: str, size: float) -> Drawing | None:
    """A ``size`` x ``size`` QR code of ``value``; None when the value cannot be encoded."""
    try:
        widget = QrCodeWidget(value, barLevel="M")
        x0, y0, x1, y1 = widget.getBounds()
    except Exception:  # too long or unencodable: print the sheet without it
        return None
    drawing = Drawing(
        size,
        size,
        transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0],
        initialFontName=FONT,
    )
    drawing.add(widget)
    return drawing


class CheckBoxItem(Flowable):
    """A checklist line with a drawn empty box, for a font that lacks ``☐``."""

    def __init__(self, paragraph: Paragraph, indent: float = 16, box: float = 8) -> None:
        super().__init__()
        self.paragraph, self.indent, self.box = paragraph, indent, box

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        width, height = self.paragraph.wrap(avail_width - self.indent, avail_height)
        self.width, self.height = width + self.indent, height
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = self.paragraph.split(avail_width - self.indent, avail_height)
        if not parts:
            return []
        # The box belongs to the first line only; the rest continues indented.
        first = type(self)(parts[0], self.indent, self.box)
        return [first, *(_Indented(part, self.indent, self.box) for part in parts[1:])]

    def draw(self) -> None:
        style = self.paragraph.style
        top = self.height - style.leading
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.7)
        self.canv.rect(0, top + (style.leading - self.box) / 2 - 1, self.box, self.box)
        self.paragraph.drawOn(self.canv, self.indent, 0)


class _Indented(CheckBoxItem):
    def draw(self) -> None:
        self.paragraph.drawOn(self.canv, self.indent, 0)


def checklist_item(text: str, style: ParagraphStyle) -> Flowable:
    """A requirement with an empty box to tick: the ``☐`` glyph when the font has it."""
    if has_glyph(CHECKBOX):
        return Paragraph(markup(text), style, bulletText=CHECKBOX)
    return CheckBoxItem(Paragraph(markup(text), style.clone("check_nobullet", leftIndent=0)))


def numbered_canvas(draw_total: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas class that keeps every page until the end so that ``draw_total`` can print
    "page X of Y" on each: one layout pass instead of multiBuild's two."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.update(state)
                draw_total(self, self._pageNumber, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def key_value_table(rows: list[tuple[str, Flowable | str]], label_width: float) -> Table:
    """A shaded summary box: a label per line and its value (a string or a Paragraph)."""
    st = styles()
    data = [
        [
            Paragraph(markup(label), st.cell),
            value if isinstance(value, Flowable) else Paragraph(value, st.cell_bold),
        ]
        for label, value in rows
    ]
    return Table(
        data,
        colWidths=[label_width, CONTENT_WIDTH - label_width],
        style=table_style(
            ("BACKGROUND", (0, 0), (-1, -1), SHADE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.white),
            ("BOX", (0, 0), (-1, -1), 0.75, ACCENT),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            header=False,
        ),
    )


# A table split over pages leaves at least this many lines (its total row included) for
# the last page: two lone rows of a schedule on a page of their own read as a mistake.
MIN_TAIL_ROWS = 5


class KeepTailTable(Table):
    """A Table that, split over pages, moves rows forward rather than leave fewer than
    MIN_TAIL_ROWS lines (below the repeated header) on the next page. Reportlab builds
    the parts of a split with ``self.__class__``, so every part keeps the rule."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        repeated = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        rows = len(self._cellvalues)
        kept = len(parts[0]._cellvalues)
        tail = rows - kept
        if tail >= MIN_TAIL_ROWS:
            return parts
        keep = kept - (MIN_TAIL_ROWS - tail)
        if keep - repeated < MIN_TAIL_ROWS:
            return []  # too little would stay here: the whole table starts on the next page
        height = sum(self._rowHeights[:keep])
        return super().split(availWidth, height + 0.5)


def long_tables(
    header: list[str],
    rows: list[list[str]],
    widths: list[float],
    *commands: tuple[Any, ...],
    chunk: int = 600,
    total_row: list[str] | None = None,
    size: float = 8.5,
) -> list[Table]:
    """Rows as tables of at most ``chunk`` rows, each repeating ``header`` on every page it
    spans. Splitting a table across pages re-measures the remaining rows, so the cost grows
    with rows x pages: measured 0.08 s for 600 rows in one table, 0.56 s for 2.400 (0.30 s
    in chunks of 300). A schedule (at most 600 months) stays one table, without a header
    repeated in mid-page at a chunk boundary; only longer lists are chunked. ``total_row``
    closes the last table in bold. Plain strings, not Paragraphs: cells never wrap."""
    tables: list[Table] = []
    starts = range(0, max(len(rows), 1), chunk)
    for start in starts:
        body = rows[start : start + chunk]
        extra: list[tuple[Any, ...]] = [("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA])]
        if total_row is not None and start == starts[-1]:
            body = [*body, total_row]
            extra += [
                ("FONTNAME", (0, -1), (-1, -1), FONT_BOLD),
                ("BACKGROUND", (0, -1), (-1, -1), SHADE),
                ("LINEABOVE", (0, -1), (-1, -1), 0.75, ACCENT),
            ]
        tables.append(
            KeepTailTable(
                [header, *body],
                colWidths=widths,
                repeatRows=1,
                style=table_style(*extra, *commands, size=size),
            )
        )
    return tables


class PageFrame:
    """The header (logo, bank, branch, a label on the right) and the footer lines drawn
    on every page; pass ``draw_page_number`` to ``numbered_canvas`` for "Halaman X dari Y".
    """

    def __init__(
        self,
        bank: str,
        branch: str,
        logo: ImageReader | None,
        labels: tuple[str, ...],
        footer: tuple[str, ...],
    ) -> None:
        self.bank, self.branch, self.logo = one_line(bank, 200), one_line(branch, 200), logo
        self.labels = tuple(one_line(label, 200) for label in labels[:2])
        self.footer = tuple(one_line(line, 500) for line in footer[:3])
        self.total = 0  # known once the canvas has every page

    def __call__(self, canv: Canvas, doc: object) -> None:
        canv.saveState()
        self._draw_header(canv)
        self._draw_footer(canv)
        canv.restoreState()

    def _draw_header(self, canv: Canvas) -> None:
        top = PAGE_HEIGHT - 10 * mm
        right = RIGHT
        x = LEFT
        if self.logo is not None:
            width, height = self.logo.getSize()
            scale = min(40 * mm / width, 15 * mm / height)  # fits the band, aspect kept
            w, h = width * scale, height * scale
            canv.drawImage(self.logo, x, top - h, w, h, mask="auto")
            x += w + 4 * mm
        label_width = 50 * mm
        text_width = right - label_width - x
        canv.setFillColor(ACCENT)
        canv.setFont(FONT_BOLD, 13)
        canv.drawString(x, top - 13, fit_width(self.bank, FONT_BOLD, 13, text_width))
        canv.setFillColor(MUTED)
        canv.setFont(FONT, 9)
        canv.drawString(x, top - 27, fit_width(self.branch, FONT, 9, text_width))
        canv.setFont(FONT, 8)
        for i, label in enumerate(self.labels):
            canv.drawRightString(right, top - 11 - 11 * i, fit_width(label, FONT, 8, label_width))
        canv.setStrokeColor(ACCENT)
        canv.setLineWidth(1)
        line_y = PAGE_HEIGHT - TOP_MARGIN + 4 * mm
        canv.line(LEFT, line_y, right, line_y)

    def _draw_footer(self, canv: Canvas) -> None:
        line_y = BOTTOM_MARGIN - 7 * mm
        canv.setStrokeColor(GRID)
        canv.setLineWidth(0.5)
        canv.line(LEFT, line_y, RIGHT, line_y)
        canv.setFillColor(MUTED)
        canv.setFont(FONT, 7.5)
        width = CONTENT_WIDTH - 28 * mm  # the page number sits at the right of line 1
        for i, text in enumerate(self.footer):
            canv.drawString(LEFT, line_y - 10 - 9.5 * i, fit_width(text, FONT, 7.5, width))

    def draw_page_number(self, canv: Canvas, page: int, total: int) -> None:
        self.total = total
        canv.saveState()
        canv.setFillColor(INK)
        canv.setFont(FONT_BOLD, 7.5)
        text = _("Halaman {page} dari {total}").format(page=page, total=total)
        canv.drawRightString(RIGHT, BOTTOM_MARGIN - 7 * mm - 10, text)
        canv.restoreState()
