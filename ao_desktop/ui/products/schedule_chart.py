"""ScheduleChart: how each payment splits into principal and interest over the tenor.

Stacked bars, principal below and interest on top, drawn with QPainter (QtCharts is not
in PySide6-Essentials). Up to 36 months the bars are months; longer tenors are summed
per year so a 30-year KPR still reads at a glance (interest dominates the early years).
The vertical axis is in Rupiah juta. Floats are used for pixel positions only; the
figures in the tooltips are the schedule's exact integers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ao_desktop.domain.common.formatting import format_rupiah
from ao_desktop.domain.products.loan_schedule import LoanSchedule
from ao_desktop.ui.products.texts import juta

PRINCIPAL_COLOR = QColor("#1565c0")
INTEREST_COLOR = QColor("#ef6c00")
GRID_COLOR = QColor("#e0e0e0")
AXIS_COLOR = QColor("#616161")
MONTHLY_UP_TO = 36
_TICKS = 4


@dataclass(frozen=True)
class Bucket:
    """One bar: a month, or a year of months."""

    label: str  # "7" (month 7) or "3" (year 3)
    first_month: int
    last_month: int
    principal: int
    interest: int

    @property
    def total(self) -> int:
        return self.principal + self.interest


def buckets_of(schedule: LoanSchedule | None) -> list[Bucket]:
    """The bars for a schedule: one per month up to 36 months, else one per year."""
    if schedule is None:
        return []
    rows = schedule.installments
    if len(rows) <= MONTHLY_UP_TO:
        return [Bucket(str(r.no), r.no, r.no, r.principal, r.interest) for r in rows]
    bars = []
    for start in range(0, len(rows), 12):
        year = rows[start : start + 12]
        bars.append(
            Bucket(
                str(start // 12 + 1),
                year[0].no,
                year[-1].no,
                sum(r.principal for r in year),
                sum(r.interest for r in year),
            )
        )
    return bars


def nice_step(maximum: int, ticks: int = _TICKS) -> int:
    """A round tick step (1, 2, 2.5 or 5 x 10^k rupiah) so `ticks` steps cover `maximum`."""
    if maximum <= 0:
        return 1
    raw = maximum / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * magnitude
        if step >= raw:
            return max(1, int(step))
    return max(1, int(10 * magnitude))  # pragma: no cover - the loop always returns


class ScheduleChart(QWidget):
    """Principal against interest per month or year, for the simulator's schedule."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._buckets: list[Bucket] = []
        self._yearly = False
        self._bar_rects: list[QRectF] = []
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(520, 240)

    def set_schedule(self, schedule: LoanSchedule | None) -> None:
        self._buckets = buckets_of(schedule)
        self._yearly = schedule is not None and len(schedule.installments) > MONTHLY_UP_TO
        self.update()

    @property
    def buckets(self) -> list[Bucket]:
        return list(self._buckets)

    @property
    def yearly(self) -> bool:
        return self._yearly

    # --- painting -------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.fillRect(self.rect(), self.palette().base())
            if not self._buckets:
                self._bar_rects = []
                painter.setPen(self.palette().placeholderText().color())
                painter.drawText(
                    self.rect(),
                    Qt.AlignmentFlag.AlignCenter,
                    self.tr("Grafik pokok dan bunga muncul setelah simulasi terisi"),
                )
                return
            self._paint_chart(painter)
        finally:
            painter.end()

    def _paint_chart(self, painter: QPainter) -> None:
        metrics = painter.fontMetrics()
        line = metrics.height()
        top_value = max(b.total for b in self._buckets)
        step = nice_step(top_value)
        ticks = max(1, math.ceil(top_value / step))
        axis_max = step * ticks
        labels = [juta(step * k) for k in range(ticks + 1)]
        left = max(metrics.horizontalAdvance(t) for t in labels) + 10
        plot = QRectF(left, line * 2 + 4, self.width() - left - 12, 0)
        plot.setBottom(self.height() - line * 2 - 8)
        if plot.width() < 20 or plot.height() < 20:
            return
        self._paint_legend(painter, plot, line)
        # Horizontal grid lines with their Rupiah labels.
        for k, text in enumerate(labels):
            y = plot.bottom() - plot.height() * k / ticks
            painter.setPen(QPen(GRID_COLOR if k else AXIS_COLOR, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(AXIS_COLOR)
            painter.drawText(
                QRectF(0, y - line / 2, left - 6, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
        self._paint_bars(painter, plot, axis_max, metrics.horizontalAdvance("000") + 6, line)
        title = self.tr("Tahun ke-") if self._yearly else self.tr("Bulan ke-")
        painter.setPen(AXIS_COLOR)
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + line + 4, plot.width(), line),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
            title,
        )

    def _paint_legend(self, painter: QPainter, plot: QRectF, line: int) -> None:
        x = plot.left()
        for color, text in (
            (PRINCIPAL_COLOR, self.tr("Pokok")),
            (INTEREST_COLOR, self.tr("Bunga")),
        ):
            painter.fillRect(QRectF(x, 4 + line * 0.2, line * 0.8, line * 0.8), color)
            painter.setPen(self.palette().text().color())
            width = painter.fontMetrics().horizontalAdvance(text)
            painter.drawText(
                QRectF(x + line, 4, width + 4, line), Qt.AlignmentFlag.AlignVCenter, text
            )
            x += line + width + 18

    def _paint_bars(
        self, painter: QPainter, plot: QRectF, axis_max: int, label_width: int, line: int
    ) -> None:
        count = len(self._buckets)
        slot = plot.width() / count
        bar = max(1.0, slot * 0.7)
        every = max(1, math.ceil(label_width / slot))
        # Label the first bar and then round multiples (5, 10, 15...) when they must thin out.
        if every > 1:
            every = next(n for n in (2, 3, 5, 10, 12, 20, 25, 50, 100) if n >= every)
        scale = plot.height() / axis_max
        self._bar_rects = []
        painter.setPen(Qt.PenStyle.NoPen)
        for i, bucket in enumerate(self._buckets):
            x = plot.left() + slot * i + (slot - bar) / 2
            principal_h = bucket.principal * scale
            interest_h = bucket.interest * scale
            base = plot.bottom()
            painter.fillRect(QRectF(x, base - principal_h, bar, principal_h), PRINCIPAL_COLOR)
            painter.fillRect(
                QRectF(x, base - principal_h - interest_h, bar, interest_h), INTEREST_COLOR
            )
            self._bar_rects.append(QRectF(plot.left() + slot * i, plot.top(), slot, plot.height()))
            number = int(bucket.label)
            if number == 1 or number % every == 0:
                painter.setPen(AXIS_COLOR)
                painter.drawText(
                    QRectF(x + bar / 2 - label_width / 2, base + 3, label_width, line),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    bucket.label,
                )
                painter.setPen(Qt.PenStyle.NoPen)

    # --- tooltips -------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def tooltip_at(self, point: QPointF) -> str:
        """The figures of the bar under `point` (empty between bars or off the plot)."""
        for rect, bucket in zip(self._bar_rects, self._buckets, strict=False):
            if rect.contains(point):
                if self._yearly:
                    title = self.tr("Tahun ke-{n} (bulan {a}\u2013{b})").format(
                        n=bucket.label, a=bucket.first_month, b=bucket.last_month
                    )
                else:
                    title = self.tr("Bulan ke-{n}").format(n=bucket.label)
                return self.tr("{title}\nPokok: {p}\nBunga: {i}\nJumlah: {t}").format(
                    title=title,
                    p=format_rupiah(bucket.principal),
                    i=format_rupiah(bucket.interest),
                    t=format_rupiah(bucket.total),
                )
        return ""
