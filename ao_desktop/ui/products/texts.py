"""The Products view's wording of figures: percentages, tenors, rates side by side.

Kept in one place so the summary, the comparison and the chart say the same thing the
same way (Indonesian decimal comma, `Rp` amounts, "bulan"/"tahun").
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from PySide6.QtCore import QCoreApplication

from ao_desktop.domain.clients.client import Client, ClientKind
from ao_desktop.domain.clients.enums import Sex
from ao_desktop.domain.clients.names import given_name
from ao_desktop.domain.common.formatting import format_pct, format_rupiah
from ao_desktop.domain.products.loan_schedule import InterestMethod, LoanSchedule, method_label


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProductTexts", text)


def tenor_text(months: int) -> str:
    """`240 bulan (20 tahun)`, `18 bulan (1 tahun 6 bulan)`, `6 bulan`."""
    years, rest = divmod(months, 12)
    text = _tr("{n} bulan").format(n=months)
    if years and rest:
        return text + _tr(" ({y} tahun {m} bulan)").format(y=years, m=rest)
    if years:
        return text + _tr(" ({y} tahun)").format(y=years)
    return text


def years_hint(months: int) -> str:
    """What a tenor in months is in years, beside the spin box: `= 20 tahun`."""
    years, rest = divmod(months, 12)
    if not years:
        return ""
    if rest:
        return _tr("= {y} tahun {m} bulan").format(y=years, m=rest)
    return _tr("= {y} tahun").format(y=years)


def rate_comparison_text(schedule: LoanSchedule) -> str:
    """The nominal rate and its equivalent side by side, so flat cannot pass for cheap."""
    request = schedule.request
    rate = format_pct(request.rate_pa)
    if InterestMethod(request.method) is InterestMethod.FLAT:
        return _tr("Bunga flat {rate} per tahun \u2248 {effective} efektif per tahun").format(
            rate=rate, effective=format_pct(schedule.effective_rate_pa, 2)
        )
    text = _tr("{method} {rate} per tahun").format(
        method=method_label(InterestMethod(request.method)), rate=rate
    )
    if schedule.flat_equivalent_pa is not None and request.rate_pa > 0:
        text += _tr(" \u2248 flat {flat} per tahun").format(
            flat=format_pct(schedule.flat_equivalent_pa, 2)
        )
    return text


def installment_html(schedule: LoanSchedule) -> str:
    """The installment large and bold, with a first/last note in normal size."""
    rows = schedule.installments
    first, last = rows[0].installment, rows[-1].installment
    big = "<span style='font-size:large; font-weight:bold'>{}</span>"
    if InterestMethod(schedule.request.method) is InterestMethod.DECLINING and len(rows) > 1:
        return (big.format(format_rupiah(first)) + " \u2192 " + big.format(format_rupiah(last))
                + "<br>" + escape(_tr("bulan pertama \u2192 bulan terakhir")))  # fmt: skip
    if first == last:
        return big.format(format_rupiah(first))
    return (
        big.format(format_rupiah(first))
        + "<br>"
        + escape(_tr("angsuran terakhir {last}").format(last=format_rupiah(last)))
    )


def installment_short(schedule: LoanSchedule) -> str:
    """The installment in a narrow cell: `Rp4.583.333 → Rp2.104.167` for declining."""
    rows = schedule.installments
    first, last = rows[0].installment, rows[-1].installment
    if InterestMethod(schedule.request.method) is InterestMethod.DECLINING and len(rows) > 1:
        return f"{format_rupiah(first)} \u2192 {format_rupiah(last)}"
    return format_rupiah(first)


def polite_name(client: Client) -> str:
    """How the AO speaks of the client: `Bu Siti`, `Pak Budi`, or the business name."""
    if client.kind is ClientKind.BUSINESS and client.business_name:
        return client.business_name
    first = given_name(client.full_name)
    if client.sex is Sex.FEMALE:
        return _tr("Bu {name}").format(name=first)
    if client.sex is Sex.MALE:
        return _tr("Pak {name}").format(name=first)
    return client.full_name


def juta(amount: int | Decimal) -> str:
    """An axis label in juta: `Rp2,5 jt`; below a million in ribu: `Rp250 rb`."""
    value = Decimal(amount)
    if value == 0:
        return "Rp0"
    if abs(value) < 1_000_000:
        number = (value / 1000).quantize(Decimal("0.1")).normalize()
        return "Rp" + f"{number:f}".replace(".", ",") + " rb"
    number = (value / 1_000_000).quantize(Decimal("0.01")).normalize()
    text = f"{number:,f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return "Rp" + text + " jt"


def method_hint(method: InterestMethod) -> str:
    """How the method computes interest, in one line under the method box."""
    return {
        InterestMethod.FLAT: _tr("Bunga dihitung dari plafon awal; angsuran sama tiap bulan"),
        InterestMethod.ANNUITY: _tr("Bunga dihitung dari sisa pokok; angsuran sama tiap bulan"),
        InterestMethod.DECLINING: _tr("Bunga dihitung dari sisa pokok; angsuran turun tiap bulan"),
    }[method]
