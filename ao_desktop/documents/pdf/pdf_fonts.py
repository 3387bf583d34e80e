"""The Unicode TrueType fonts every PDF of the app is set in, registered once.

reportlab falls back to base-14 Helvetica wherever a font is not named: the page preamble,
table cells, drawings, paragraph bullets. Helvetica is not embedded and only knows
WinAnsi, so ``☐`` or a client's name in another script would print as garbage on some
viewers. Every document therefore passes ``FONT`` as ``initialFontName`` to its doc
template and to every Drawing, and sets it in every style (see ``pdf_parts``).
"""

from __future__ import annotations

from threading import Lock

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ao_desktop.paths import resource

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}
_lock = Lock()


class FontMissing(RuntimeError):
    """A bundled font file is missing (a broken installation)."""


def register_fonts() -> None:
    """Register the bundled fonts with reportlab; cheap after the first call, thread-safe
    (reports may be written from a worker thread)."""
    with _lock:
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, filename in _FILES.items():
            if name in registered:
                continue
            path = resource("fonts", filename)
            if not path.is_file():
                raise FontMissing(f"Font {filename} tidak ditemukan di {path.parent}")
            pdfmetrics.registerFont(TTFont(name, str(path)))
        # <b> and <i> in Paragraph markup resolve through this family; there is no
        # oblique face bundled, so italic maps to the upright one rather than Helvetica.
        addMapping(FONT, 0, 0, FONT)
        addMapping(FONT, 1, 0, FONT_BOLD)
        addMapping(FONT, 0, 1, FONT)
        addMapping(FONT, 1, 1, FONT_BOLD)


def has_glyph(char: str, font_name: str = FONT) -> bool:
    """Whether the registered font draws ``char`` (rather than an empty box)."""
    register_fonts()
    font = pdfmetrics.getFont(font_name)
    return ord(char) in font.face.charToGlyph
