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

from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from ao_desktop.documents.pdf.pdf_document import build_pdf
from ao_desktop.documents.pdf.pdf_parts import (
    ACCENT,
    CONTENT_WIDTH,
    PageFrame,
    checklist_item,
    key_value_table,
    load_logo,
    markup,
    one_line,
    qr_drawing,
    styles,
    table_style,
)
from ao_desktop.documents.products import riplay_sections as riplay
from ao_desktop.documents.products.product_sheet_data import ProductSheetData, SheetHeader  # noqa: F401 - re-exported
from ao_desktop.documents.products.simulation_sections import (
    LABEL_WIDTH,
    MAX_COMPARISON,
    comparison_section,
    deposit_section,
    loan_section,
)
from ao_desktop.domain.common.formatting import (
    format_date,
    format_date_long,
    format_pct,
    format_rupiah,
)
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.phone import PhoneError, PhoneKind, PhoneNumber, normalize_phone
from ao_desktop.domain.products.loan_schedule import (
    method_label,
)
from ao_desktop.domain.products.product import Product, ProductKind, product_kind_label
from ao_desktop.domain.products.riplay import RiplayKind, riplay_title

QR_SIZE = 26 * mm
# One-line places (header, footer, metadata, the WhatsApp text) cut runaway text so it can
# neither overflow the QR code's capacity nor push the footer off the page.
NAME_LIMIT = 120


def write_product_sheet(data: ProductSheetData, out: Path | BinaryIO) -> int:
    """Write the sheet as PDF to a path (replaced atomically) or a binary stream and
    return its page count. Nothing is written when building fails."""
    product, header = data.product, data.header
    return build_pdf(
        _story(data), _page_frame(data), out,
        title=one_line(f"RIPLAY {data.kind.value.capitalize()}: {product.name}", NAME_LIMIT),
        author=one_line(header.officer_name, NAME_LIMIT),
        subject=one_line(f"{product_kind_label(product.kind)}: {product.name}", NAME_LIMIT),
    )


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
        story += loan_section(data.schedule, data.affordability, data.kind)
    if data.comparison:
        story += comparison_section(data.comparison[:MAX_COMPARISON])
    if data.deposit is not None:
        story += deposit_section(data.deposit, data.kind)
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
