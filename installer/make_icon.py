"""Draws the application icon: a rounded square in bank blue with "AO" in white.

Run once when the design changes (the results are committed):
    uv run python installer/make_icon.py
writes resources/icon.png (256 px) and resources/icon.ico (16-256 px, drawn per size
so the small sizes stay sharp instead of being scaled down from the big one).
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
)

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
TOP, BOTTOM = QColor("#1663c7"), QColor("#0a3d82")  # bank blue, lighter at the top


def draw(size: int, family: str) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    margin = max(0.5, size / 32)
    rect = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    gradient = QLinearGradient(rect.topLeft(), rect.bottomLeft())
    gradient.setColorAt(0, TOP)
    gradient.setColorAt(1, BOTTOM)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(gradient)
    radius = rect.width() * 0.22
    p.drawRoundedRect(rect, radius, radius)
    font = QFont(family)
    font.setBold(True)
    font.setPixelSize(round(size * (0.50 if size >= 32 else 0.56)))
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 96)
    font.setHintingPreference(QFont.HintingPreference.PreferFullHinting)
    p.setFont(font)
    p.setPen(QColor("white"))
    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, "AO")
    if size >= 48:  # a thin gold underline: a hint of a bank card, invisible when tiny
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#f2b705"))
        bar_w, bar_h = rect.width() * 0.42, max(2.0, size / 28)
        p.drawRoundedRect(
            QRectF(
                rect.center().x() - bar_w / 2, rect.bottom() - rect.height() * 0.2, bar_w, bar_h
            ),
            bar_h / 2,
            bar_h / 2,
        )
    p.end()
    return image


def to_pil(image: QImage) -> Image.Image:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)  # noqa: F841 - fonts need it
    font_id = QFontDatabase.addApplicationFont(str(RESOURCES / "fonts" / "DejaVuSans-Bold.ttf"))
    family = QFontDatabase.applicationFontFamilies(font_id)[0] if font_id >= 0 else "Sans Serif"
    draw(256, family).save(str(RESOURCES / "icon.png"))
    images = [to_pil(draw(s, family)) for s in ICO_SIZES]
    # Pillow writes each size given in append_images as its own frame.
    images[-1].save(
        RESOURCES / "icon.ico",
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=images[:-1],
    )
    print(f"wrote {RESOURCES / 'icon.png'} and {RESOURCES / 'icon.ico'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
