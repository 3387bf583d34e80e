"""Warning letters: the deadline in working days across Christmas, cuti bersama, New Year
and an admin's regional holiday; numbers per branch and year; the letter recorded on the
account; the amount in words read back from the PDF."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from ao_desktop.domain.calendar.working_days import HolidayOverride
from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.enums import Sex
from ao_desktop.domain.common.errors import PermissionDenied
from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.services.calendar.holiday_calendar import set_holiday_override
from ao_desktop.services.portfolio.extract_import import commit_extract, preview_extract
from ao_desktop.services.portfolio.letters import account_letters, issue_letter, reprint_letter
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from tests.fixtures.extract_sheets import account, write_extract

NIK = "3201010202850002"
ADMIN = Actor("admin", OfficerRole.ADMIN)


@pytest.fixture
def loan(uow: SqlUnitOfWork, tmp_path: Path) -> SqlUnitOfWork:
    now = datetime(2026, 12, 1)
    with uow.write() as tx:
        rina = tx.officers.add(Officer("Rina Marlina", "081234567890"))
        tx.clients.add(Client(full_name="Budi Santoso", nik=NIK, sex=Sex.MALE, officer_id=rina.id), "t", now)
        tx.settings.set("bank.name", "PT BPR Sejahtera")
        tx.settings.set("bank.branch", "KCP Sleman Utara")
    path = write_extract(tmp_path / "os.xlsx", [
        account("1002", nik=NIK, os=8_000_000, tp=1_250_000, tb=250_000, dpd=100, ao="Rina Marlina")])
    preview = preview_extract(uow, path, date(2026, 11, 30), today=date(2026, 12, 4))
    commit_extract(uow, preview, ADMIN, today=date(2026, 12, 4))
    return uow


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages).split())


def test_deadline_counts_working_days_across_holidays(loan: SqlUnitOfWork) -> None:
    out = BytesIO()
    issued = issue_letter(loan, "1002", 1, ADMIN, out, today=date(2026, 12, 22))
    # 23 Dec; 24 cuti bersama, 25 Natal, weekend; 28-31 Dec; 1 Jan; weekend; 4 Jan; 5 Isra Mikraj; 6 Jan
    assert issued.letter.deadline == date(2027, 1, 6)
    assert "6 Januari 2027" in _text(out.getvalue())
    set_holiday_override(loan, HolidayOverride(date(2026, 12, 23), "Libur daerah"), ADMIN)
    later = issue_letter(loan, "1002", 2, ADMIN, BytesIO(), today=date(2026, 12, 22))
    assert later.letter.deadline == date(2027, 1, 7)
    assert any("baru berakhir" in w for w in later.warnings)


def test_numbers_run_per_branch_and_year_and_letters_are_on_the_history(loan: SqlUnitOfWork) -> None:
    first = issue_letter(loan, "1002", 1, ADMIN, BytesIO(), today=date(2026, 12, 1)).letter
    second = issue_letter(loan, "1002", 2, ADMIN, BytesIO(), today=date(2026, 12, 20)).letter
    new_year = issue_letter(loan, "1002", 3, ADMIN, BytesIO(), today=date(2027, 1, 12)).letter
    assert [first.number, second.number, new_year.number] == [
        "001/SP1/KSU/XII/2026", "002/SP2/KSU/XII/2026", "001/SP3/KSU/I/2027"]
    assert [w.number for w in account_letters(loan, first.account_id)] == [
        first.number, second.number, new_year.number]
    again = BytesIO()
    reprint_letter(loan, second.id, ADMIN, again)
    assert "002/SP2/KSU/XII/2026" in _text(again.getvalue())


def test_letter_states_arrears_in_figures_and_words(loan: SqlUnitOfWork) -> None:
    out = BytesIO()
    issue_letter(loan, "1002", 3, ADMIN, out, today=date(2026, 12, 4))
    text = _text(out.getvalue())
    for expected in ("Surat Peringatan Ketiga (SP3)", "Yth. Bapak Budi Santoso", "Rp1.250.000", "Rp250.000",
                     "Rp1.500.000", "Terbilang: satu juta lima ratus ribu rupiah.", "PT BPR Sejahtera",
                     "KCP Sleman Utara", "Rina Marlina", "0812-3456-7890", "terakhir"):
        assert expected in text, expected


def test_an_ao_issues_letters_on_their_own_accounts_only(loan: SqlUnitOfWork) -> None:
    with loan.write() as tx:
        other = tx.officers.add(Officer("Dedi"))
    with pytest.raises(PermissionDenied):
        issue_letter(loan, "1002", 1, Actor("Dedi", OfficerRole.AO, other.id), BytesIO())
