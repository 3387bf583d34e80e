"""`ao-desktop simulate`: the JSON contract, exact figures, products from the catalog, and
one-sentence errors with exit code 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ao_desktop.cli.main import main
from ao_desktop.services.products.catalog import seed_catalog_if_empty
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from tests.fixtures.officers import add_admin

FLAT = [
    "simulate",
    "--method",
    "flat",
    "--rate",
    "12",
    "--amount",
    "12000000",
    "--tenor",
    "12",
    "--start",
    "2026-01-31",
]


def _run_json(argv: list[str], capsys: pytest.CaptureFixture[str]) -> dict:
    assert main([*argv, "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return json.loads(captured.out)


@pytest.fixture
def catalog_db(tmp_path: Path) -> Path:
    path = tmp_path / "katalog.sqlite"
    db = open_database(path, create=True)
    seed_catalog_if_empty(SqlUnitOfWork(db))
    add_admin(SqlUnitOfWork(db))  # the officer the command line signs in as
    db.close()
    return path


def test_flat_json_shape_and_exact_figures(capsys: pytest.CaptureFixture[str]) -> None:
    out = _run_json(FLAT, capsys)
    assert {
        "method",
        "amount",
        "rate_pa",
        "tenor",
        "installments",
        "total_interest",
        "total_paid",
        "effective_rate_pa",
        "product",
        "fees",
        "net_disbursement",
    } <= set(out)
    assert (out["method"], out["amount"], out["rate_pa"], out["tenor"]) == (
        "flat",
        12_000_000,
        12,
        12,
    )
    assert out["product"] is None and out["fees"] == 0 and out["net_disbursement"] == 12_000_000
    rows = out["installments"]
    assert [r["no"] for r in rows] == list(range(1, 13))
    assert {r["installment"] for r in rows} == {1_120_000}
    assert {r["principal"] for r in rows} == {1_000_000} and {r["interest"] for r in rows} == {
        120_000
    }
    assert [r["balance"] for r in rows] == [12_000_000 - 1_000_000 * k for k in range(1, 13)]
    # Month ends are kept: 31 Jan -> 28 Feb -> 31 Mar.
    assert [r["due_date"] for r in rows[:3]] == ["2026-02-28", "2026-03-31", "2026-04-30"]
    assert out["total_interest"] == 1_440_000 and out["total_paid"] == 13_440_000
    assert out["effective_rate_pa"] == pytest.approx(21.46)
    for row in rows:
        assert all(
            isinstance(row[k], int) for k in ("installment", "principal", "interest", "balance")
        )


@pytest.mark.parametrize("method", ["annuity", "declining"])
def test_effective_methods_sum_exactly(method: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = _run_json(
        [
            "simulate",
            "--method",
            method,
            "--rate",
            "10,5",
            "--amount",
            "Rp 37.500.000",
            "--tenor",
            "23",
        ],
        capsys,
    )
    rows = out["installments"]
    assert sum(r["principal"] for r in rows) == out["amount"] == 37_500_000
    assert sum(r["interest"] for r in rows) == out["total_interest"]
    assert sum(r["installment"] for r in rows) == out["total_paid"]
    assert rows[-1]["balance"] == 0 and out["rate_pa"] == 10.5
    assert out["effective_rate_pa"] == 10.5


def test_annuity_installment_matches_the_formula(capsys: pytest.CaptureFixture[str]) -> None:
    out = _run_json(
        ["simulate", "--method", "annuity", "--rate", "12", "--amount", "100jt", "--tenor", "12"],
        capsys,
    )
    r = 0.01
    exact = 100_000_000 * r / (1 - (1 + r) ** -12)
    assert all(abs(row["installment"] - exact) <= 1 for row in out["installments"][:-1])


def test_product_from_the_catalog(catalog_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _run_json(
        [
            "simulate",
            "--product",
            "kur-mikro",
            "--amount",
            "50 juta",
            "--tenor",
            "24",
            "--previous-uses",
            "1",
            "--db",
            str(catalog_db),
        ],
        capsys,
    )
    assert out["product"] == "KUR-MIKRO" and out["method"] == "annuity" and out["rate_pa"] == 7
    assert out["fees"] == 0 and out["net_disbursement"] == 50_000_000
    out = _run_json(
        [
            "simulate",
            "--product",
            "KPR",
            "--amount",
            "500jt",
            "--tenor",
            "240",
            "--db",
            str(catalog_db),
        ],
        capsys,
    )
    # provisi 1% + asuransi 1.5% + administrasi 1.5 juta + notaris 3.5 juta
    assert out["fees"] == 5_000_000 + 7_500_000 + 1_500_000 + 3_500_000
    assert out["net_disbursement"] == 500_000_000 - out["fees"]
    assert len(out["installments"]) == 240


def test_readable_table(catalog_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(FLAT) == 0
    out = capsys.readouterr().out
    assert "Rp1.120.000" in out and "28/02/2026" in out and "Total bunga: Rp1.440.000" in out
    assert "21,46%" in out and "Bunga flat" in out
    assert len(out.splitlines()) == 2 + 1 + 12 + 4
    assert (
        main(
            [
                "simulate",
                "--product",
                "KMK",
                "--amount",
                "100jt",
                "--tenor",
                "12",
                "--db",
                str(catalog_db),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Kredit Modal Kerja (KMK)" in out and "Efektif menurun" in out


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (
            ["simulate", "--method", "flat", "--rate", "12", "--amount", "0", "--tenor", "12"],
            "lebih dari Rp0",
        ),
        (
            ["simulate", "--method", "flat", "--rate", "12", "--amount=-5jt", "--tenor", "12"],
            "negatif",
        ),
        (
            ["simulate", "--method", "flat", "--rate", "12", "--amount", "lima", "--tenor", "12"],
            "tidak dapat dibaca",
        ),
        (
            ["simulate", "--method", "flat", "--rate", "120", "--amount", "5jt", "--tenor", "12"],
            "Suku bunga",
        ),
        (
            ["simulate", "--method", "flat", "--rate", "abc", "--amount", "5jt", "--tenor", "12"],
            "--rate",
        ),
        (["simulate", "--method", "flat", "--amount", "5jt", "--tenor", "12"], "--rate"),
        (
            ["simulate", "--method", "flat", "--rate", "12", "--amount", "5jt", "--tenor", "0"],
            "Tenor",
        ),
        (
            ["simulate", "--method", "flat", "--rate", "12", "--amount", "5jt", "--tenor", "x"],
            "--tenor",
        ),
        (
            [
                "simulate",
                "--method",
                "flat",
                "--rate",
                "12",
                "--amount",
                "5jt",
                "--tenor",
                "12",
                "--start",
                "31/01/2026",
            ],
            "--start",
        ),
        (
            ["simulate", "--method", "bunga", "--rate", "12", "--amount", "5jt", "--tenor", "12"],
            "Perintah tidak valid",
        ),
        (["simulate", "--amount", "5jt", "--tenor", "12"], "Perintah tidak valid"),
        (
            [
                "simulate",
                "--product",
                "KPR",
                "--method",
                "flat",
                "--amount",
                "5jt",
                "--tenor",
                "12",
            ],
            "Perintah tidak valid",
        ),
        (
            [
                "simulate",
                "--product",
                "KPR",
                "--amount",
                "5jt",
                "--tenor",
                "12",
                "--db",
                "/nonexistent/x.sqlite",
            ],
            "tidak ditemukan",
        ),
    ],
)
def test_bad_input_is_one_sentence_and_exit_1(argv: list[str], fragment: str, capsys) -> None:
    assert main(argv) == 1
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert fragment in err and "Traceback" not in err and len(err.splitlines()) == 1
    assert captured.out == ""


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        (
            ["--product", "NOPE", "--amount", "50jt", "--tenor", "12"],
            "Produk dengan kode NOPE tidak ditemukan.",
        ),
        (
            ["--product", "KUR-MIKRO", "--amount", "5jt", "--tenor", "12"],
            "Plafon untuk KUR Mikro antara Rp10.000.001 dan Rp100.000.000",
        ),
        (
            ["--product", "KUR-MIKRO", "--amount", "50jt", "--tenor", "72"],
            "Tenor untuk KUR Mikro antara 3 dan 60 bulan",
        ),
        (["--product", "DEP-3", "--amount", "50jt", "--tenor", "3"], "bukan kredit"),
        (["--product", "KPR", "--rate", "5", "--amount", "500jt", "--tenor", "12"], "--rate"),
    ],
)
def test_product_errors(catalog_db: Path, extra: list[str], fragment: str, capsys) -> None:
    assert main(["simulate", *extra, "--db", str(catalog_db)]) == 1
    err = capsys.readouterr().err.strip()
    assert fragment in err and len(err.splitlines()) == 1
