#!/usr/bin/env bash
# Builds the Linux onedir bundle from installer/ao_desktop.spec (the spec the Windows
# build uses) and proves the frozen app works, so a missing hidden import or data file
# fails CI here instead of on a branch PC:
#   - ao-desktop-cli --version and --self-test (new database with the Alembic migrations
#     inside the bundle, loan simulation, PDF with the bundled fonts, xlsx, Qt, backup)
#   - a demo database (Faker's id_ID word lists) and a search through the bundle's CLI
#   - the windowed ao-desktop started offscreen until its main window is painted and
#     the directory is filled
#
#   bash installer/build_linux.sh              # onedir: dist/AO Desktop/
#   bash installer/build_linux.sh --onefile    # also the portable dist/AO-Desktop-Portable
set -euo pipefail
cd "$(dirname "$0")/.."

onefile=0
for arg in "$@"; do
  case "$arg" in
    --onefile) onefile=1 ;;
    *) echo "usage: $0 [--onefile]" >&2; exit 2 ;;
  esac
done

# PyInstaller reads the libraries' dependencies with ldd and objdump (binutils).
if ! command -v objdump >/dev/null && command -v apt-get >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq binutils >/dev/null
fi
uv sync --frozen --group build

build() {  # $1: AO_ONEFILE value
  local start=$SECONDS
  AO_ONEFILE="$1" uv run --frozen --no-sync pyinstaller --noconfirm --log-level WARN \
    --distpath dist --workpath "build/pyinstaller-$1" installer/ao_desktop.spec
  echo "build (AO_ONEFILE=$1) took $((SECONDS - start)) s"
}

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
# Nothing may touch the real user's data folder or need a display.
export AO_DESKTOP_HOME="$home/home" QT_QPA_PLATFORM=offscreen
# Commands on a database run as a signed-in officer: the demo's PIN, and the PIN `init`
# gives its first admin (the same, so one variable serves both).
export AO_DESKTOP_PIN=123456
mkdir -p "$AO_DESKTOP_HOME"

build 0
bundle="dist/AO Desktop"
cli="$bundle/ao-desktop-cli"

"$cli" --version
"$cli" --self-test

"$cli" demo-data --out "$home/demo.sqlite" --clients 300 --seed 7 --json
hits=$("$cli" search a --db "$home/demo.sqlite" --limit 5 --json)
python3 -c 'import json, sys; hits = json.loads(sys.argv[1]); assert hits, "no search hits"; print(f"search: {len(hits)} hits")' "$hits"

# A database made the way IT staff prepare a branch share (the bundle's init), then the
# GUI opened on it: --db never creates a database by itself.
"$cli" init --db "$home/start.sqlite" --bank "BPR Uji" --branch "Cabang Uji" \
  --officer-name "Rina Marlina" --officer-phone 081234567890 --json
# A 30,000-row client sheet through the bundle's CLI: big enough for the helper process
# that checks part of the rows on the second core (multiprocessing spawn in a frozen app
# needs freeze_support()); the log must say the helper answered.
sheet=$(uv run --frozen --no-sync python -c 'import sys; sys.path.insert(0, "benchmarks"); from bench_client_import import make_sheet; print(make_sheet(30000))')
"$cli" init --db "$home/import.sqlite" --bank "BPR Uji" --branch "Cabang Uji" \
  --officer-name "Rina Marlina" --officer-phone 081234567890 --json >/dev/null
imported=$("$cli" import-clients "$sheet" --db "$home/import.sqlite" --json)
python3 -c 'import json, sys; r = json.loads(sys.argv[1]); assert r["rows"] == 30000 and r["inserted"] > 29000, r; print("import:", r["inserted"], "of", r["rows"], "rows")' "$imported"
grep -rhq "rows checked by the helper process" "$AO_DESKTOP_HOME" || {
  echo "the frozen import's helper process did not answer" >&2; exit 1; }
# Last month's branch report on the demo (reportlab charts, the Excel companion) and the
# portfolio it reads: modules imported only there would be missing from the bundle.
month=$(python3 -c 'import datetime as d; t = d.date.today().replace(day=1) - d.timedelta(days=1); print(t.strftime("%Y-%m"))')
report=$("$cli" report monthly --month "$month" --branch --db "$home/demo.sqlite" \
  --out "$home/cabang.pdf" --xlsx "$home/cabang.xlsx" --json)
python3 -c 'import json, sys; r = json.loads(sys.argv[1]); assert r["pages"] > 1 and r["outstanding_end"] > 0, r; print("report:", r["pages"], "pages, NPL", r["npl_ratio"])' "$report"
"$cli" portfolio --db "$home/demo.sqlite" --json >/dev/null
"$cli" product-sheet KUR-MIKRO --amount 50jt --tenor 24 --db "$home/start.sqlite" --out "$home/kur.pdf" --json
probe=$(AO_DESKTOP_STARTUP_PROBE=1 timeout 120 "$bundle/ao-desktop" --db "$home/start.sqlite")
echo "$probe"
grep -q '^painted ' <<<"$probe" || { echo "the frozen GUI never painted its window" >&2; exit 1; }
grep -q '^ready ' <<<"$probe" || { echo "the frozen GUI never opened its database" >&2; exit 1; }

echo "bundle size: $(du -sh "$bundle" | cut -f1)"

if [ "$onefile" = 1 ]; then
  build 1
  "dist/AO-Desktop-Portable" --version
  "dist/AO-Desktop-Portable" --self-test
  echo "portable size: $(du -sh dist/AO-Desktop-Portable | cut -f1)"
fi
echo "frozen bundle OK"
