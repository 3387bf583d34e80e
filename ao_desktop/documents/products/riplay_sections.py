"""The parts of the product sheet that make it OJK's RIPLAY: the issuer, the risks, the
procedure, every cost (fees, penalties, early repayment), the additional information
(complaint channels, the client's right to ask, how long the figures hold) and, on the
personal version, the client's statement with place, date and signatures.

Section titles are numbered in the order OJK lists them; `product_sheet` puts the
existing parts (features, benefits, simulation) between these.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from ao_desktop.documents.pdf.pdf_fonts import FONT_BOLD
from ao_desktop.documents.pdf.pdf_parts import (
    CONTENT_WIDTH,
    GRID,
    key_value_table,
    markup,
    styles,
    table_style,
)
from ao_desktop.documents.products.product_sheet_data import ProductSheetData
from ao_desktop.domain.common.formatting import format_date_long, format_pct, format_rupiah
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.products.loan_schedule import LoanFees, total_fees
from ao_desktop.domain.products.product import Product, ProductKind
from ao_desktop.domain.products.riplay import RiplayKind

LABEL_WIDTH = 62 * mm


def heading(number: int, title: str) -> Paragraph:
    return Paragraph(f"{number}. {title}", styles().h2)


def bullets(items: Iterable[str]) -> list[Flowable]:
    st = styles()
    return [Paragraph(markup(i), st.bullet, bulletText="\u2022") for i in items if i.strip()]


def issuer_section(number: int, data: ProductSheetData) -> list[Flowable]:
    """Who issues the product: the bank's full name and its OJK/LPS line."""
    st = styles()
    issuer = data.issuer
    rows: list[tuple[str, Flowable | str]] = [(_("Penerbit"), markup(issuer.full_name, 300))]
    if data.header.branch_name.strip():
        rows.append((_("Kantor cabang"), markup(data.header.branch_name, 300)))
    return [
        heading(number, _("Penerbit produk")),
        key_value_table(rows, LABEL_WIDTH),
        Spacer(1, 3),
        Paragraph(markup(issuer.supervision), st.small),
    ]


def risks_section(number: int, product: Product) -> list[Flowable]:
    st = styles()
    intro = _("Pahami risiko berikut sebelum Anda memutuskan:")
    return [heading(number, _("Risiko")), Paragraph(intro, st.body), *bullets(product.risks)]


def procedure_lines(product: Product) -> tuple[str, ...]:
    """How a client gets the product, step by step, by kind."""
    if product.is_loan:
        return (
            _("Isi formulir permohonan bersama Account Officer dan serahkan dokumen persyaratan."),
            _("Bank memeriksa riwayat kredit Anda di SLIK OJK dan meninjau usaha/penghasilan "
              "serta agunan (bila ada)."),
            _("Bila disetujui, Anda menerima surat persetujuan kredit berisi plafon, bunga, "
              "tenor dan seluruh biaya; baca sebelum menandatangani perjanjian kredit."),
            _("Dana dicairkan ke rekening Anda setelah perjanjian ditandatangani dan biaya dibayar."),
        )  # fmt: skip
    if product.kind is ProductKind.DEPOSIT:
        return (
            _("Buka atau gunakan rekening tabungan di bank ini dan isi formulir penempatan deposito."),
            _("Setor dana sebesar nominal penempatan; Anda menerima bilyet/konfirmasi deposito."),
            _("Pada tanggal jatuh tempo pokok dan bunga dibayarkan ke rekening Anda, atau "
              "diperpanjang otomatis bila Anda memilih ARO."),
        )  # fmt: skip
    return (
        _("Isi formulir pembukaan rekening bersama Account Officer atau di kantor cabang."),
        _("Serahkan dokumen persyaratan dan lakukan setoran awal."),
        _("Anda menerima buku tabungan/kartu dan dapat langsung bertransaksi."),
    )


def _fee_line(label: str, rule: str, amount: int | None) -> list[str]:
    return [label, rule, "-" if amount is None else format_rupiah(amount)]


def _loan_cost_rows(product: Product, amount: int | None) -> list[list[str]]:
    """Each of the product's fees: its rule, and in rupiah for the simulated amount."""
    fees = product.fees

    def rp(part: LoanFees) -> int | None:
        return None if amount is None else total_fees(amount, part)

    return [
        _fee_line(_("Provisi"), _("{pct} dari plafon").format(pct=format_pct(fees.provision_pct)),
                  rp(LoanFees(provision_pct=fees.provision_pct))),
        _fee_line(_("Administrasi"), format_rupiah(fees.admin), rp(LoanFees(admin=fees.admin))),
        _fee_line(_("Premi asuransi (jiwa/kredit)"),
                  _("{pct} dari plafon").format(pct=format_pct(fees.insurance_pct)),
                  rp(LoanFees(insurance_pct=fees.insurance_pct))),
        _fee_line(_("Notaris"), format_rupiah(fees.notary), rp(LoanFees(notary=fees.notary))),
    ]  # fmt: skip


def costs_section(number: int, data: ProductSheetData) -> list[Flowable]:
    """Every cost: the fees (in rupiah for this simulation), other costs, penalties and
    early repayment for loans; the early-withdrawal penalty and tax for deposits."""
    st = styles()
    product = data.product
    story: list[Flowable] = [heading(number, _("Biaya, denda dan penalti"))]
    if product.is_loan:
        amount = data.schedule.request.amount if data.schedule is not None else None
        header = [_("Biaya"), _("Ketentuan"), _("Untuk simulasi ini")]
        rows = _loan_cost_rows(product, amount)
        if data.schedule is not None:
            rows.append([_("Jumlah biaya di muka"), _("dipotong saat pencairan"),
                         format_rupiah(data.schedule.total_fees)])  # fmt: skip
        table = Table(
            [header, *rows],
            colWidths=[48 * mm, CONTENT_WIDTH - 48 * mm - 38 * mm, 38 * mm],
            style=table_style(
                ("ALIGN", (2, 0), (2, -1), "RIGHT"),
                *((("FONTNAME", (0, -1), (-1, -1), FONT_BOLD),)
                  if data.schedule is not None else ()),
                size=8.5,
            ),
        )  # fmt: skip
        story.append(table)
        story.append(Spacer(1, 3))
        terms: list[tuple[str, Flowable | str]] = [
            (_("Denda keterlambatan"), Paragraph(markup(product.late_penalty), st.cell)),
            (_("Pelunasan dipercepat"), Paragraph(markup(product.early_repayment), st.cell)),
        ]
        story.append(key_value_table(terms, LABEL_WIDTH))
    elif product.kind is ProductKind.DEPOSIT:
        terms = [(_("Penalti pencairan sebelum jatuh tempo"),
                  Paragraph(markup(product.early_withdrawal_penalty), st.cell))]  # fmt: skip
        if data.deposit is not None:
            rules = data.deposit.rules
            tax = _("{pct} dari bunga (final), bila nominal lebih dari {limit}").format(
                pct=format_pct(rules.tax_pct), limit=format_rupiah(rules.tax_free_threshold)
            )
            terms.append((_("Pajak bunga"), Paragraph(tax, st.cell)))
        story.append(key_value_table(terms, LABEL_WIDTH))
    others = [c for c in product.other_costs if c.strip()]
    if others:
        story += [Spacer(1, 3), Paragraph(_("Biaya lain yang perlu Anda ketahui:"), st.body)]
        story += bullets(others)
    return story


def additional_section(number: int, data: ProductSheetData) -> list[Flowable]:
    """Complaint channels, OJK's contact, the client's right to ask, the validity date."""
    st = styles()
    issuer = data.issuer
    channels: list[tuple[str, Flowable | str]] = [
        (_("Kantor"), Paragraph(markup(issuer.complaint_branch), st.cell)),
    ]
    if issuer.complaint_phone.strip():
        channels.append((_("Telepon"), markup(issuer.complaint_phone)))
    if issuer.complaint_email.strip():
        channels.append((_("Email"), markup(issuer.complaint_email)))
    if issuer.complaint_website.strip():
        channels.append((_("Situs web"), markup(issuer.complaint_website)))
    channels.append((_("Otoritas Jasa Keuangan"), Paragraph(markup(issuer.ojk_contact), st.cell)))
    valid = issuer.valid_until(data.printed_at.date())
    story: list[Flowable] = [
        heading(number, _("Informasi tambahan")),
        Paragraph(_("Layanan pengaduan nasabah:"), st.body),
        key_value_table(channels, LABEL_WIDTH),
        Spacer(1, 3),
        *bullets((
            _("Anda berhak bertanya dan meminta penjelasan atas isi RIPLAY ini kepada Account "
              "Officer atau kantor cabang sebelum memutuskan, dan berhak menerima salinannya."),
            _("RIPLAY ini bukan perjanjian dan bukan persetujuan kredit atau pembukaan rekening; "
              "ketentuan yang mengikat adalah perjanjian yang Anda tandatangani."),
            _("Informasi dan angka dalam RIPLAY ini berlaku sampai {date}. Suku bunga dan biaya "
              "dapat berubah sesudahnya; bank memberitahukan perubahan sesuai ketentuan OJK.")
            .format(date=format_date_long(valid)),
        )),
    ]  # fmt: skip
    return story


def statement_section(data: ProductSheetData) -> list[Flowable]:
    """The client's statement and the signature lines (personal version only)."""
    if data.kind is not RiplayKind.PERSONAL:
        return []
    st = styles()
    statement = _(
        "Saya, <b>{client}</b>, menyatakan telah menerima, membaca dan memahami Ringkasan "
        "Informasi Produk dan Layanan (RIPLAY) {product} ini, termasuk manfaat, risiko dan "
        "seluruh biayanya, serta telah mendapat kesempatan bertanya kepada Account Officer."
    ).format(client=markup(data.client_name, 200), product=markup(data.product.name, 200))
    place = Paragraph(_("Tempat: ______________________  Tanggal: ______________________"), st.body)
    sign_space = Spacer(1, 16 * mm)
    officer = markup(data.header.officer_name, 120) or "______________________"
    half = CONTENT_WIDTH / 2
    signatures = Table(
        [
            [Paragraph(_("Nasabah"), st.body), Paragraph(_("Account Officer"), st.body)],
            [sign_space, sign_space],
            [Paragraph(f"( {markup(data.client_name, 120)} )", st.body),
             Paragraph(f"( {officer} )", st.body)],
        ],
        colWidths=[half, half],
        style=table_style(("LINEABOVE", (0, 2), (-1, 2), 0.5, GRID), header=False),
    )  # fmt: skip
    return [
        KeepTogether([
            Paragraph(_("Pernyataan nasabah"), st.h2),
            Paragraph(statement, st.body),
            Spacer(1, 4),
            place,
            Spacer(1, 4),
            signatures,
        ])
    ]  # fmt: skip
