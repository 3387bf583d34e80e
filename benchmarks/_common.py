"""Shared helpers for benchmarks: cached demo databases and percentile summaries."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CACHE = Path("/tmp/ao-desktop-bench")

# Every database command signs in: the subcommands a benchmark runs take the batch PIN
# from the environment, the demo's (every demo officer has 123456; `init` gives its
# first admin this PIN too).
os.environ.setdefault("AO_DESKTOP_PIN", "123456")


def demo_db(clients: int, seed: int = 7) -> Path:
    """A demo database of `clients` rows, generated once per schema version and reused
    across runs (a file cached by another version, or a branch with other migrations,
    would be migrated or refused instead of measured)."""
    from ao_desktop.storage.demo.demo_data import generate_demo_database
    from ao_desktop.storage.sqlite_file import SCHEMA_VERSION

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"bench-{clients}-{seed}-s{SCHEMA_VERSION}.sqlite"
    if not path.exists():
        t0 = time.perf_counter()
        generate_demo_database(path, clients, seed)
        print(f"generated {path} in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    return path


def compile_bytecode() -> None:
    """Compile the venv's packages and ao_desktop once, as an installed app has them.

    A whole-process figure (a subcommand, the app's start) otherwise includes compiling
    SQLAlchemy from source on every run where bytecode is never written
    (PYTHONDONTWRITEBYTECODE=1, as on this machine): ~1.3 s that no user pays.
    """
    import compileall
    import site

    for folder in (*site.getsitepackages(), str(ROOT / "ao_desktop")):
        # quiet=2: PySide6 ships Jinja templates named *.py that never compile; their
        # errors on stdout would break the JSON a benchmark prints.
        compileall.compile_dir(folder, quiet=2, workers=0)


def summary_ms(samples: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return {"n": len(ms), "p50_ms": round(statistics.median(ms), 3), "p95_ms": round(p95, 3),
            "max_ms": round(ms[-1], 3)}


def read_startup_probe(proc: subprocess.Popen[str], t0: float) -> tuple[float, float, float]:
    """(painted, ready, rss_mb) from an app started with AO_DESKTOP_STARTUP_PROBE=1: the
    seconds since `t0` at which it printed "painted" and "ready", and the RSS on "ready"."""
    painted = ready = rss = 0.0
    assert proc.stdout is not None
    for line in proc.stdout:
        now = time.perf_counter() - t0
        if line.startswith("painted"):
            painted = now
        elif line.startswith("ready"):
            ready = now
            rss = float(line.split()[-1])
    proc.wait(timeout=120)
    return painted, ready, rss
