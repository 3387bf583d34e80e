"""Start-up of the frozen onedir bundle: wall time from launching `ao-desktop` to the
main window's first paint and to the directory being filled; peak memory. Prints JSON.

Build the bundle first (installer/build_linux.sh), then:
    uv run python benchmarks/bench_frozen_startup.py --clients 100000 --runs 5

`new_database` is the very first start on an empty file (the migrations run inside the
bundle); the others open an existing demo database, as on every later morning.
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

GUI = "ao-desktop.exe" if sys.platform == "win32" else "ao-desktop"


def launch(exe: Path, db: Path, home: Path) -> tuple[float, float, float]:
    env = dict(
        os.environ,
        AO_DESKTOP_STARTUP_PROBE="1",
        QT_QPA_PLATFORM="offscreen",
        AO_DESKTOP_HOME=str(home),
        AO_DESKTOP_PIN=os.environ.get("AO_DESKTOP_PIN", "123456"),  # the probe signs in (demo PIN)
    )
    t0 = time.perf_counter()
    errors = home / "stderr.txt"
    with errors.open("w") as err:
        proc = subprocess.Popen(
            [str(exe), "--db", str(db)], env=env, stdout=subprocess.PIPE, stderr=err, text=True
        )
        painted, ready, rss = read_startup_probe(proc, t0)
    if proc.returncode != 0 or not painted:
        raise SystemExit(f"{exe} failed (exit {proc.returncode}):\n{errors.read_text()[-2000:]}")
    return painted, ready, rss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "AO Desktop")
    parser.add_argument("--clients", type=int, action="append")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    exe = args.bundle / GUI
    if not exe.exists():
        raise SystemExit(f"{exe} not found: build it with installer/build_linux.sh")
    with tempfile.TemporaryDirectory(prefix="ao-frozen-bench-") as tmp:
        home = Path(tmp)
        fresh = [launch(exe, home / f"new-{i}.sqlite", home) for i in range(args.runs)]
        results: list[dict[str, object]] = [
            {
                "database": "new (migrations run in the bundle)",
                "window_painted": summary_ms([r[0] for r in fresh]),
                "directory_ready": summary_ms([r[1] for r in fresh]),
                "max_rss_mb": max(r[2] for r in fresh),
            }
        ]
        for n in args.clients or [100_000]:
            db = demo_db(n)
            launch(exe, db, home)  # warm the OS file cache once, as on a PC used every day
            runs = [launch(exe, db, home) for _ in range(args.runs)]
            results.append(
                {
                    "database": f"demo, {n} clients",
                    "window_painted": summary_ms([r[0] for r in runs]),
                    "directory_ready": summary_ms([r[1] for r in runs]),
                    "max_rss_mb": max(r[2] for r in runs),
                }
            )
    print(
        json.dumps(
            {"benchmark": "frozen_startup", "bundle": str(args.bundle), "results": results},
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
