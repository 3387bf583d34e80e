"""The simulation part of a product sheet (RIPLAY section 8): the loan's figures, its
schedule (kept free of orphan rows on a last page), the client's DSR, the comparison of
interest methods and the deposit projection, with the plain-language sentences that
explain them to the client.
"""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Paragraph,
    Spacer,
    Table,
)

from ao_desktop.documents.pdf.pdf_parts import (
    CONTENT_WIDTH,
    key_value_table,
    long_tables,
    markup,
    styles,
    table_style,
)
from ao_desktop.documents.products.product_sheet_data import ProductSheetData, SheetHeader  # noqa: F401 - re-exported
from ao_desktop.domain.common.formatting import (
    format_date,
    format_pct,
    format_rupiah,
)
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.products.affordability import Affordability
from ao_desktop.domain.products.deposit import DepositResult
from ao_desktop.domain.products.loan_schedule import (
    InterestMethod,
    LoanSchedule,
    method_label,
)
from ao_desktop.domain.products.riplay import RiplayKind

# A table's heading starts a new page unless this much room is left for its first rows.
TABLE_START = 45 * mm
ALIGN_MONEY = ("ALIGN", (2, 0), (-1, -1), "RIGHT")
LABEL_WIDTH = 62 * mm
MAX_COMPARISON = 3


def rate_text(schedule: LoanSchedule) -> str:
    """The nominal rate with its equivalent, so a flat rate cannot pass for a cheap one."""
    rate = Decimal(schedule.request.rate_pa)
    if schedule.request.method == InterestMethod.FLAT:
        return _("Bunga flat {rate} per tahun setara {effective} efektif per tahun").format(
            rate=format_pct(rate), effective=format_pct(schedule.effective_rate_pa, 2)
        )
    text = _("Bunga efektif {rate} per tahun").format(rate=format_pct(rate))
    if schedule.flat_equivalent_pa is not None and rate > 0:
        text += _(" (setara bunga flat {flat} per tahun)").format(
            flat=format_pct(schedule.flat_equivalent_pa, 2)
        )
    return text


def installment_text(schedule: LoanSchedule) -> str:
    rows = schedule.installments
    first, last = rows[0].installment, rows[-1].installment
    if schedule.request.method == InterestMethod.DECLINING and len(rows) > 1:
        return _("{first} pada bulan pertama, turun hingga {last} pada bulan terakhir").format(
            first=format_rupiah(first), last=format_rupiah(last)
        )
    if first == last:
        return _("{amount} setiap bulan").format(amount=format_rupiah(first))
    return _("{amount} (angsuran terakhir {last})").format(
        amount=format_rupiah(first), last=format_rupiah(last)
    )


def _method_hint(method: InterestMethod) -> str:
    return {
        InterestMethod.FLAT: _("bunga dihitung dari plafon awal, angsuran sama setiap bulan"),
        InterestMethod.ANNUITY: _("bunga dihitung dari sisa pokok, angsuran sama setiap bulan"),
        InterestMethod.DECLINING: _("bunga dihitung dari sisa pokok, angsuran turun tiap bulan"),
    }[method]


def _tenor_text(months: int) -> str:
    years, rest = divmod(months, 12)
    text = _("{n} bulan").format(n=months)
    if years and rest:
        return text + _(" ({years} tahun {months} bulan)").format(years=years, months=rest)
    return text + _(" ({years} tahun)").format(years=years) if years else text


def _simulation_title(kind: RiplayKind, what: str) -> str:
    if kind is RiplayKind.PERSONAL:
        return _("8. Simulasi {what} Anda").format(what=what)
    return _("8. Contoh simulasi {what}").format(what=what)


def loan_section(
    schedule: LoanSchedule, affordability: Affordability | None, kind: RiplayKind
) -> list[Flowable]:
    """The simulation's summary; the personal version adds the whole schedule (the general
    one is an example and keeps to its summary, so it stays short)."""
    st = styles()
    request, rows = schedule.request, schedule.installments
    method = InterestMethod(request.method)
    hint = _method_hint(method)
    rows_kv: list[tuple[str, Flowable | str]] = [
        (_("Plafon pinjaman"), format_rupiah(request.amount)),
        (_("Jangka waktu (tenor)"), _tenor_text(request.tenor_months)),
        (_("Metode bunga"), Paragraph(f"<b>{method_label(method)}</b>: {hint}", st.cell)),
        (_("Suku bunga"), rate_text(schedule)),
        (_("Angsuran per bulan"), installment_text(schedule)),
        (_("Angsuran pertama jatuh tempo"), format_date(rows[0].due_date)),
        (_("Total bunga"), format_rupiah(schedule.total_interest)),
        (_("Total pembayaran (pokok + bunga)"), format_rupiah(schedule.total_paid)),
    ]
    # Each fee in rupiah is in the costs section (7); the simulation keeps their total.
    if schedule.total_fees:
        rows_kv.append(
            (_("Total biaya (dipotong saat pencairan)"), format_rupiah(schedule.total_fees))
        )
    rows_kv.append((_("Dana yang Anda terima"), format_rupiah(schedule.net_disbursement)))
    rows_kv.append(
        (
            _("Total biaya kredit (bunga + biaya)"),
            format_rupiah(schedule.total_interest + schedule.total_fees),
        )
    )
    if affordability is not None:
        rows_kv.append((_("Rasio angsuran terhadap penghasilan (DSR)"), _dsr_text(affordability)))
    story: list[Flowable] = [
        Paragraph(_simulation_title(kind, _("kredit")), st.h2),
        key_value_table(rows_kv, LABEL_WIDTH),
        Spacer(1, 4),
        Paragraph(_meaning(schedule), st.body),
    ]
    if kind is not RiplayKind.PERSONAL:
        return story
    story += [
        CondPageBreak(TABLE_START),
        Paragraph(_("Jadwal angsuran"), st.h2),
        Paragraph(
            _(
                "Angsuran jatuh tempo setiap tanggal {day} (hari terakhir bulan bila bulan itu "
                "lebih pendek). Sisa pokok adalah pinjaman yang belum dibayar setelah angsuran."
            ).format(day=request.start_date.day),
            st.small,
        ),
        Spacer(1, 3),
    ]
    header = [_("No"), _("Jatuh tempo"), _("Angsuran"), _("Pokok"), _("Bunga"), _("Sisa pokok")]
    body = [
        [str(r.no), format_date(r.due_date), format_rupiah(r.installment),
         format_rupiah(r.principal), format_rupiah(r.interest), format_rupiah(r.balance)]
        for r in rows
    ]  # fmt: skip
    total = ["", _("Jumlah"), format_rupiah(schedule.total_paid), format_rupiah(request.amount),
             format_rupiah(schedule.total_interest), ""]  # fmt: skip
    money = (CONTENT_WIDTH - 37 * mm) / 4
    story += long_tables(
        header,
        body,
        [11 * mm, 26 * mm, money, money, money, money],
        ALIGN_MONEY,
        ("ALIGN", (0, 0), (0, -1), "RIGHT"),
        total_row=total,
    )
    return story


def _dsr_text(affordability: Affordability) -> str:
    if affordability.dsr_pct is None:
        return _("Belum dapat dihitung: penghasilan belum diisi")
    text = _(
        "{dsr} dari penghasilan bersih per bulan (batas {limit}, semua angsuran paling banyak "
        "{limit_amount} per bulan)"
    ).format(
        dsr=format_pct(affordability.dsr_pct, 2),
        limit=format_pct(affordability.max_dsr_pct),
        limit_amount=format_rupiah(affordability.limit_amount),
    )
    if affordability.affordable:
        return text + _(": memenuhi batas")
    return text + _(": melebihi batas, kelebihan {amount} per bulan").format(
        amount=format_rupiah(-affordability.headroom)
    )


def _meaning(schedule: LoanSchedule) -> str:
    """The simulation in one plain sentence."""
    n = schedule.request.tenor_months
    if schedule.request.method == InterestMethod.DECLINING:
        start = _("Artinya, angsuran Anda dimulai dari {first} dan turun setiap bulan.").format(
            first=format_rupiah(schedule.first_installment)
        )
    else:
        start = _("Artinya, Anda membayar {amount} setiap bulan selama {n} bulan.").format(
            amount=format_rupiah(schedule.first_installment), n=n
        )
    return (
        start
        + " "
        + _(
            "Dari seluruh pembayaran {total}, sebanyak {principal} adalah pokok pinjaman dan "
            "{interest} adalah bunga."
        ).format(
            total=format_rupiah(schedule.total_paid),
            principal=format_rupiah(schedule.request.amount),
            interest=format_rupiah(schedule.total_interest),
        )
    )


def comparison_section(schedules: tuple[LoanSchedule, ...]) -> list[Flowable]:
    st = styles()
    columns = list(schedules)
    lines = [
        (_("Metode bunga"), [method_label(InterestMethod(s.request.method)) for s in columns]),
        (_("Plafon"), [format_rupiah(s.request.amount) for s in columns]),
        (_("Jangka waktu"), [_("{n} bulan").format(n=s.request.tenor_months) for s in columns]),
        (_("Suku bunga"), [rate_text(s) for s in columns]),
        (_("Angsuran per bulan"), [installment_text(s) for s in columns]),
        (_("Total bunga"), [format_rupiah(s.total_interest) for s in columns]),
        (_("Total pembayaran"), [format_rupiah(s.total_paid) for s in columns]),
        (_("Dana yang Anda terima"), [format_rupiah(s.net_disbursement) for s in columns]),
    ]
    header = [""] + [_("Pilihan {no}").format(no=i) for i in range(1, len(columns) + 1)]
    data = [header] + [
        [Paragraph(label, st.cell_bold)] + [Paragraph(v, st.cell) for v in values]
        for label, values in lines
    ]
    width = (CONTENT_WIDTH - 40 * mm) / len(columns)
    table = Table(data, colWidths=[40 * mm] + [width] * len(columns), repeatRows=1)
    table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP")))
    story: list[Flowable] = [
        CondPageBreak(TABLE_START),
        Paragraph(_("Perbandingan pilihan"), st.h2),
        table,
    ]
    if len(columns) > 1:
        cheapest = min(range(len(columns)), key=lambda i: columns[i].total_paid)
        note = _("Total pembayaran terendah: Pilihan {no} ({amount}).").format(
            no=cheapest + 1, amount=format_rupiah(columns[cheapest].total_paid)
        )
        story += [Spacer(1, 4), Paragraph(note, st.body)]
    return story


def deposit_section(result: DepositResult, kind: RiplayKind) -> list[Flowable]:
    st = styles()
    request, rules = result.request, result.rules
    tax_label = _("Pajak bunga ({pct})").format(pct=format_pct(rules.tax_pct))
    tax = format_rupiah(result.tax)
    if not result.tax:
        tax += _(" (nominal tidak lebih dari {limit}, bebas pajak)").format(
            limit=format_rupiah(rules.tax_free_threshold)
        )
    rows: list[tuple[str, Flowable | str]] = [
        (_("Nominal penempatan"), format_rupiah(request.amount)),
        (
            _("Jangka waktu"),
            _("{n} bulan ({days} hari)").format(n=request.tenor_months, days=result.days),
        ),
        (_("Suku bunga"), _("{rate} per tahun").format(rate=format_pct(request.rate_pa))),
        (_("Tanggal penempatan"), format_date(request.start_date)),
        (_("Tanggal jatuh tempo"), format_date(result.maturity_date)),
        (_("Bunga kotor"), format_rupiah(result.gross_interest)),
        (tax_label, tax),
        (_("Bunga bersih"), format_rupiah(result.net_interest)),
        (_("Nilai saat jatuh tempo"), format_rupiah(result.value_at_maturity)),
        (_("Perpanjangan otomatis (ARO)"), _("Ya") if request.aro else _("Tidak")),
    ]
    story: list[Flowable] = [
        Paragraph(_simulation_title(kind, _("deposito")), st.h2),
        key_value_table(rows, LABEL_WIDTH),
        Spacer(1, 4),
    ]
    for warning in result.warnings:
        story.append(Paragraph("\u26a0 " + markup(warning), st.warning))
    if result.lps_guaranteed:
        lps = _(
            "Simpanan dijamin LPS sampai {limit} per nasabah per bank selama suku bunganya "
            "tidak melebihi tingkat bunga penjaminan LPS ({rate})."
        ).format(limit=format_rupiah(rules.lps_max_balance), rate=format_pct(rules.lps_max_rate_pa))
        story.append(Paragraph(lps, st.small))
    if len(result.periods) > 1:
        story += [
            CondPageBreak(TABLE_START),
            Paragraph(_("Proyeksi perpanjangan otomatis (ARO)"), st.h2),
        ]
        # Each period starts on the previous maturity date, so only the maturity is listed.
        header = [_("Ke-"), _("Jatuh tempo"), _("Saldo awal"), _("Bunga kotor"),
                  _("Pajak"), _("Bunga bersih"), _("Saldo akhir")]  # fmt: skip
        body = [
            [str(p.no), format_date(p.maturity_date), format_rupiah(p.opening_balance),
             format_rupiah(p.gross_interest), format_rupiah(p.tax), format_rupiah(p.net_interest),
             format_rupiah(p.closing_balance)]
            for p in result.periods
        ]  # fmt: skip
        # Seven columns: 7.5 pt fits balances up to Rp9.999.999.999 in each money column.
        money = (CONTENT_WIDTH - 31 * mm) / 5
        widths = [9 * mm, 22 * mm, money, money, money, money, money]
        story += long_tables(
            header,
            body,
            widths,
            ALIGN_MONEY,
            ("ALIGN", (0, 0), (0, -1), "RIGHT"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            size=7.5,
        )
    return story
