"""The visit list PDF read back with pypdf: one page, route order, addresses, phones."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from io import BytesIO

from pypdf import PdfReader

from ao_desktop.documents.calendar.visit_list_pdf import VisitListData, visit_list_pdf
from ao_desktop.domain.calendar.agenda import visit_route
from ao_desktop.domain.calendar.enums import ActivityType
from tests.domain.calendar.items import item

DAY = date(2026, 12, 7)


def _text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(BytesIO(pdf))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


def _visit(n: int, hour: int, kecamatan: str, kelurahan: str, **fields: object):  # noqa: ANN202
    return item(n, datetime(2026, 12, 7, hour), kecamatan=kecamatan, kelurahan=kelurahan,
                location=f"Jl. Contoh No. {n}, {kelurahan}, {kecamatan}", mobile=f"+62812000000{n:02d}",
                client_name=f"Nasabah {n}", **fields)


def test_one_page_in_route_order_with_addresses_and_phones() -> None:
    visits = visit_route([
        _visit(1, 8, "Tegalsari", "Wonorejo"),
        _visit(2, 9, "Genteng", "Ketabang"),
        _visit(3, 10, "Tegalsari", "Dr. Soetomo"),
        _visit(4, 11, "Genteng", "Ketabang", type=ActivityType.PHONE),  # a call: not a trip
    ])
    data = VisitListData(DAY, "Rina Marlina", "BPR Sejahtera", "Cabang Surabaya", None, visits,
                         {v.id: f"0812-0000-00{v.id:02d}" for v in visits})
    pages, text = _text(visit_list_pdf(data))
    assert pages == 1
    assert "Daftar kunjungan Senin, 7 Desember 2026" in text
    assert "AO: Rina Marlina · BPR Sejahtera — Cabang Surabaya" in text
    order = [text.index(f"Nasabah {n}") for n in (2, 3, 1)]
    assert order == sorted(order) and "Nasabah 4" not in text
    assert text.index("Kec. Genteng, Kel. Ketabang") < text.index("Kec. Tegalsari, Kel. Dr. Soetomo")
    assert "Jl. Contoh No. 3" in text and "0812-0000-0003" in text


def test_a_long_day_still_fits_one_page() -> None:
    visits = [_visit(n, 8 + n % 9, f"Kecamatan {n % 7}", f"Kelurahan {n}") for n in range(1, 81)]
    data = VisitListData(DAY, "Rina", "", "", "Cuti Bersama Hari Raya Natal", visit_route(visits), {})
    pages, text = _text(visit_list_pdf(data))
    assert pages == 1
    assert "Hari libur: Cuti Bersama Hari Raya Natal" in text
    assert "kunjungan lagi" in text  # what did not fit is counted, not dropped silently


def test_an_empty_day_says_so() -> None:
    pages, text = _text(visit_list_pdf(VisitListData(DAY + timedelta(days=1), "Rina", "", "", None, [])))
    assert pages == 1 and "Tidak ada kunjungan" in text
