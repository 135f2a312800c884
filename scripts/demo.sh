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
    # A machine with staged attacks: the detecting commands exit 1 when
    # they find something (DESIGN.md section 4), which is the point here.
    echo "== eproc forge examples/attacks.json -o $OUT/attacks.raw --force"
    "$EPROC" forge examples/attacks.json -o "$OUT/attacks.raw" --force
    for cmd in psxview malfind hollowfind "handles --findings"; do
        echo "== eproc -f $OUT/attacks.raw $cmd"
        rc=0
        # shellcheck disable=SC2086 # "handles --findings" is two words on purpose
        "$EPROC" -f "$OUT/attacks.raw" $cmd || rc=$?
        [ "$rc" -le 1 ] || exit "$rc"
        echo "(exit $rc: $( [ "$rc" -eq 1 ] && echo "found something" || echo "nothing found"))"
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
