"""Importing core-banking extracts into a real database: messy headers, accounts that
match no client (kept as unmatched), unknown Kode AO (kept unassigned), CIF remembered
once matched by NIK, an older extract refused unless asked, the same as-of date replacing
instead of doubling, and a refused extract changing nothing."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.common.errors import ValidationFailed
from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.services.portfolio.extract_import import commit_extract, preview_extract
from ao_desktop.services.portfolio.summary import portfolio_summary
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from tests.fixtures.extract_sheets import account, write_csv, write_extract

TODAY = date(2026, 12, 4)
NIK_SITI = "3201014101900001"
NIK_BUDI = "3201010202850002"
ACTOR = Actor("tester", OfficerRole.SUPERVISOR)


@pytest.fixture
def branch(uow: SqlUnitOfWork) -> dict[str, int]:
    now = datetime(2026, 12, 1)
    with uow.write() as tx:
        rina = tx.officers.add(Officer("Rina Marlina"))
        siti = tx.clients.add(Client(full_name="Siti Aminah", nik=NIK_SITI, officer_id=rina.id), "t", now)
        budi = tx.clients.add(Client(full_name="Budi Santoso", nik=NIK_BUDI, officer_id=rina.id), "t", now)
    return {"rina": rina.id, "siti": siti.id, "budi": budi.id}


def _import(uow, path: Path, as_of: date, **kw):  # type: ignore[no-untyped-def]
    preview = preview_extract(uow, path, as_of, today=TODAY, **kw)
    assert preview.problems == []
    commit_extract(uow, preview, ACTOR, today=TODAY)
    return preview


def test_messy_extract_imports_matches_and_reports(uow: SqlUnitOfWork, branch, tmp_path: Path) -> None:
    path = write_extract(tmp_path / "os.xlsx", [
        account("1001", nik=NIK_SITI, cif="C-01", os=10_000_000, dpd=0, ao="Rina Marlina"),
        account("1002", nik=NIK_BUDI, os=8_000_000, tp=400_000, tb=100_000, dpd=100, ao="AO-77"),
        account("1003", nik="3201019999990009", cif="C-99", os=2_000_000, dpd=5, ao=str(branch["rina"])),
        account("1004", nik=NIK_SITI, os=-1_000_000, dpd=0),
        account("1005", nik=NIK_BUDI, os=1_000_000, dpd="dua bulan"),
    ])
    preview = _import(uow, path, date(2026, 11, 30))
    assert preview.header_row == 4
    assert len(preview.rows) == 3
    assert [(i.row, i.column) for i in preview.rejected] == [(8, "kolom H (Baki Debet)"),
                                                             (9, "kolom K (Hari Tunggakan)")]
    assert [(u.account_no, u.nik) for u in preview.unmatched] == [("1003", "3201019999990009")]
    assert preview.unassigned == {"AO-77": 1}
    s = portfolio_summary(uow)
    assert s.as_of == date(2026, 11, 30)
    assert (s.totals.accounts, s.totals.outstanding) == (3, 20_000_000)
    assert s.totals.by_level[3].accounts == 1  # 100 days: Kurang Lancar
    assert f"{s.totals.npl_ratio:.2f}" == "40.00"
    assert (s.unmatched, s.unassigned) == (1, 1)
    assert portfolio_summary(uow, officer_id=branch["rina"]).totals.accounts == 2
    with uow.read() as tx:
        assert tx.portfolio.clients_by_cif({"C-01"}) == {"C-01": branch["siti"]}  # kept once matched
        assert tx.portfolio.account_by_number("1003").account.client_id is None  # unmatched, not dropped


def test_cif_alone_matches_after_a_nik_match(uow: SqlUnitOfWork, branch, tmp_path: Path) -> None:
    _import(uow, write_extract(tmp_path / "a.xlsx", [account("1", nik=NIK_SITI, cif="C-01")]), date(2026, 10, 31))
    preview = _import(uow, write_extract(tmp_path / "b.xlsx", [account("2", cif="C-01")]), date(2026, 11, 30))
    assert preview.unmatched == []
    assert preview.rows[0].client_id == branch["siti"]


def test_same_as_of_replaces_instead_of_doubling(uow: SqlUnitOfWork, branch, tmp_path: Path) -> None:
    first = write_extract(tmp_path / "a.xlsx", [account("1", nik=NIK_SITI, os=5_000_000),
                                                account("2", nik=NIK_BUDI, os=3_000_000)])
    _import(uow, first, date(2026, 11, 30))
    again = write_extract(tmp_path / "b.xlsx", [account("1", nik=NIK_SITI, os=4_000_000)])
    preview = _import(uow, again, date(2026, 11, 30))
    assert preview.replaces_same_date
    s = portfolio_summary(uow)
    assert (s.totals.accounts, s.totals.outstanding) == (1, 4_000_000)
    with uow.read() as tx:
        assert len(tx.portfolio.extracts()) == 1
        # only the replaced file ever listed account 2: it was the file's mistake and goes
        assert tx.portfolio.account_by_number("2") is None
        assert tx.portfolio.active_installments(branch["budi"]) == 0


def test_replacing_the_newest_extract_points_a_dropped_account_back(uow: SqlUnitOfWork, branch,
                                                                     tmp_path: Path) -> None:
    _import(uow, write_extract(tmp_path / "oct.xlsx", [account("2", nik=NIK_BUDI, os=3_500_000, dpd=10)]),
            date(2026, 10, 31))
    _import(uow, write_extract(tmp_path / "a.xlsx", [account("1", nik=NIK_SITI), account("2", nik=NIK_BUDI)]),
            date(2026, 11, 30))
    _import(uow, write_extract(tmp_path / "b.xlsx", [account("1", nik=NIK_SITI)]), date(2026, 11, 30))
    with uow.read() as tx:
        dropped = tx.portfolio.account_by_number("2")
        assert dropped.as_of == date(2026, 10, 31)  # its latest position is October's again
        assert (dropped.account.outstanding, dropped.account.days_past_due) == (3_500_000, 10)
        assert tx.portfolio.active_installments(branch["budi"]) == 0  # not in the newest extract


def test_older_extract_refused_unless_replace(uow: SqlUnitOfWork, branch, tmp_path: Path) -> None:
    _import(uow, write_extract(tmp_path / "nov.xlsx", [account("1", nik=NIK_SITI, os=5_000_000)]),
            date(2026, 11, 30))
    old = write_extract(tmp_path / "sep.xlsx", [account("1", nik=NIK_SITI, os=7_000_000),
                                                account("9", nik=NIK_BUDI, os=1_000_000)])
    refused = preview_extract(uow, old, date(2026, 9, 30), today=TODAY)
    assert refused.problems and "lebih lama" in refused.problems[0]
    with pytest.raises(ValidationFailed):
        commit_extract(uow, refused, ACTOR, today=TODAY)
    _import(uow, old, date(2026, 9, 30), replace=True)
    with uow.read() as tx:
        assert [e.as_of for e in tx.portfolio.extracts()] == [date(2026, 11, 30), date(2026, 9, 30)]
        latest = tx.portfolio.account_by_number("1").account
        assert latest.outstanding == 5_000_000  # the older extract leaves the latest position alone
        assert [p.outstanding for p in tx.portfolio.positions(latest.id)] == [5_000_000, 7_000_000]
    assert portfolio_summary(uow, as_of=date(2026, 10, 15)).as_of == date(2026, 9, 30)


def test_future_as_of_and_missing_columns_change_nothing(uow: SqlUnitOfWork, branch, tmp_path: Path) -> None:
    path = write_extract(tmp_path / "a.xlsx", [account("1", nik=NIK_SITI)])
    future = preview_extract(uow, path, date(2026, 12, 5), today=TODAY)
    assert "masa depan" in future.problems[0]
    no_dpd = write_extract(tmp_path / "b.xlsx", [("1", NIK_SITI, 1000)], header=("No", "No Rekening", "NIK", "OS"))
    missing = preview_extract(uow, no_dpd, date(2026, 11, 30), today=TODAY)
    assert any("Hari Tunggakan" in p for p in missing.problems)
    with uow.read() as tx:
        assert tx.portfolio.extracts() == []


def test_csv_with_map_override(uow: SqlUnitOfWork, branch, tmp_path: Path) -> None:
    header = ("No", "Rekening", "CIF", "Nama", "KTP", "Jenis", "Limit", "Sisa OS", "TP", "TB", "Telat",
              "JT", "Petugas", "Angs")
    path = write_csv(tmp_path / "os.csv", [account("77", nik=NIK_BUDI, os=3_000_000, dpd=12)], header=header)
    plain = preview_extract(uow, path, date(2026, 11, 30), today=TODAY)
    assert plain.problems  # "Sisa OS" and "Telat" are not names the import knows
    preview = preview_extract(uow, path, date(2026, 11, 30), today=TODAY,
                              overrides={"Sisa OS": "outstanding", "telat": "days_past_due", "K": "dpd"})
    assert preview.problems == []
    assert preview.rows[0].row.outstanding == 3_000_000 and preview.rows[0].row.days_past_due == 12


def test_the_dsr_counts_the_clients_portfolio_instalments(uow: SqlUnitOfWork, branch, tmp_path: Path) -> None:
    _import(uow, write_extract(tmp_path / "a.xlsx", [
        account("1", nik=NIK_SITI, installment=750_000), account("2", nik=NIK_SITI, installment=250_000),
        account("3", nik=NIK_SITI, os=0, installment=999_000)]), date(2026, 11, 30))
    with uow.read() as tx:
        assert tx.portfolio.active_installments(branch["siti"]) == 1_000_000


def test_a_client_added_after_the_preview_is_matched_on_commit(uow: SqlUnitOfWork, branch, tmp_path: Path) -> None:
    nik = "3201015505950003"
    preview = preview_extract(uow, write_extract(tmp_path / "a.xlsx", [account("5", nik=nik)]),
                              date(2026, 11, 30), today=TODAY)
    assert [u.account_no for u in preview.unmatched] == ["5"]
    with uow.write() as tx:
        rina = tx.clients.add(Client(full_name="Rina Baru", nik=nik), "t", datetime(2026, 12, 2))
    commit_extract(uow, preview, ACTOR, today=TODAY)
    with uow.read() as tx:
        assert tx.portfolio.account_by_number("5").account.client_id == rina.id


def test_a_rejected_row_gives_every_reason(uow: SqlUnitOfWork, branch, tmp_path: Path) -> None:
    path = write_extract(tmp_path / "a.xlsx", [account("1", nik=NIK_SITI, os=-5, dpd="tiga")])
    preview = preview_extract(uow, path, date(2026, 11, 30), today=TODAY)
    assert preview.rejected_reasons == [(5, "kolom H (Baki Debet): nominal tidak boleh negatif; "
                                             "kolom K (Hari Tunggakan): hari tunggakan harus angka, bukan 'tiga'")]
    assert "Tidak ada baris" in preview.problems[0]
