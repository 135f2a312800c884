#!/bin/sh
# `make demo`: forge a demo machine and analyse it; without the forge in
# this build, analyse a real kernel triage dump from ../shared/data.
set -e
BUILD=${1:-build}
EPROC="$BUILD/eproc"
OUT=demo-out
mkdir -p "$OUT"
if "$EPROC" --help | grep -q '^  forge '; then
    echo "== eproc forge examples/default.json -o $OUT/demo.raw --force"
    # --force: demo-out/ is the demo's own; a second `make demo` replaces it
    "$EPROC" forge examples/default.json -o "$OUT/demo.raw" --force
    for cmd in info pslist pstree psscan psxview; do
        if "$EPROC" --help | grep -q "^  $cmd "; then
            echo "== eproc -f $OUT/demo.raw $cmd"
            "$EPROC" -f "$OUT/demo.raw" "$cmd"
        fi
    done
    exit 0
fi
DUMP=../shared/data/kernel-triage/rizin-triage_x64.dmp
if [ ! -f "$DUMP" ]; then
    echo "eproc demo: $DUMP not found (it ships in ../shared/data beside this clone)" >&2
    exit 1
fi
echo "== eproc -s ../shared/data/isf -f $DUMP info"
"$EPROC" -s ../shared/data/isf -f "$DUMP" info
