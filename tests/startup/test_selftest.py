"""`ao-desktop --self-test`: the installation check CI runs from the frozen bundle."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ao_desktop.startup import selftest
from ao_desktop.startup.selftest import STEPS, run_self_test


def test_run_self_test_passes_and_leaves_the_data_folder_alone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    home = os.environ["AO_DESKTOP_HOME"]
    before = sorted(Path(home).rglob("*"))
    assert run_self_test() == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[1] for line in out if line.startswith("OK  ")] == [
        name for name, _ in STEPS
    ]
    assert out[-1] == "self-test passed"
    assert os.environ["AO_DESKTOP_HOME"] == home
    assert sorted(Path(home).rglob("*")) == before


def test_a_failing_step_is_named_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(run: object) -> None:
        raise ModuleNotFoundError("No module named 'reportlab'")

    steps = [(name, broken if name == "pdf" else step) for name, step in STEPS]
    monkeypatch.setattr(selftest, "STEPS", steps)
    assert run_self_test() == 1
    out = capsys.readouterr().out
    assert "FAIL pdf: ModuleNotFoundError: No module named 'reportlab'" in out
    assert "OK  xlsx" not in out


def test_python_m_ao_desktop_self_test_exits_0(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }
    env["AO_DESKTOP_HOME"] = str(tmp_path / "home")
    result = subprocess.run(
        [sys.executable, "-m", "ao_desktop", "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK  database" in result.stdout and "OK  qt" in result.stdout
    assert (
        "OK  pdf" in result.stdout and "OK  xlsx" in result.stdout and "OK  backup" in result.stdout
    )


def test_the_postgresql_step_needs_psycopgs_binary_implementation(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import psycopg

    run = selftest._Run(tmp_path)
    selftest._postgresql(run)
    assert "libpq" in run.notes["postgresql"]
    monkeypatch.setattr(psycopg.pq, "__impl__", "python")
    with pytest.raises(AssertionError, match="psycopg_binary"):
        selftest._postgresql(run)
