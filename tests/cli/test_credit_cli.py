"""`ao-desktop applications` and `credit-memo`: the JSON keys and figures, the filters,
the memo file, and one-sentence mistakes that write nothing."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from ao_desktop.cli.main import main
from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.domain.credit.application import CreditApplication
from ao_desktop.domain.credit.enums import ApplicationStatus, IncomeKind, LoanPurpose
from ao_desktop.domain.credit.figures import BusinessFigures
from ao_desktop.domain.credit.five_c import FiveCScore
from ao_desktop.domain.credit.status_flow import StatusChange
from ao_desktop.domain.products.loan_schedule import InterestMethod
from ao_desktop.domain.products.product import Product, ProductKind
from ao_desktop.services.clients.directory import add_client
from ao_desktop.services.credit import applications as svc
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from tests.fixtures.officers import add_admin

pytestmark = pytest.mark.usefixtures("home")
KEYS = ["id", "client", "client_id", "product", "amount", "tenor", "installment", "monthly_income",
        "other_installments", "repayment_capacity", "dsr", "rpc_ratio", "score", "status"]
PRODUCT = Product(code="KMK-T", name="Kredit Modal Kerja", kind=ProductKind.LOAN, rate_pa=Decimal(12),
                  method=InterestMethod.FLAT, min_tenor_months=6, max_tenor_months=36,
                  min_amount=5_000_000, max_amount=200_000_000)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "cabang.sqlite"
    db = open_database(path, create=True)
    uow = SqlUnitOfWork(db)
    with uow.write() as tx:
        rina = tx.officers.add(Officer("Rina Marlina"))
        dedi = tx.officers.add(Officer("Dedi Kurniawan"))
        tx.products.add(PRODUCT, "t", svc._now())
    siti = add_client(uow, Client(full_name="Siti Aminah", officer_id=rina.id), actor="t", allow_duplicates=True)
    budi = add_client(uow, Client(full_name="Budi Santoso", officer_id=dedi.id), actor="t", allow_duplicates=True)
    admin = Actor("admin", OfficerRole.ADMIN)
    # salary 8M, household 3M, others 1.5M; flat 12% 24 months on 24M: 1M + 240k = 1.24M
    first = svc.create_application(uow, CreditApplication(
        client_id=siti.id, officer_id=rina.id, product_code="KMK-T", amount=24_000_000, tenor_months=24,
        purpose=LoanPurpose.CONSUMPTION, five_c=FiveCScore(4, 4, 3, 5, 3),
        figures=BusinessFigures(income_kind=IncomeKind.SALARIED, net_salary=8_000_000,
                                household_expenses=3_000_000, other_installments=1_500_000)), admin)
    svc.change_status(uow, first.id, first.version, StatusChange(ApplicationStatus.SUBMITTED), admin)
    svc.create_application(uow, CreditApplication(
        client_id=budi.id, officer_id=dedi.id, product_code="KMK-T", amount=10_000_000, tenor_months=12,
        purpose=LoanPurpose.WORKING_CAPITAL), admin)
    add_admin(SqlUnitOfWork(db))  # the officer the command line signs in as
    db.close()
    return path


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> list[dict]:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_applications_json_has_exactly_the_keys_and_the_domains_figures(db_path, capsys) -> None:
    rows = _json(capsys, ["applications", "--db", str(db_path), "--json"])
    assert [list(r) for r in rows] == [KEYS, KEYS]
    siti = next(r for r in rows if r["client"] == "Siti Aminah")
    assert siti == {**siti, "product": "KMK-T", "amount": 24_000_000, "tenor": 24, "installment": 1_240_000,
                    "monthly_income": 8_000_000, "other_installments": 1_500_000,
                    "repayment_capacity": 2_450_000, "dsr": "34.25", "rpc_ratio": "50.61",
                    "score": 3.95, "status": "diajukan"}
    budi = next(r for r in rows if r["client"] == "Budi Santoso")
    assert budi["monthly_income"] == 0 and budi["repayment_capacity"] == 0
    assert budi["dsr"] is None and budi["rpc_ratio"] is None and budi["score"] is None


def test_applications_filters(db_path, capsys) -> None:
    assert [r["client"] for r in _json(capsys, ["applications", "--db", str(db_path), "--json",
                                                "--status", "diajukan"])] == ["Siti Aminah"]
    assert [r["client"] for r in _json(capsys, ["applications", "--db", str(db_path), "--json",
                                                "--officer", "2"])] == ["Budi Santoso"]
    assert main(["applications", "--db", str(db_path)]) == 0
    assert "Siti Aminah" in capsys.readouterr().out


def test_credit_memo_writes_the_pdf(db_path, tmp_path, capsys) -> None:
    out = tmp_path / "mak.pdf"
    assert main(["credit-memo", "1", "--out", str(out), "--db", str(db_path)]) == 0
    text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Memorandum Analisa Kredit" in text and "Rp2.450.000" in text and "34,25%" in text


@pytest.mark.parametrize(("argv", "words"), [
    (["credit-memo", "99", "--out", "{tmp}/x.pdf"], "tidak ditemukan"),
    (["credit-memo", "1", "--out", "{tmp}/x.txt"], ".pdf"),
    (["applications", "--status", "lunas"], "Perintah tidak valid"),
    (["applications", "--officer", "9"], "tidak ditemukan"),
])  # fmt: skip
def test_mistakes_are_one_sentence_and_write_nothing(db_path, tmp_path, capsys, argv, words) -> None:
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv] + ["--db", str(db_path)]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "x.txt").exists()


def test_existing_memo_file_needs_force(db_path, tmp_path, capsys) -> None:
    out = tmp_path / "mak.pdf"
    out.write_bytes(b"old")
    assert main(["credit-memo", "1", "--out", str(out), "--db", str(db_path)]) == 1
    assert out.read_bytes() == b"old"
    assert main(["credit-memo", "1", "--out", str(out), "--db", str(db_path), "--force"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
