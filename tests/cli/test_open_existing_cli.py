"""Read-only subcommands never turn a file that is not an AO Desktop database into one
(issue #11 item 5): a 0-byte `--db` is refused with one sentence and left as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ao_desktop.cli.main import main

pytestmark = pytest.mark.usefixtures("home")


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "siti"],
        ["export-clients", "{tmp}/nasabah.xlsx"],
        ["backup"],
        ["check"],
    ],
)
def test_a_zero_byte_db_is_refused_and_left_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    db = tmp_path / "kosong.sqlite"
    db.touch()
    before = hashlib.sha256(db.read_bytes()).hexdigest()

    code = main([a.format(tmp=tmp_path) for a in argv] + ["--db", str(db)])

    err = capsys.readouterr().err.strip()
    assert code == 1
    assert "bukan database AO Desktop" in err and "\n" not in err and "Traceback" not in err
    assert db.stat().st_size == 0 and hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["kosong.sqlite"]
