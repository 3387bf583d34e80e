"""The product sheet an AO prints, laid out as OJK's RIPLAY (Ringkasan Informasi Produk
dan Layanan): general (umum) for anyone, personal for one client's amount and tenor. Its
sections follow OJK's order: product name and type, issuer, main features, benefits,
risks, requirements and procedure, costs, simulation, additional information; the
personal version ends with the client's signed statement (see `riplay_sections`).

A4 portrait in Bahasa Indonesia, DejaVu Sans embedded throughout. Every page carries the
bank header and a footer with "Halaman X dari Y", the print time, the terms version that
makes the sheet traceable, the AO and the note that the simulation is indicative.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
)

from ao_desktop.documents.pdf.pdf_fonts import FONT, register_fonts
from ao_desktop.documents.pdf.pdf_parts import (
    ACCENT,
    BOTTOM_MARGIN,
    CONTENT_WIDTH,
    MARGIN_X,
    TOP_MARGIN,
    PageFrame,
    checklist_item,
    key_value_table,
    load_logo,
    long_tables,
    markup,
    numbered_canvas,
    one_line,
    qr_drawing,
    styles,
    table_style,
)
from ao_desktop.documents.products import riplay_sections as riplay
from ao_desktop.documents.products.product_sheet_data import ProductSheetData, SheetHeader  # noqa: F401 - re-exported
from ao_desktop.domain.common.formatting import (
    format_date,
    format_date_long,
    format_pct,
    format_rupiah,
)
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.phone import PhoneError, PhoneKind, PhoneNumber, normalize_phone
from ao_desktop.domain.products.affordability import Affordability
from ao_desktop.domain.products.deposit import DepositResult
from ao_desktop.domain.products.loan_schedule import (
    InterestMethod,
    LoanSchedule,
    method_label,
)
from ao_desktop.domain.products.product import Product, ProductKind, product_kind_label
from ao_desktop.domain.products.riplay import RiplayKind, riplay_title

QR_SIZE = 26 * mm
MAX_COMPARISON = 3
# One-line places (header, footer, metadata, the WhatsApp text) cut runaway text so it can
# neither overflow the QR code's capacity nor push the footer off the page.
NAME_LIMIT = 120
LABEL_WIDTH = 62 * mm
# A table's heading starts a new page unless this much room is left for its first rows.
TABLE_START = 45 * mm
ALIGN_MONEY = ("ALIGN", (2, 0), (-1, -1), "RIGHT")


def write_product_sheet(data: ProductSheetData, out: Path | BinaryIO) -> int:
    """Write the sheet as PDF to a path (replaced atomically) or a binary stream and
    return its page count. Nothing is written when building fails."""
    register_fonts()
    product, header = data.product, data.header
    frame = _page_frame(data)
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=one_line(f"RIPLAY {data.kind.value.capitalize()}: {product.name}", NAME_LIMIT),
        author=one_line(header.officer_name, NAME_LIMIT),
        subject=one_line(f"{product_kind_label(product.kind)}: {product.name}", NAME_LIMIT),
        creator="AO Desktop",
        initialFontName=FONT,  # else every page's preamble selects Helvetica
        initialFontSize=10,
        initialLeading=13,
    )
    doc.build(
        _story(data),
        onFirstPage=frame,
        onLaterPages=frame,
        canvasmaker=numbered_canvas(frame.draw_page_number),
    )
    _deliver(buffer.getvalue(), out)
    return frame.total


def _deliver(pdf: bytes, out: Path | BinaryIO) -> None:
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


def _page_frame(data: ProductSheetData) -> PageFrame:
    header, product, printed = data.header, data.product, data.printed_at
    terms = _("Ketentuan produk versi {version}").format(
        version=one_line(product.terms_version, 40)
    )
    if product.terms_effective is not None:
        terms += _(", berlaku sejak {date}").format(date=format_date(product.terms_effective))
    printed_text = _("Dicetak {date} {time}").format(
        date=format_date_long(printed.date()), time=f"{printed:%H:%M}"
    )
    officer = one_line(header.officer_name, NAME_LIMIT)
    phone = officer_phone(header.officer_phone)
    contact = " \u00b7 ".join(part for part in (officer, phone.display if phone else "") if part)
    return PageFrame(
        bank=header.bank_name,
        branch=header.branch_name,
        logo=load_logo(header.logo_path),
        labels=(
            _("RIPLAY Personal") if data.kind is RiplayKind.PERSONAL else _("RIPLAY Umum"),
            one_line(product.code, 40),
        ),
        footer=(
            f"{printed_text} \u00b7 {terms}",
            _("Account Officer: {contact}").format(contact=contact) if contact else "",
            _("Simulasi ini bersifat indikatif dan dapat berbeda dengan perhitungan akhir bank."),
        ),
    )


def officer_phone(text: str) -> PhoneNumber | None:
    """The AO's number, or None when it is empty or not a valid Indonesian number."""
    if not text:
        return None
    try:
        return normalize_phone(text)
    except PhoneError:
        return None


def whatsapp_link(header: SheetHeader, product: Product) -> str | None:
    """The wa.me link to the AO with a short greeting; None without a mobile number."""
    phone = officer_phone(header.officer_phone)
    if phone is None or phone.kind is not PhoneKind.MOBILE:
        return None
    officer = one_line(header.officer_name, 40)
    if officer:
        text = _("Halo Pak/Bu {officer}, saya ingin bertanya tentang {product}")
    else:
        text = _("Halo, saya ingin bertanya tentang {product}")
    return phone.whatsapp_link(text.format(officer=officer, product=one_line(product.name, 60)))


def _story(data: ProductSheetData) -> list[Flowable]:
    st = styles()
    product = data.product
    story: list[Flowable] = [Paragraph(riplay_title(data.kind), st.title)]
    if data.kind is RiplayKind.PERSONAL:
        prepared = _("Disiapkan untuk: <b>{client}</b>")
        story.append(Paragraph(prepared.format(client=markup(data.client_name, 200)), st.body))
    else:
        story.append(Paragraph(_("Untuk calon nasabah; simulasi di bawah adalah contoh."), st.small))
    # 1. Product name and type
    identity: list[tuple[str, Flowable | str]] = [
        (_("Nama produk"), markup(product.name, 300)),
        (_("Jenis produk"), markup(product_kind_label(product.kind))),
    ]
    story += [riplay.heading(1, _("Nama dan jenis produk")), key_value_table(identity, LABEL_WIDTH)]
    if product.short_description.strip():  # a paragraph, not a cell: it may be long
        story.append(Paragraph(markup(product.short_description), st.small))
    # 2. Issuer
    story += riplay.issuer_section(2, data)
    # 3. Main features
    story.append(riplay.heading(3, _("Fitur utama")))
    explanation = product.long_description.replace("\r\n", "\n").split("\n\n")
    story += [Paragraph(markup(p.strip()), st.body) for p in explanation if p.strip()]
    facts = _product_facts(product)
    if facts:
        story.append(key_value_table(facts, LABEL_WIDTH))
    # 4. Benefits
    story += _bullets(riplay.heading(4, _("Manfaat")), product.benefits)
    # 5. Risks
    story += riplay.risks_section(5, product)
    # 6. Requirements and procedure
    story.append(riplay.heading(6, _("Persyaratan dan tata cara")))
    who = _("Siapa yang dapat mengajukan") if product.is_loan else _("Syarat dan ketentuan")
    story += _bullets(Paragraph(who, st.body), product.eligibility)
    documents = [d for d in product.required_documents if d.strip()]
    if documents:
        hint = _("Dokumen yang perlu disiapkan (beri tanda centang yang sudah Anda siapkan):")
        story += [Paragraph(hint, st.body), Spacer(1, 2)]
        story += [checklist_item(d, st.check) for d in documents]
    story += [Paragraph(_("Tata cara:"), st.body), *riplay.bullets(riplay.procedure_lines(product))]
    # 7. Costs, penalties, early repayment
    story += riplay.costs_section(7, data)
    # 8. Simulation
    if data.schedule is not None:
        story += _loan_section(data.schedule, data.affordability, data.kind)
    if data.comparison:
        story += _comparison_section(data.comparison[:MAX_COMPARISON])
    if data.deposit is not None:
        story += _deposit_section(data.deposit, data.kind)
    # 9. Additional information, the AO's contact and (personal) the client's statement
    story += riplay.additional_section(9, data)
    story += [Spacer(1, 6), _contact_block(data)]
    story += riplay.statement_section(data)
    return story


def _bullets(title: Flowable, items: Iterable[str]) -> list[Flowable]:
    st = styles()
    lines = [i for i in items if i.strip()]
    if not lines:
        return []
    bullets = [Paragraph(markup(line), st.bullet, bulletText="\u2022") for line in lines]
    return [title, *bullets]


def _product_facts(product: Product) -> list[tuple[str, str]]:
    """The product's key terms, for a client reading the sheet without a simulation."""
    facts: list[tuple[str, str]] = []
    if product.tiered_rate is not None:
        rates = product.tiered_rate.rates_by_use
        uses = [
            _("pengajuan ke-{no}: {rate}").format(no=no, rate=format_pct(rate))
            for no, rate in enumerate(rates, start=1)
        ]
        facts.append((_("Suku bunga per tahun"), markup("; ".join(uses))))
    elif product.rate_pa > 0:
        rate = _("{rate} per tahun").format(rate=format_pct(product.rate_pa))
        if product.methods:
            rate += " (" + ", ".join(method_label(m).lower() for m in product.methods) + ")"
        facts.append((_("Suku bunga"), rate))
    if product.kind in (ProductKind.LOAN, ProductKind.DEPOSIT):
        low, high = product.min_tenor_months, product.max_tenor_months
        tenor = f"{low} - {high}" if low != high else str(low)
        facts.append((_("Jangka waktu"), _("{tenor} bulan").format(tenor=tenor)))
    if product.is_loan:
        if product.max_amount > 0:
            facts.append(
                (
                    _("Plafon pinjaman"),
                    _("{low} sampai {high}").format(
                        low=format_rupiah(product.min_amount),
                        high=format_rupiah(product.max_amount),
                    ),
                )
            )
        if product.max_dsr_pct is not None:
            dsr = _("Angsuran paling banyak {pct} dari penghasilan bersih per bulan")
            facts.append(
                (_("Batas angsuran (DSR)"), dsr.format(pct=format_pct(product.max_dsr_pct)))
            )
    elif product.kind in (ProductKind.DEPOSIT, ProductKind.SAVINGS) and product.min_amount > 0:
        facts.append((_("Setoran minimal"), format_rupiah(product.min_amount)))
    if product.kind is ProductKind.DEPOSIT:
        aro = _("Tersedia") if product.aro_available else _("Tidak tersedia")
        facts.append((_("Perpanjangan otomatis (ARO)"), aro))
    return facts


def _contact_block(data: ProductSheetData) -> Flowable:
    """The AO's name and phone with the WhatsApp QR code beside them."""
    st = styles()
    header = data.header
    officer = markup(one_line(header.officer_name, NAME_LIMIT))
    text: list[Flowable] = [Paragraph(_("Ada pertanyaan? Hubungi Account Officer Anda"), st.h2)]
    if officer:
        text.append(Paragraph(f"<b>{officer}</b>", st.body))
    phone = officer_phone(header.officer_phone)
    if phone is not None:
        label = _("Telepon/WhatsApp") if phone.kind is PhoneKind.MOBILE else _("Telepon")
        text.append(Paragraph(f"{label}: {phone.display}", st.body))
    if header.branch_name.strip():
        text.append(Paragraph(markup(one_line(header.branch_name, NAME_LIMIT)), st.small))
    link = whatsapp_link(header, data.product)
    qr = qr_drawing(link, QR_SIZE) if link else None
    # No mobile number (or no room in a QR code): the box without the code.
    cell = QR_SIZE + 22 * mm if qr is not None else 0
    row: list[object] = [text]
    if qr is not None:
        caption_style = st.small.clone("qr_caption", alignment=1)
        row.append([qr, Paragraph(_("Pindai untuk WhatsApp AO"), caption_style)])
    table = Table(
        [row],
        colWidths=[CONTENT_WIDTH - cell] + ([cell] if cell else []),
        style=table_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (-1, 0), (-1, 0), "CENTER"),
            ("LEFTPADDING", (0, 0), (0, 0), 8),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ("LINEBELOW", (0, 0), (-1, -1), 0.75, ACCENT),
            ("BOX", (0, 0), (-1, -1), 0.75, ACCENT),
            header=False,
        ),
    )
    return KeepTogether([table])


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


def _loan_section(
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


def _comparison_section(schedules: tuple[LoanSchedule, ...]) -> list[Flowable]:
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


def _deposit_section(result: DepositResult, kind: RiplayKind) -> list[Flowable]:
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
