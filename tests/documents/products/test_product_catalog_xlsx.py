"""The catalog workbook: round trip, text that looks like a formula stays text, bad rows
reported one by one, and the import/export services (admin only, all or nothing)."""

from __future__ import annotations

import tempfile
import zipfile
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from ao_desktop.documents.products.product_catalog_xlsx import (
    COLUMNS,
    SHEET_TITLE,
    read_catalog,
    write_catalog,
)
from ao_desktop.domain.common.errors import PermissionDenied
from ao_desktop.domain.common.officer import Actor, OfficerRole
from ao_desktop.domain.products.product import ProductKind
from ao_desktop.services.products.catalog import (
    export_catalog,
    get_product,
    import_catalog,
    list_products,
    seed_catalog_if_empty,
)
from ao_desktop.services.products.product_seed import load_seed_catalog
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork

SEED = load_seed_catalog()
ADMIN = Actor("Admin Cabang", OfficerRole.ADMIN)
HEADERS = [c.header for c in COLUMNS]


@pytest.fixture
def uow(tmp_path: Path):
    db = open_database(tmp_path / "catalog.sqlite", create=True)
    yield SqlUnitOfWork(db)
    db.close()


def _sheet_rows(path: Path) -> list[list[object]]:
    ws = load_workbook(path)[SHEET_TITLE]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_round_trip_is_exact(tmp_path: Path) -> None:
    path = tmp_path / "produk.xlsx"
    write_catalog(path, SEED)
    products, errors = read_catalog(path)
    assert errors == []
    assert products == SEED
    kpr = next(p for p in products if p.code == "KPR")
    assert str(kpr.rate_pa) == "8.5" and kpr.fees.insurance_pct == Decimal("1.5")


def test_workbook_is_formatted_for_people(tmp_path: Path) -> None:
    path = tmp_path / "produk.xlsx"
    write_catalog(path, SEED)
    ws = load_workbook(path)[SHEET_TITLE]
    assert [c.value for c in ws[1]] == HEADERS
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(COLUMNS)).column_letter}{len(SEED) + 1}"
    assert ws["A1"].font.b
    assert ws.column_dimensions["E"].width >= 40
    mikro = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "KUR-MIKRO")
    by_header = dict(zip(HEADERS, mikro, strict=True))
    assert by_header["Manfaat"].value.count("; ") >= 3
    assert by_header["Bunga bertingkat (KUR)"].value == "6; 7; 8; 9"
    assert by_header["Plafon/nominal minimum"].value == 10_000_001
    assert by_header["Plafon/nominal minimum"].number_format == "#,##0"
    assert by_header["Ketentuan berlaku mulai"].value == datetime(2026, 1, 1)


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "produk.xlsx"
    evil = replace(
        SEED[0],
        name='=HYPERLINK("http://evil.example","klik")',
        short_description="+62 812 3456",
        long_description="-1+1",
        benefits=("@SUM(A1:A2)", "\t=1+1"),
    )
    write_catalog(path, [evil])
    ws = load_workbook(path)[SHEET_TITLE]
    for cell in ws[2]:
        assert cell.data_type != "f"
    name = ws.cell(2, HEADERS.index("Nama produk") + 1)
    assert name.data_type == "s" and name.value == evil.name
    with zipfile.ZipFile(path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    products, errors = read_catalog(path)
    # Read back as the same text (list items are stripped like any admin's input).
    assert errors == [] and products == [replace(evil, benefits=("@SUM(A1:A2)", "=1+1"))]


def _write_rows(path: Path, rows: list[list[object]], headers: list[str] = HEADERS) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(path)


def test_garbage_rows_are_reported_per_row_and_column(tmp_path: Path) -> None:
    good = tmp_path / "good.xlsx"
    write_catalog(good, SEED[:3])
    rows = _sheet_rows(good)[1:]
    bad_rate = list(rows[0])
    bad_rate[HEADERS.index("Suku bunga % per tahun")] = "enam persen"
    bad_kind = list(rows[1])
    bad_kind[HEADERS.index("Jenis")] = "pinjaman"
    bad_kind[HEADERS.index("Tenor minimum (bulan)")] = 2.5
    bad_rule = list(rows[2])
    bad_rule[HEADERS.index("Plafon/nominal maksimum")] = "Rp1.000"  # below the minimum
    duplicate = list(rows[0])
    garbage = [object.__name__, 3.14, None, "###", True, -7] + [None] * (len(HEADERS) - 6)
    path = tmp_path / "bad.xlsx"
    _write_rows(
        path, [bad_rate, bad_kind, [None] * len(HEADERS), bad_rule, rows[0], duplicate, garbage]
    )
    products, errors = read_catalog(path)
    assert [p.code for p in products] == ["KUR-SM"]
    by_row: dict[int, set[str]] = {}
    for e in errors:
        by_row.setdefault(e.row, set()).add(e.column)
        assert e.message and str(e).startswith(f"baris {e.row}")
    assert by_row[2] == {"Suku bunga % per tahun"}
    assert by_row[3] == {"Jenis", "Tenor minimum (bulan)"}
    assert 4 not in by_row  # an empty row is skipped
    assert by_row[5] == {"Plafon/nominal maksimum"}
    assert by_row[7] == {"Kode"}  # the same code twice
    assert len(by_row[8]) >= 3  # garbage everywhere, reported without a crash
    rate_error = next(e for e in errors if e.row == 2)
    assert "enam persen" in rate_error.message and rate_error.field == "rate_pa"


_CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**18), max_value=10**18),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
    st.sampled_from(["kredit", "flat", "Ya", "6; 7", "Rp1.000", "31/02/2026", "=1+1", "1e999"]),
)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.lists(_CELLS, min_size=len(HEADERS), max_size=len(HEADERS)), min_size=1, max_size=3)
)
def test_random_garbage_never_crashes(rows: list[list[object]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "acak.xlsx"
        _write_rows(path, rows)
        products, errors = read_catalog(path)
    for e in errors:
        assert e.row >= 2 and e.message
    assert len(products) + len({e.row for e in errors}) <= len(rows)


def test_missing_columns_and_unreadable_files(tmp_path: Path) -> None:
    path = tmp_path / "short.xlsx"
    _write_rows(path, [["KPR", "KPR"]], headers=["Kode", "Nama produk"])
    products, errors = read_catalog(path)
    assert products == [] and {e.column for e in errors} >= {"Jenis", "Suku bunga % per tahun"}
    assert all(e.row == 1 for e in errors)
    text = tmp_path / "catatan.xlsx"
    text.write_text("bukan excel")
    products, errors = read_catalog(text)
    assert products == [] and errors[0].row == 0 and "bukan berkas Excel" in errors[0].message
    products, errors = read_catalog(tmp_path / "missing.xlsx")
    assert products == [] and errors[0].row == 0


def test_headers_in_any_order_and_friendly_values(tmp_path: Path) -> None:
    good = tmp_path / "good.xlsx"
    write_catalog(good, [SEED[1]])
    header, row = _sheet_rows(good)
    order = list(reversed(range(len(header))))
    row = list(row)
    row[HEADERS.index("Plafon/nominal maksimum")] = "Rp100 juta"
    row[HEADERS.index("Metode bunga")] = "Efektif anuitas"
    row[HEADERS.index("Ketentuan berlaku mulai")] = "01/01/2026"
    row[HEADERS.index("Suku bunga % per tahun")] = "6%"
    path = tmp_path / "shuffled.xlsx"
    _write_rows(path, [[row[i] for i in order]], headers=[str(header[i]).upper() for i in order])
    products, errors = read_catalog(path)
    assert errors == [] and products == [SEED[1]]


# --- the services -------------------------------------------------------------------------
def test_export_then_import_into_another_database(uow, tmp_path: Path) -> None:
    seed_catalog_if_empty(uow)
    path = tmp_path / "katalog.xlsx"
    assert export_catalog(uow, path) == len(SEED)
    other_db = open_database(tmp_path / "other.sqlite", create=True)
    try:
        other = SqlUnitOfWork(other_db)
        summary = import_catalog(other, path, ADMIN)
        assert (summary.added, summary.updated, summary.errors) == (len(SEED), 0, [])
        assert [
            replace(p, id=None, version=0) for p in list_products(other, include_inactive=True)
        ] == SEED
    finally:
        other_db.close()


def test_import_updates_by_code_and_counts_unchanged(uow, tmp_path: Path) -> None:
    seed_catalog_if_empty(uow)
    changed = [replace(p, rate_pa=Decimal("8.75")) if p.code == "KPR" else p for p in SEED]
    new = replace(SEED[-1], code="TAB-PELAJAR", name="Tabungan Pelajar", kind=ProductKind.SAVINGS)
    path = tmp_path / "katalog.xlsx"
    write_catalog(path, [*changed, new])
    summary = import_catalog(uow, path, ADMIN)
    assert (summary.added, summary.updated, summary.unchanged, summary.errors) == (
        1,
        1,
        len(SEED) - 1,
        [],
    )
    kpr = get_product(uow, "kpr")
    assert kpr.rate_pa == Decimal("8.75") and kpr.version == 2
    assert get_product(uow, "TAB-PELAJAR").name == "Tabungan Pelajar"


def test_import_is_all_or_nothing(uow, tmp_path: Path) -> None:
    seed_catalog_if_empty(uow)
    before = list_products(uow, include_inactive=True)
    good = tmp_path / "good.xlsx"
    write_catalog(good, [replace(p, name=p.name + " Baru") for p in SEED])
    rows = _sheet_rows(good)[1:]
    rows[-1][HEADERS.index("Jenis")] = "???"
    path = tmp_path / "bad.xlsx"
    _write_rows(path, rows)
    summary = import_catalog(uow, path, ADMIN)
    assert (summary.added, summary.updated) == (0, 0)
    assert [(e.row, e.column) for e in summary.errors] == [(len(SEED) + 1, "Jenis")]
    assert list_products(uow, include_inactive=True) == before


def test_import_is_for_admins_only(uow, tmp_path: Path) -> None:
    path = tmp_path / "katalog.xlsx"
    write_catalog(path, SEED)
    with pytest.raises(PermissionDenied):
        import_catalog(uow, path, Actor("Budi", OfficerRole.AO))
    assert list_products(uow, include_inactive=True) == []


def test_write_replaces_in_one_step(tmp_path: Path) -> None:
    path = tmp_path / "produk.xlsx"
    write_catalog(path, SEED)
    write_catalog(path, SEED[:1])
    assert len(read_catalog(path)[0]) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["produk.xlsx"]
    assert SEED[0].terms_effective == date(2026, 1, 1)
