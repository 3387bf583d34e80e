"""Start-up: from launching the process to the main window's first paint, and to the
directory being filled from the database; peak memory. Prints JSON.

Each launch has its own data folder (AO_DESKTOP_HOME) in a temporary folder. The usual
start follows a clean exit (no full quick_check); `directory_ready_full_check` starts
with a fresh data folder each time, as after an unclean exit: the full quick_check runs.

    uv run python benchmarks/bench_startup.py --clients 100000 --runs 5
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, demo_db, read_startup_probe, summary_ms


def launch(db: str, home: Path) -> tuple[float, float, float]:
    # The probe signs in with the batch PIN (the demo's), as the command line does.
    env = dict(os.environ, AO_DESKTOP_STARTUP_PROBE="1", QT_QPA_PLATFORM="offscreen",
               AO_DESKTOP_HOME=str(home), AO_DESKTOP_PIN=os.environ.get("AO_DESKTOP_PIN", "123456"))
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "ao_desktop", "--db", db], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, text=True)
    return read_startup_probe(proc, t0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, action="append")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results = []
    scratch = Path(tempfile.mkdtemp(prefix="ao-startup-"))
    for n in args.clients or [100_000]:
        db = str(demo_db(n))
        home = scratch / f"home-{n}"
        launch(db, home)  # warm the OS file cache once, as on a PC used every day
        runs = [launch(db, home) for _ in range(args.runs)]
        full = [launch(db, scratch / f"fresh-{n}-{i}") for i in range(args.runs)]
        results.append({
            "clients": n,
            "window_painted": summary_ms([r[0] for r in runs]),
            "directory_ready": summary_ms([r[1] for r in runs]),
            "directory_ready_full_check": summary_ms([r[1] for r in full]),
            "max_rss_mb": max(r[2] for r in runs),
        })
    print(json.dumps({"benchmark": "startup", "results": results}, indent=2))


if __name__ == "__main__":
    main()
