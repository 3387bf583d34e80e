"""The helper's pre-scan: started before the command line opens the database, the
import's helper makes read_sheet's pre-scan of the sheet (the cells' extent, formula
cells without a value, error cells) while this process starts up, and read_sheet takes
it instead of scanning again, but only for the same sheet of the very same bytes. A file
the pre-scan refuses is refused by read_sheet with its own message, and the helper never
parses it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from ao_desktop.cli.main import main
from ao_desktop.documents.sheets import sheet_reader
from ao_desktop.documents.sheets.sheet_reader import bound_sheet, read_sheet
from ao_desktop.services.imports import row_worker
from ao_desktop.services.imports.row_worker import start_reading_helper
from tests.fixtures.error_cell_sheets import ods_client_sheet, ods_text
from tests.fixtures.hostile_sheets import cells_without_refs
from tests.fixtures.officers import database_with_admin
from tests.services.imports.conftest import no_helper_left

ROOT = Path(__file__).resolve().parents[3]



@pytest.fixture
def scans(monkeypatch) -> list[str]:  # noqa: ANN001
    """The worksheet parts this process pre-scans itself (the helper's are not seen)."""
    made: list[str] = []
    scan = sheet_reader.bound_xlsx_sheet

    def spy(name, zf, part, look=None):  # noqa: ANN001, ANN202
        made.append(part)
        return scan(name, zf, part, look)

    monkeypatch.setattr(sheet_reader, "bound_xlsx_sheet", spy)
    return made


@pytest.fixture
def any_size(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(row_worker, "EARLY_HELPER_MIN_BYTES", 0)



def _other_workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Prospek Nov"
    sheet.append(["Nama", "NIK"])
    sheet.append(["Siti Aminah", "3201234501800001"])
    book.save(path)
    return path


def test_read_sheet_takes_the_helpers_pre_scan_and_reads_the_same(fixture_file, scans, any_size) -> None:
    own = read_sheet(fixture_file)
    assert own.formula_blanks and own.error_cells  # so the pre-scan has something to hand over
    expected = bound_sheet(fixture_file, fixture_file.read_bytes(), None)
    scans.clear()
    helper = start_reading_helper(fixture_file, pre_scan=True)
    assert helper is not None
    try:
        taken = read_sheet(fixture_file, bounds=helper.bounds)
        assert helper.bounds(own.name, own.digest) == expected
    finally:
        helper.stop()
    assert not scans  # not scanned here
    assert taken == own
    assert expected is not None and expected.formula_blanks == own.formula_blanks
    assert expected.error_cells == own.error_cells
    assert no_helper_left()


def test_a_pre_scan_of_other_bytes_or_another_sheet_is_not_taken(
    fixture_file, tmp_path, scans, any_size
) -> None:
    helper = start_reading_helper(fixture_file, pre_scan=True, sheet="Prospek Nov")
    assert helper is not None
    try:
        digest = read_sheet(fixture_file).digest
        assert helper.bounds("Prospek Nov", digest) is not None
        assert helper.bounds("Lain", digest) is None
        assert helper.bounds("Prospek Nov", "another file") is None
        # The file is replaced after the helper scanned it: this process scans what it reads.
        shutil.copy(_other_workbook(tmp_path / "lain.xlsx"), fixture_file)
        scans.clear()
        data = read_sheet(fixture_file, bounds=helper.bounds)
    finally:
        helper.stop()
    assert len(scans) == 1
    assert data == read_sheet(tmp_path / "lain.xlsx")
    assert data.rows[1][0] == "Siti Aminah"


def test_a_file_the_pre_scan_refuses_is_refused_with_read_sheets_message(tmp_path) -> None:
    # A crafted file is only ever opened in a child process (as in test_crafted_xlsx):
    # should a check let it through, calamine's abort ends that process, not the run.
    crafted = cells_without_refs(tmp_path / "kecil.xlsx")  # claims 1,048,576 x 16,384 cells
    code = (
        "import sys\n"
        "from ao_desktop.documents.sheets.sheet_reader import bound_sheet, read_sheet\n"
        "from ao_desktop.services.imports import row_worker\n"
        "if __name__ == '__main__':\n"
        "    path = sys.argv[1]\n"
        "    print(bound_sheet(path, open(path, 'rb').read(), None))\n"
        "    row_worker.EARLY_HELPER_MIN_BYTES = 0\n"
        "    helper = row_worker.start_reading_helper(path, pre_scan=True)\n"
        "    try:\n"
        "        read_sheet(path, bounds=helper.bounds)\n"
        "    except Exception as e:\n"
        "        print(e)\n"
        "    print(helper.helper.process.is_alive())  # it never parsed the file\n"
        "    helper.stop()\n"
    )
    script = tmp_path / "baca.py"
    script.write_text(code, encoding="utf-8")
    env = {**os.environ, "AO_DESKTOP_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    child = subprocess.run([sys.executable, str(script), str(crafted)], capture_output=True,
                           text=True, timeout=120, cwd=ROOT, env=env)  # fmt: skip
    assert child.returncode == 0, child.stderr[-2000:]
    bound, message, alive = child.stdout.strip().splitlines()
    assert bound == "None"
    assert "terlalu besar" in message and "1.048.576" in message
    assert alive == "True"


@pytest.mark.parametrize("suffix", [".csv", ".ods"])
def test_there_is_no_pre_scan_of_other_formats_or_missing_sheets(fixture_file, tmp_path, suffix) -> None:
    data = fixture_file.read_bytes()
    assert bound_sheet(fixture_file, data, "Tidak ada") is None
    if suffix == ".csv":
        other = tmp_path / "prospek.csv"
        other.write_text("Nama,NIK\nSiti,3201234501800001\n", encoding="utf-8")
    else:
        other = ods_client_sheet(tmp_path / "prospek.ods", ods_text("3201234501800001"))
    assert bound_sheet(other, other.read_bytes(), None) is None


def test_the_command_line_import_uses_the_pre_scan(tmp_path, fixture_file, scans, any_size,
                                                   monkeypatch, capsys) -> None:  # noqa: ANN001
    monkeypatch.setattr(row_worker, "PARALLEL_MIN_ROWS", 2)
    one = database_with_admin(tmp_path / "satu.sqlite")
    two = database_with_admin(tmp_path / "dua.sqlite")
    assert main(["import-clients", str(fixture_file), "--db", str(one), "--json"]) == 0
    with_helper = json.loads(capsys.readouterr().out)
    assert not scans  # the helper's pre-scan was taken
    monkeypatch.setattr(row_worker, "EARLY_HELPER_MIN_BYTES", 10**12)  # no helper at all
    assert main(["import-clients", str(fixture_file), "--db", str(two), "--json"]) == 0
    alone = json.loads(capsys.readouterr().out)
    assert scans  # scanned here
    assert with_helper == alone and with_helper["inserted"] > 0
    assert no_helper_left()


def test_a_command_line_import_refused_before_its_preview_ends_the_helper(
    tmp_path, fixture_file, any_size, capsys
) -> None:  # noqa: ANN001
    db = database_with_admin(tmp_path / "satu.sqlite")
    assert main(["import-clients", str(fixture_file), "--db", str(db), "--officer", "999"]) == 1
    assert "999" in capsys.readouterr().err
    assert no_helper_left()
