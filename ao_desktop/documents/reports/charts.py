"""The report's charts, drawn with reportlab's own graphics (vector, no image files):
the pipeline funnel, activities per week, the collectibility distribution and the
outstanding with NPL over six months.

Every Drawing gets `initialFontName` and every label, axis and legend the embedded font:
a string left at its default would bring base-14 Helvetica back (see pdf_fonts).
"""

from __future__ import annotations

from decimal import Decimal

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Group, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from ao_desktop.documents.pdf.pdf_fonts import FONT, FONT_BOLD
from ao_desktop.documents.pdf.pdf_parts import ACCENT, GRID, INK, MUTED
from ao_desktop.domain.common.formatting import format_number
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.reports.figures import PipelineFigures, PortfolioFigures, WeekCount
from ao_desktop.domain.reports.period import month_label

SECOND = colors.HexColor("#E08E0B")
KOL_COLOURS = ("#2E7D32", "#9CCC65", "#FBC02D", "#EF6C00", "#C62828")
MILLION = 1_000_000


def _drawing(width: float, height: float, title: str) -> Drawing:
    d = Drawing(width, height, initialFontName=FONT)
    d.add(String(0, height - 11, title, fontName=FONT_BOLD, fontSize=9, fillColor=ACCENT))
    return d


def _missing(d: Drawing, text: str) -> Drawing:
    d.add(Rect(0, 0, d.width, d.height - 18, strokeColor=GRID, fillColor=None, strokeWidth=0.5))
    d.add(String(d.width / 2, (d.height - 18) / 2, text, fontName=FONT, fontSize=9,
                 fillColor=MUTED, textAnchor="middle"))
    return d


def _axes_font(chart: VerticalBarChart | HorizontalLineChart) -> None:
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = FONT
        axis.labels.fontSize = 7
        axis.labels.fillColor = INK
        axis.strokeColor = GRID
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.forceZero = True


def _pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}".replace(".", ",") + "%"


def funnel(p: PipelineFigures, width: float, height: float = 150) -> Drawing:
    """Prospects -> applications -> customers as centred bars, widths to scale, each
    with its label above it."""
    d = _drawing(width, height, _("Corong pipeline"))
    steps = [(_("Prospek (awal + baru)"), p.prospects_in_pipeline, ""),
             (_("Menjadi pengajuan"), p.to_application, _pct(p.application_rate)),
             (_("Menjadi nasabah aktif"), p.to_active, _pct(p.customer_rate))]
    biggest = max((n for _l, n, _r in steps), default=0) or 1
    step_h, bar_h, top = 40, 20, height - 18
    for i, (label, n, rate) in enumerate(steps):
        y = top - (i + 1) * step_h
        w = max(2.0, width * n / biggest)
        d.add(Rect((width - w) / 2, y, w, bar_h, fillColor=[ACCENT, colors.HexColor("#3C7DBF"), SECOND][i],
                   strokeColor=None))
        text = f"{label}: {format_number(n)}" + (f" ({rate})" if rate else "")
        d.add(String(width / 2, y + bar_h + 4, text, fontName=FONT, fontSize=8, fillColor=INK,
                     textAnchor="middle"))
    return d


def weekly_activities(weeks: tuple[WeekCount, ...], width: float, height: float = 150) -> Drawing:
    d = _drawing(width, height, _("Kegiatan selesai per minggu"))
    if not weeks:
        return _missing(d, _("Tidak ada minggu dalam periode ini"))
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 18, width - 40, height - 50
    chart.data = [[w.visits_done for w in weeks], [w.calls_done for w in weeks]]
    chart.categoryAxis.categoryNames = [f"{w.first.day}/{w.first.month}" for w in weeks]
    chart.bars[0].fillColor, chart.bars[1].fillColor = ACCENT, SECOND
    chart.bars.strokeColor = None
    _axes_font(chart)
    chart.valueAxis.valueMin = 0
    d.add(chart)
    d.add(_legend(width, [(ACCENT, _("Kunjungan")), (SECOND, _("Telepon/pesan"))], height - 24))
    return d


def _legend(width: float, items: list[tuple[object, str]], y: float) -> Group:
    """Swatches and names in one row, right-aligned under the title."""
    group = Group()
    x = width
    for colour, name in reversed(items):
        x -= stringWidth(name, FONT, 7)
        group.add(String(x, y, name, fontName=FONT, fontSize=7, fillColor=INK))
        x -= 10
        group.add(Rect(x, y - 1, 7, 7, fillColor=colour, strokeColor=None))
        x -= 10
    return group


def collectibility(po: PortfolioFigures | None, width: float, height: float = 150) -> Drawing:
    d = _drawing(width, height, _("Kolektibilitas akhir periode (juta Rp)"))
    if po is None:
        return _missing(d, _("Belum ada ekstrak portofolio"))
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 25, width - 50, height - 50
    chart.data = [[round(a / MILLION, 1) for a in po.kol_amounts]]
    chart.categoryAxis.categoryNames = [_("Kol {n}").format(n=n) for n in range(1, 6)]
    for i, colour in enumerate(KOL_COLOURS):
        chart.bars[(0, i)].fillColor = colors.HexColor(colour)
    chart.bars.strokeColor = None
    _axes_font(chart)
    d.add(chart)
    return d


def outstanding_trend(po: PortfolioFigures | None, width: float, height: float = 150) -> Drawing:
    d = _drawing(width, height, _("Outstanding (juta Rp) dan NPL, enam bulan"))
    if po is None or not po.trend:
        return _missing(d, _("Belum ada ekstrak portofolio"))
    # Six "Jun 2026" labels do not fit under the half-width chart: the year only on the
    # first month and on January ("Jun '26", "Jul", ..., "Jan '27").
    names = [month_label(p.month).replace(" 20", " '") if i == 0 or p.month.endswith("-01")
             else month_label(p.month).split()[0] for i, p in enumerate(po.trend)]
    bars = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = 40, 18, width - 80, height - 50
    bars.data = [[round(p.outstanding / MILLION, 1) for p in po.trend]]
    bars.categoryAxis.categoryNames = names
    bars.bars[0].fillColor = ACCENT
    bars.bars.strokeColor = None
    _axes_font(bars)
    line = HorizontalLineChart()
    line.x, line.y, line.width, line.height = bars.x, bars.y, bars.width, bars.height
    line.data = [[float(p.npl_ratio or 0) for p in po.trend]]
    line.lines[0].strokeColor = SECOND
    line.lines[0].strokeWidth = 1.5
    line.categoryAxis.visible = False
    line.valueAxis.joinAxisMode = "right"
    _axes_font(line)
    line.valueAxis.visibleGrid = False
    line.valueAxis.labelTextFormat = lambda v: format_number(Decimal(str(v)), 1) + "%"
    # The right-hand axis: its labels outside the plot, not over the last bar.
    line.valueAxis.labels.boxAnchor = "w"
    line.valueAxis.labels.dx = 3
    d.add(bars)
    d.add(line)
    d.add(_legend(width, [(ACCENT, _("Outstanding")), (SECOND, _("NPL %"))], height - 24))
    return d
