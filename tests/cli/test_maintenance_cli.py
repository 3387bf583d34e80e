"""`ao-desktop backup`, `restore` and `check`: exit codes, output and one-sentence errors."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from ao_desktop.cli.main import main
from ao_desktop.domain.clients.client import Client
from ao_desktop.services.clients.directory import add_client
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from tests.fixtures.officers import add_admin

# Backups, logs and the default database go to this test's own folder.
pytestmark = pytest.mark.usefixtures("home")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "cabang.sqlite"
    db = open_database(path, create=True)
    uow = SqlUnitOfWork(db)
    for name in ("Siti Nurhaliza", "Ahmad Nurdin"):
        add_client(uow, Client(full_name=name), actor="t")
    add_admin(SqlUnitOfWork(db))  # the officer the command line signs in as
    db.close()
    return path


def _names(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT full_name FROM clients ORDER BY id")]
    finally:
        con.close()


def _one_sentence(err: str) -> str:
    text = err.strip()
    assert text and "\n" not in text and "Traceback" not in text
    return text


def test_backup_to_the_local_folder_json(db_path: Path, home: Path, capsys) -> None:  # noqa: ANN001
    assert main(["backup", "--db", str(db_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    path = Path(out["path"])
    assert path.is_file() and path.is_relative_to(home / "backups")
    assert path.name.startswith("ao-desktop-") and path.name.endswith("-manual.sqlite")
    assert (
        out["integrity"] == "ok" and out["kind"] == "manual" and out["bytes"] == path.stat().st_size
    )
    assert _names(path) == ["Siti Nurhaliza", "Ahmad Nurdin"]


def test_backup_to_a_file_and_into_a_folder(db_path: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    out = tmp_path / "salinan.sqlite"
    assert main(["backup", "--db", str(db_path), "--out", str(out)]) == 0
    assert "pemeriksaan integritas: baik" in capsys.readouterr().out
    assert _names(out) == ["Siti Nurhaliza", "Ahmad Nurdin"]
    folder = tmp_path / "usb"
    folder.mkdir()
    assert main(["backup", "--db", str(db_path), "--out", str(folder)]) == 0
    assert len(list(folder.glob("ao-desktop-*-manual.sqlite"))) == 1


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["backup", "--db", "{tmp}/tidak-ada.sqlite"], "tidak ditemukan"),
        (["backup", "--db", "{db}", "--out", "{db}"], "sudah ada"),
        (["backup", "--db", "{db}", "--out", "{tmp}/tidak/ada.sqlite"], "tidak ada"),
        (["check", "--db", "{tmp}/tidak-ada.sqlite"], "tidak ditemukan"),
        (["restore", "{tmp}/tidak-ada.sqlite", "--db", "{db}", "--yes"], "tidak ditemukan"),
        (["restore", "--db", "{db}"], "Perintah tidak valid"),
    ],
)
def test_user_errors_are_one_sentence(
    argv, fragment, db_path: Path, tmp_path: Path, capsys
) -> None:  # noqa: ANN001
    args = [a.format(tmp=tmp_path, db=db_path) for a in argv]
    before = db_path.read_bytes()
    assert main(args) == 1
    assert fragment in _one_sentence(capsys.readouterr().err)
    assert db_path.read_bytes() == before


def test_check_healthy_and_json(db_path: Path, capsys) -> None:  # noqa: ANN001
    assert main(["check", "--db", str(db_path)]) == 0
    captured = capsys.readouterr()
    assert "Struktur berkas (integrity_check): baik." in captured.out
    assert "Relasi antardata (foreign key): baik." in captured.out and captured.err == ""
    assert main(["check", "--db", str(db_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True and report["integrity"] == [] and report["foreign_keys"] == []
    assert report["engine"] == "sqlite" and report["collation"] is None
    assert report["checks"] == ["application_id", "integrity_check", "foreign_key_check", "search_index"]


def _damage(path: Path) -> None:
    con = sqlite3.connect(path)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    with path.open("r+b") as fh:
        fh.seek(page_size * (pages // 2))
        fh.write(b"\xa5" * 200)


def test_check_a_damaged_database_exits_1_and_says_what_is_wrong(db_path: Path, capsys) -> None:  # noqa: ANN001
    _damage(db_path)
    assert main(["check", "--db", str(db_path)]) == 1
    captured = capsys.readouterr()
    assert "Struktur berkas RUSAK" in captured.out
    assert "rusak" in _one_sentence(captured.err) and "ao-desktop restore" in captured.err
    assert main(["check", "--db", str(db_path), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["integrity"]


def test_check_reports_broken_foreign_keys(db_path: Path, capsys) -> None:  # noqa: ANN001
    con = sqlite3.connect(db_path)
    con.execute(
        "INSERT INTO client_notes(client_id, text, author, created_at) "
        "VALUES (999, 'x', 'x', '2026-11-27 09:30:00')"
    )
    con.commit()
    con.close()
    assert main(["check", "--db", str(db_path), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["foreign_keys"] and "client_notes" in report["foreign_keys"][0]


def test_restore_with_yes_keeps_the_old_database(db_path: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    backup = tmp_path / "cadangan.sqlite"
    assert main(["backup", "--db", str(db_path), "--out", str(backup)]) == 0
    db = open_database(db_path, create=True)
    add_client(SqlUnitOfWork(db), Client(full_name="Citra Lestari"), actor="t")
    db.close()
    capsys.readouterr()

    assert main(["restore", str(backup), "--db", str(db_path), "--yes", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert _names(db_path) == ["Siti Nurhaliza", "Ahmad Nurdin"]
    previous = Path(out["previous"])
    assert previous.parent == tmp_path and "before-restore" in previous.name
    assert _names(previous) == ["Siti Nurhaliza", "Ahmad Nurdin", "Citra Lestari"]


def test_restore_without_yes_needs_a_terminal(
    db_path: Path, tmp_path: Path, monkeypatch, capsys
) -> None:  # noqa: ANN001
    backup = tmp_path / "cadangan.sqlite"
    assert main(["backup", "--db", str(db_path), "--out", str(backup)]) == 0
    before = db_path.read_bytes()
    monkeypatch.setattr("sys.stdin", io.StringIO("ya\n"))  # not a TTY: never read
    assert main(["restore", str(backup), "--db", str(db_path)]) == 1
    assert "--yes" in _one_sentence(capsys.readouterr().err)
    assert db_path.read_bytes() == before


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("answer", "code"), [("ya\n", 0), ("tidak\n", 1), ("\n", 1)])
def test_restore_asks_on_a_terminal(
    answer: str, code: int, db_path: Path, tmp_path: Path, monkeypatch, capsys
) -> None:  # noqa: ANN001
    backup = tmp_path / "cadangan.sqlite"
    assert main(["backup", "--db", str(db_path), "--out", str(backup)]) == 0
    monkeypatch.setattr("sys.stdin", _Tty(answer))
    assert main(["restore", str(backup), "--db", str(db_path)]) == code
    err = capsys.readouterr().err
    assert "Lanjutkan?" in err
    kept = list(tmp_path.glob("cabang.before-restore-*.sqlite"))
    assert len(kept) == (1 if code == 0 else 0)
    if code:
        assert "dibatalkan" in err


def test_restore_refuses_a_foreign_file_and_changes_nothing(
    db_path: Path, tmp_path: Path, capsys
) -> None:  # noqa: ANN001
    foreign = tmp_path / "lain.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    assert main(["restore", str(foreign), "--db", str(db_path), "--yes"]) == 1
    assert "bukan" in _one_sentence(capsys.readouterr().err)
    assert db_path.read_bytes() == before
    assert not list(tmp_path.glob("*before-restore*"))


def test_backup_into_the_same_folder_twice_in_a_minute_numbers_the_second(
    db_path: Path, tmp_path: Path, capsys  # noqa: ANN001
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    assert main(["backup", "--db", str(db_path), "--out", str(folder)]) == 0
    assert main(["backup", "--db", str(db_path), "--out", str(folder)]) == 0
    names = sorted(p.name for p in folder.iterdir())
    # The default folder's rule: a second backup in the same minute gets "-2".
    assert len(names) == 2 and all(n.startswith("ao-desktop-") for n in names), names
    assert all(n.endswith(("-manual.sqlite", "-manual-2.sqlite")) for n in names), names


def test_check_runs_as_a_signed_in_officer(db_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("AO_DESKTOP_PIN", "999999")
    assert main(["check", "--db", str(db_path)]) == 1
    assert "PIN" in _one_sentence(capsys.readouterr().err)
    monkeypatch.delenv("AO_DESKTOP_PIN")
    assert main(["check", "--db", str(db_path), "--json"]) == 1  # no PIN, no terminal
    assert "AO_DESKTOP_PIN" in _one_sentence(capsys.readouterr().err)
    assert capsys.readouterr().out == ""


def test_check_of_a_file_too_damaged_to_sign_in_still_says_what_is_wrong(db_path: Path, capsys) -> None:  # noqa: ANN001
    with db_path.open("r+b") as fh:  # the schema itself: nothing can be opened or signed in to
        fh.seek(100)
        fh.write(b"\xa5" * 3000)
    assert main(["check", "--db", str(db_path), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
