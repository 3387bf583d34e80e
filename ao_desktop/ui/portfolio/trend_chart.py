"""TrendChart: outstanding (bars, left axis) and NPL (line, right axis, percent) over the
last six extracts, drawn with QPainter. The figures come in ready (TrendPoint); the
widget only lays them out."""

from __future__ import annotations

import math
from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ao_desktop.domain.common.formatting import MONTHS_SHORT, format_pct
from ao_desktop.domain.portfolio.summary import TrendPoint

BAR = QColor("#4A7FB5")
LINE = QColor("#C0392B")
GRID = QColor("#D5DCE3")
TEXT = QColor("#3E4C59")


def short_rupiah(amount: int) -> str:
    """"Rp25,9 M" (miliar), "Rp850 jt" (juta): axis labels that fit."""
    if abs(amount) >= 1_000_000_000:
        return "Rp" + f"{amount / 1_000_000_000:.1f}".replace(".", ",") + " M"
    if abs(amount) >= 1_000_000:
        return f"Rp{amount // 1_000_000} jt"
    return f"Rp{amount:,}".replace(",", ".")


class TrendChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: list[TrendPoint] = []
        self.setMinimumSize(360, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(520, 240)

    def set_points(self, points: list[TrendPoint]) -> None:
        self._points = list(points)
        self.update()

    @property
    def points(self) -> list[TrendPoint]:
        return self._points

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        font = QFont(self.font())
        font.setPointSizeF(max(7.5, font.pointSizeF() - 1))
        p.setFont(font)
        metrics = p.fontMetrics()
        if not self._points:
            p.setPen(TEXT)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Belum ada ekstrak."))
            return
        left, right = metrics.horizontalAdvance("Rp00,0 M") + 12, metrics.horizontalAdvance("00,00%") + 14
        top, bottom = metrics.height() + 10, metrics.height() * 2 + 8
        plot = QRectF(left, top, max(10, self.width() - left - right), max(10, self.height() - top - bottom))
        top_os = max(p_.outstanding for p_ in self._points) or 1
        # A right axis in whole percents: the top is the next multiple of 4 above the highest NPL.
        highest = max(p_.npl_ratio for p_ in self._points)
        top_npl = Decimal(max(4, math.ceil(highest * Decimal("1.15") / 4) * 4))
        # grid and left axis
        for i in range(5):
            y = plot.bottom() - plot.height() * i / 4
            p.setPen(QPen(GRID, 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(TEXT)
            p.drawText(QRectF(0, y - metrics.height() / 2, left - 6, metrics.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       short_rupiah(int(top_os * i / 4)))
            p.drawText(QRectF(plot.right() + 6, y - metrics.height() / 2, right - 6, metrics.height()),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       format_pct(top_npl * i / 4))
        n = len(self._points)
        slot = plot.width() / n
        line: list[QPointF] = []
        for i, point in enumerate(self._points):
            h = plot.height() * point.outstanding / top_os
            bar = QRectF(plot.left() + slot * i + slot * 0.2, plot.bottom() - h, slot * 0.6, h)
            p.fillRect(bar, BAR)
            label = f"{MONTHS_SHORT[point.as_of.month - 1]} {point.as_of.year % 100:02d}"
            p.setPen(TEXT)
            p.drawText(QRectF(plot.left() + slot * i, plot.bottom() + 4, slot, metrics.height()),
                       Qt.AlignmentFlag.AlignCenter, label)
            y = plot.bottom() - plot.height() * float(point.npl_ratio / top_npl)
            line.append(QPointF(plot.left() + slot * (i + 0.5), y))
        p.setPen(QPen(LINE, 2))
        for a, b in zip(line, line[1:], strict=False):
            p.drawLine(a, b)
        for i, dot in enumerate(line):
            p.setBrush(LINE)
            p.drawEllipse(dot, 3, 3)
            text = format_pct(self._points[i].npl_ratio, 2)
            width = metrics.horizontalAdvance(text) + 6
            box = QRectF(dot.x() - width / 2, dot.y() - metrics.height() - 6, width, metrics.height())
            p.fillRect(box, QColor(255, 255, 255, 225))  # readable over a bar
            p.setPen(LINE)
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
            p.setPen(QPen(LINE, 2))
        # legend
        p.setPen(TEXT)
        legend_y = self.height() - metrics.height() - 2
        p.fillRect(QRectF(left, legend_y + 3, 10, 10), BAR)
        p.drawText(QPointF(left + 14, legend_y + metrics.ascent()), self.tr("Baki debet"))
        x = left + 24 + metrics.horizontalAdvance(self.tr("Baki debet")) + 16
        p.setPen(QPen(LINE, 2))
        p.drawLine(QPointF(x, legend_y + 8), QPointF(x + 14, legend_y + 8))
        p.setPen(TEXT)
        p.drawText(QPointF(x + 18, legend_y + metrics.ascent()), self.tr("NPL (sumbu kanan)"))
        p.end()
