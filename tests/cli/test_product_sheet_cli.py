"""`ao-desktop product-sheet`: a PDF with the figures, or one sentence and exit 1."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from ao_desktop.cli.main import main
from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.common.formatting import format_rupiah
from ao_desktop.domain.common.officer import Officer
from ao_desktop.domain.products.loan_schedule import InterestMethod
from ao_desktop.services.clients.directory import add_client
from ao_desktop.services.products.catalog import (
    get_product,
    seed_catalog_if_empty,
    simulate_product_loan,
)
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork

START = date(2026, 11, 27)


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, int, int]:
    path = tmp_path / "cli.sqlite"
    database = open_database(path, create=True)
    uow = SqlUnitOfWork(database)
    seed_catalog_if_empty(uow)
    with uow.write() as tx:
        officer = tx.officers.add(Officer(name="Rina Marlina", phone="+6281234567890"))
        tx.settings.set("bank.name", "Bank Contoh Sejahtera")
        tx.settings.set("bank.branch", "KCP Bandung Dago")
        tx.settings.set("riplay.complaint_phone", "(022) 2501234")
    siti = add_client(uow, Client(full_name="Siti Nurhaliza", monthly_income=12_000_000), actor="t")
    database.close()
    assert officer.id is not None and siti.id is not None
    return path, officer.id, siti.id


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _expected(db_path: Path, code: str, amount: int, tenor: int, method=None) -> int:  # noqa: ANN001
    database = open_database(db_path, create=True)
    try:
        product = get_product(SqlUnitOfWork(database), code)
    finally:
        database.close()
    return simulate_product_loan(product, amount, tenor, method=method).first_installment


def test_writes_the_sheet_with_the_installment(db, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path, officer, siti = db
    out = tmp_path / "kpr.pdf"
    argv = ["product-sheet", "KPR", "--amount", "Rp250.000.000", "--tenor", "240",
            "--client", str(siti), "--officer", str(officer), "--start", START.isoformat(),
            "--db", str(path), "--out", str(out)]  # fmt: skip
    assert main(argv) == 0
    assert "RIPLAY personal ditulis ke" in capsys.readouterr().out
    text = _text(out)
    assert format_rupiah(_expected(path, "KPR", 250_000_000, 240)) in text
    assert "Siti Nurhaliza" in text and "Rina Marlina" in text


def test_method_and_json(db, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path, _officer, _siti = db
    out = tmp_path / "ki.pdf"
    argv = ["product-sheet", "KI", "--amount", "500jt", "--tenor", "60", "--method", "declining",
            "--db", str(path), "--out", str(out), "--json"]  # fmt: skip
    assert main(argv) == 0
    result = json.loads(capsys.readouterr().out)
    assert result == {"path": str(out.resolve()), "pages": len(PdfReader(out).pages),
                      "kind": "umum"}  # fmt: skip
    assert "RIPLAY) Umum" in _text(out)
    first = _expected(path, "KI", 500_000_000, 60, InterestMethod.DECLINING)
    assert format_rupiah(first) in _text(out)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["NOPE", "--amount", "50jt", "--tenor", "12"], "NOPE tidak ditemukan"),
        (["KPR", "--amount", "5jt", "--tenor", "240"], "Plafon untuk KPR"),
        (["KPR", "--amount", "250jt", "--tenor", "dua"], "--tenor harus bilangan bulat"),
        (["KPR", "--amount", "banyak", "--tenor", "240"], "Rp"),
        (["KPR", "--amount", "250jt", "--tenor", "240", "--client", "999"], "tidak ditemukan"),
        (["KPR", "--amount", "250jt", "--tenor", "240", "--method", "flat"], "tidak tersedia"),
        (["KPR", "--amount", "250jt"], "Perintah tidak valid"),
        (["KPR", "--amount", "250jt", "--tenor", "240", "--officer", "999"],
         "Account Officer dengan id 999 tidak ditemukan"),
    ],
)
def test_user_errors_are_one_sentence_and_write_nothing(
    db, tmp_path: Path, capsys, args, fragment
) -> None:  # noqa: ANN001
    path, _officer, _siti = db
    out = tmp_path / "out" / "sheet.pdf"
    out.parent.mkdir()
    assert main(["product-sheet", *args, "--db", str(path), "--out", str(out)]) == 1
    err = capsys.readouterr().err.strip()
    assert fragment in err and "Traceback" not in err and len(err.splitlines()) == 1
    assert list(out.parent.iterdir()) == []


def test_missing_database_and_folder(db, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path, _officer, _siti = db
    base = ["product-sheet", "TAB", "--amount", "1", "--tenor", "1"]
    assert (
        main([*base, "--db", str(tmp_path / "none.sqlite"), "--out", str(tmp_path / "a.pdf")]) == 1
    )
    assert "tidak ditemukan" in capsys.readouterr().err
    assert main([*base, "--db", str(path), "--out", str(tmp_path / "no" / "a.pdf")]) == 1
    assert "Folder" in capsys.readouterr().err


def test_a_sheet_over_the_dsr_limit_is_written_with_a_warning(db, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path, officer, siti = db  # Siti earns Rp12.000.000: 35% is Rp4.200.000 for all installments
    out = tmp_path / "kpr.pdf"
    argv = ["product-sheet", "KPR", "--amount", "1 miliar", "--tenor", "120", "--client", str(siti),
            "--officer", str(officer), "--db", str(path), "--out", str(out)]  # fmt: skip
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert "RIPLAY personal ditulis ke" in captured.out
    warning = captured.err.strip()
    assert warning.startswith("Peringatan: DSR ") and len(warning.splitlines()) == 1
    assert "melebihi batas produk 35%: semua angsuran paling banyak Rp4.200.000 per bulan" in warning
    assert out.exists() and "melebihi batas, kelebihan" in " ".join(_text(out).split())


def test_a_sheet_within_the_dsr_limit_warns_nothing(db, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path, officer, siti = db
    argv = ["product-sheet", "KPR", "--amount", "250jt", "--tenor", "240", "--client", str(siti),
            "--officer", str(officer), "--db", str(path), "--out", str(tmp_path / "kpr.pdf")]  # fmt: skip
    assert main(argv) == 0
    assert capsys.readouterr().err == ""


def test_without_officer_the_only_active_officer_is_printed(db, tmp_path: Path) -> None:  # noqa: ANN001
    path, _officer, _siti = db
    out = tmp_path / "kpr.pdf"
    argv = ["product-sheet", "KPR", "--amount", "250jt", "--tenor", "240",
            "--db", str(path), "--out", str(out)]  # fmt: skip
    assert main(argv) == 0
    lines = _text(out).splitlines()
    ask = lines.index("Ada pertanyaan? Hubungi Account Officer Anda")
    assert lines[ask + 1] == "Rina Marlina"
    assert "Account Officer: Rina Marlina" in _text(out)


def test_without_officer_among_several_no_dash_is_printed(db, tmp_path: Path) -> None:  # noqa: ANN001
    path, _officer, _siti = db
    database = open_database(path)
    with SqlUnitOfWork(database).write() as tx:
        tx.officers.add(Officer(name="Dewi Lestari"))
    database.close()
    out = tmp_path / "kpr.pdf"
    argv = ["product-sheet", "KPR", "--amount", "250jt", "--tenor", "240",
            "--db", str(path), "--out", str(out)]  # fmt: skip
    assert main(argv) == 0
    text = _text(out)
    lines = [line.strip() for line in text.splitlines()]
    ask = lines.index("Ada pertanyaan? Hubungi Account Officer Anda")
    assert lines[ask + 1] != "-"
    assert "-" not in lines and "Account Officer: -" not in text
    assert "Rina Marlina" not in text and "Dewi Lestari" not in text


def test_client_gives_a_personal_riplay_recorded_on_the_client(db, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path, officer, siti = db
    out = tmp_path / "dep.pdf"
    argv = ["product-sheet", "DEP-3", "--amount", "50jt", "--tenor", "3", "--client", str(siti),
            "--officer", str(officer), "--db", str(path), "--out", str(out), "--json"]  # fmt: skip
    assert main(argv) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["kind"] == "personal" and result["pages"] == len(PdfReader(out).pages)
    database = open_database(path)
    try:
        with SqlUnitOfWork(database).read() as tx:
            (record,) = tx.riplays.for_client(siti)
    finally:
        database.close()
    assert record.id == result["record_id"]
    assert (record.product_code, record.amount, record.tenor_months) == ("DEP-3", 50_000_000, 3)
    assert record.officer_name == "Rina Marlina"
    assert "RIPLAY) Personal" in _text(out)


def test_incomplete_bank_details_are_one_sentence(db, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path, _officer, _siti = db
    database = open_database(path)
    try:
        with SqlUnitOfWork(database).write() as tx:
            tx.settings.set("riplay.bank_full_name", "")
            tx.settings.set("bank.name", "")
    finally:
        database.close()
    out = tmp_path / "kpr.pdf"
    argv = ["product-sheet", "KPR", "--amount", "250jt", "--tenor", "120", "--db", str(path),
            "--out", str(out)]  # fmt: skip
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "Nama lengkap bank wajib diisi" in err and "Pengaturan" in err
    assert "Traceback" not in err and not out.exists()
