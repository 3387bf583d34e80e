"""A simulation's table out to Excel: the loan schedule and the deposit projection, each
with a title and the terms it was computed for (so the file explains itself when the
AO sends it to a client or a colleague). The writer is documents/figures_xlsx.py."""

from __future__ import annotations

from pathlib import Path

from ao_desktop.domain.common.formatting import format_date, format_pct, format_rupiah
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.products.deposit import DepositResult
from ao_desktop.domain.products.loan_schedule import LoanSchedule, method_label


def export_loan_schedule(schedule: LoanSchedule, path: str | Path, product_name: str = "") -> int:
    """Write the installment schedule; returns the number of installments."""
    from ao_desktop.documents.products.figures_xlsx import FigureKind, write_figures

    r = schedule.request
    notes = [
        _("Plafon {a}, bunga {rate} per tahun ({method}), tenor {n} bulan, pencairan {d}.").format(
            a=format_rupiah(r.amount), rate=format_pct(r.rate_pa), method=method_label(r.method),
            n=r.tenor_months, d=format_date(r.start_date)),
        _("Total bunga {i}; total dibayar {p}; biaya di muka {f}; dana diterima {net}.").format(
            i=format_rupiah(schedule.total_interest), p=format_rupiah(schedule.total_paid),
            f=format_rupiah(schedule.total_fees), net=format_rupiah(schedule.net_disbursement)),
        _("Simulasi ini bersifat indikatif; angka akhir mengikuti perjanjian kredit."),
    ]  # fmt: skip
    title = _("Jadwal angsuran") + (f" \u2013 {product_name}" if product_name else "")
    rows = [(i.no, i.due_date, i.installment, i.principal, i.interest, i.balance)
            for i in schedule.installments]  # fmt: skip
    return write_figures(
        path, sheet_title=_("Jadwal angsuran"), title=title, notes=notes,
        headers=[_("No"), _("Jatuh tempo"), _("Angsuran"), _("Pokok"), _("Bunga"), _("Sisa pokok")],
        kinds=[FigureKind.NUMBER, FigureKind.DATE, *[FigureKind.MONEY] * 4], rows=rows,
        totals=[None, None, schedule.total_paid, r.amount, schedule.total_interest, None],
    )  # fmt: skip


def export_deposit_projection(result: DepositResult, path: str | Path, product_name: str = "") -> int:
    """Write the deposit's periods (the first placement and any ARO roll-overs)."""
    from ao_desktop.documents.products.figures_xlsx import FigureKind, write_figures

    r = result.request
    notes = [
        _("Nominal {a}, bunga {rate} per tahun, tenor {n} bulan, penempatan {d}{aro}.").format(
            a=format_rupiah(r.amount), rate=format_pct(r.rate_pa), n=r.tenor_months,
            d=format_date(r.start_date), aro=_(", perpanjangan otomatis (ARO)") if r.aro else ""),
        _("Saldo akhir {b}. Bunga dikenai pajak sesuai ketentuan yang berlaku.").format(
            b=format_rupiah(result.final_balance)),
        _("Simulasi ini bersifat indikatif; bunga dapat berubah pada saat perpanjangan."),
    ]  # fmt: skip
    title = _("Proyeksi deposito") + (f" \u2013 {product_name}" if product_name else "")
    rows = [(p.no, p.maturity_date, p.opening_balance, p.gross_interest, p.tax, p.net_interest,
             p.closing_balance) for p in result.periods]  # fmt: skip
    return write_figures(
        path, sheet_title=_("Proyeksi deposito"), title=title, notes=notes,
        headers=[_("Periode"), _("Jatuh tempo"), _("Saldo awal"), _("Bunga kotor"), _("Pajak"),
                 _("Bunga bersih"), _("Saldo akhir")],
        kinds=[FigureKind.NUMBER, FigureKind.DATE, *[FigureKind.MONEY] * 5], rows=rows,
    )  # fmt: skip
