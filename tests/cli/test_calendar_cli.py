"""`ao-desktop agenda` and `export-calendar`: the JSON, the .ics parsed back with the
icalendar package, stable UIDs, the default officer, and one-sentence mistakes."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from ao_desktop.cli import calendar as calendar_cli
from ao_desktop.cli.main import main
from ao_desktop.domain.calendar.activity import Activity, Outcome
from ao_desktop.domain.calendar.enums import ActivityPurpose, ActivityStatus, ActivityType
from ao_desktop.domain.clients.client import Address, Client
from ao_desktop.domain.common.officer import Actor, Officer, OfficerRole
from ao_desktop.services.calendar import activities as svc
from ao_desktop.services.clients.directory import add_client
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork

pytestmark = pytest.mark.usefixtures("home")
DAY = date(2026, 12, 7)  # a Monday
ADMIN = Actor("admin", OfficerRole.ADMIN)


@pytest.fixture(autouse=True)
def no_officer_on_this_pc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(calendar_cli, "_configured_officer", lambda: None)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "cabang.sqlite"
    db = open_database(path, create=True)
    uow = SqlUnitOfWork(db)
    with uow.write() as tx:
        rina = tx.officers.add(Officer("Rina Marlina", "+6281211112222"))
        dedi = tx.officers.add(Officer("Dedi Kurniawan", "+6281233334444"))
        # The branch's admin: the command line runs as them when no officer is configured.
        tx.officers.add(Officer("Admin Cabang", "+6281255556666", OfficerRole.ADMIN))
    siti = add_client(uow, Client(full_name="Siti Aminah", mobile="+6281298765432",
                                  address=Address(street="Jl. Melati 4", city="Surabaya")),
                      actor="t", allow_duplicates=True)

    def plan(officer: Officer, at: datetime, kind: ActivityType = ActivityType.VISIT) -> Activity:
        return svc.schedule_activity(uow, Activity(
            client_id=siti.id, officer_id=officer.id, type=kind,  # type: ignore[arg-type]
            purpose=ActivityPurpose.FOLLOW_UP, starts_at=at), ADMIN)

    plan(rina, datetime(2026, 12, 7, 10, 30))
    plan(rina, datetime(2026, 12, 7, 8, 0), ActivityType.PHONE)
    plan(dedi, datetime(2026, 12, 7, 9, 0))
    plan(rina, datetime(2026, 12, 2, 9, 0))  # overdue
    done = plan(rina, datetime(2026, 12, 1, 9, 0))
    svc.complete_activity(uow, done, Outcome(outcome="ok"), ADMIN)
    plan(rina, datetime(2026, 12, 20, 9, 0))
    db.close()
    return path


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> dict:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_agenda_json_for_one_officer(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _json(capsys, ["agenda", "--db", str(db_path), "--date", "2026-12-07", "--officer", "1", "--json"])
    assert {k: out[k] for k in ("date", "holiday", "working_day")} == {
        "date": "2026-12-07", "holiday": None, "working_day": True}
    assert [(i["time"], i["client"], i["type"], i["purpose"], i["status"]) for i in out["items"]] == [
        ("08:00", "Siti Aminah", "telepon", "follow_up", "rencana"),
        ("10:30", "Siti Aminah", "kunjungan", "follow_up", "rencana"),
    ]
    assert [(i["date"], i["time"], i["status"]) for i in out["overdue"]] == [("2026-12-02", "09:00", "rencana")]


def test_agenda_without_a_configured_officer_shows_everyone(db_path: Path, capsys) -> None:
    out = _json(capsys, ["agenda", "--db", str(db_path), "--date", "2026-12-07", "--json"])
    assert [i["time"] for i in out["items"]] == ["08:00", "09:00", "10:30"]


def test_agenda_defaults_to_the_officer_signed_in_on_this_pc(db_path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(calendar_cli, "_configured_officer", lambda: (2, "+6281233334444"))
    out = _json(capsys, ["agenda", "--db", str(db_path), "--date", "2026-12-07", "--json"])
    assert [i["time"] for i in out["items"]] == ["09:00"] and out["officer_id"] == 2


def test_agenda_names_the_holiday(db_path: Path, capsys) -> None:
    out = _json(capsys, ["agenda", "--db", str(db_path), "--date", "2026-03-20", "--json"])
    assert out["holiday"] == "Cuti Bersama Hari Raya Idul Fitri" and out["working_day"] is False
    assert main(["agenda", "--db", str(db_path), "--date", "2026-12-25"]) == 0
    assert "Hari libur: Hari Raya Natal" in capsys.readouterr().out


@pytest.mark.parametrize(("argv", "words"), [
    (["agenda", "--date", "2026-02-30"], "2026-02-30 bukan tanggal yang ada"),
    (["agenda", "--officer", "99"], "AO dengan id 99 tidak ditemukan"),
    (["export-calendar", "--out", "{tmp}/a.ics", "--from", "2026-12-10", "--to", "2026-12-01"],
     "sebelum --from"),
    (["export-calendar", "--out", "{tmp}/a.txt"], "berakhiran .ics"),
    (["export-calendar", "--out", "{tmp}/a.ics", "--officer", "7"], "AO dengan id 7"),
])
def test_mistakes_are_one_sentence_and_write_nothing(db_path, tmp_path, capsys, argv, words) -> None:
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv] + ["--db", str(db_path)]
    assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert words in err and "\n" not in err and "Traceback" not in err
    assert not list(tmp_path.glob("a.*"))


def _events(path: Path) -> dict[str, object]:
    cal = Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_export_parses_back_with_stable_uids(db_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "rina.ics"
    argv = ["export-calendar", "--out", str(out), "--from", "2026-12-01", "--to", "2026-12-31",
            "--officer", "1", "--db", str(db_path)]
    assert main(argv) == 0
    first = _events(out)
    assert len(first) == 5
    visit = next(e for e in first.values() if e.decoded("DTSTART") == datetime(2026, 12, 7, 10, 30))
    assert str(visit["SUMMARY"]) == "Kunjungan: Siti Aminah"
    assert str(visit["LOCATION"]) == "Jl. Melati 4, Surabaya"
    assert visit.decoded("DTEND") - visit.decoded("DTSTART") == timedelta(minutes=30)
    assert "Tujuan: Follow-up" in str(visit["DESCRIPTION"])
    # Move the visit and export again: the same UID, a higher SEQUENCE.
    db = open_database(db_path)
    uow = SqlUnitOfWork(db)
    activity = svc.get_activity(uow, int(str(visit["UID"]).split("-")[1]))
    svc.reschedule_activity(uow, activity, datetime(2026, 12, 8, 13, 0), ADMIN)
    db.close()
    assert main(argv) == 1  # the file exists: --force replaces it
    assert main([*argv, "--force"]) == 0
    second = _events(out)
    assert set(second) == set(first)
    moved = second[str(visit["UID"])]
    assert moved.decoded("DTSTART") == datetime(2026, 12, 8, 13, 0)
    assert int(moved["SEQUENCE"]) > int(visit["SEQUENCE"])


def test_export_of_an_empty_range_is_a_valid_empty_calendar(db_path, tmp_path, capsys) -> None:
    out = tmp_path / "kosong.ics"
    assert main(["export-calendar", "--out", str(out), "--from", "2030-01-01", "--to", "2030-01-31",
                 "--db", str(db_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["events"] == 0
    cal = Calendar.from_ical(out.read_bytes())
    assert cal.walk("VEVENT") == [] and str(cal["VERSION"]) == "2.0"


def test_export_defaults_to_eight_weeks_from_today(db_path, tmp_path, capsys) -> None:
    assert main(["export-calendar", "--out", str(tmp_path / "a.ics"), "--db", str(db_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["from"] == date.today().isoformat()
    assert out["to"] == (date.today() + timedelta(weeks=8)).isoformat()


def test_cancelled_activities_are_exported_as_cancelled(db_path, tmp_path, capsys) -> None:
    db = open_database(db_path)
    uow = SqlUnitOfWork(db)
    activity = svc.get_activity(uow, 6)
    svc.complete_activity(uow, activity, Outcome(status=ActivityStatus.CANCELLED), ADMIN)
    db.close()
    out = tmp_path / "b.ics"
    assert main(["export-calendar", "--out", str(out), "--from", "2026-12-20", "--to", "2026-12-20",
                 "--db", str(db_path)]) == 0
    (event,) = _events(out).values()
    assert str(event["STATUS"]) == "CANCELLED"
