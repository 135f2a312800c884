#!/bin/sh
# Progress on stderr (issue 17 part E, docs/cli.md): shown for long work
# when stderr is a terminal, never with -q, never when stderr is a file or
# a pipe, and never on stdout.
. tests/lib.sh

if ! command -v script > /dev/null 2>&1; then
    skip "progress tests need script(1) (util-linux) to give eproc a terminal"
    exit 0
fi
IMG=$TMP/m.raw
if ! "$EPROC" forge examples/custom.json --memory 128M -o "$IMG" > /dev/null 2> "$TMP/forge.err"; then
    fail "forge examples/custom.json ($(head -1 "$TMP/forge.err"))"
    exit 0
fi
# on_tty CMD: run CMD with a terminal as stdin/stdout/stderr; what the
# terminal showed goes to $TMP/tty.
on_tty() { script -qec "$1" /dev/null > "$TMP/tty" 2>&1 < /dev/null; }

on_tty "$EPROC -f $IMG psscan > $TMP/rows"
expect "psscan on a terminal: the pool scan's progress is shown, rewritten in place" \
    'grep -q "eproc: scanning physical memory for pool tags: *[0-9]*%" "$TMP/tty" && tr "\r" "\n" < "$TMP/tty" | grep -c "scanning physical" | grep -qv "^0$"'
expect "the progress line is cleared at the end (the last thing on the line is the erase sequence)" \
    'tr "\r" "\n" < "$TMP/tty" | grep -q "^$(printf "\033")\[K"'
expect "progress never reaches stdout" '! grep -q "scanning" "$TMP/rows" && grep -q "smss.exe" "$TMP/rows"'
on_tty "$EPROC -q -f $IMG psscan > $TMP/rows"
expect "psscan -q on a terminal: no progress" '! grep -q "scanning" "$TMP/tty"'
on_tty "$EPROC -f $IMG psscan > $TMP/rows 2> $TMP/err"
expect "stderr a file: no progress" '! grep -q "scanning" "$TMP/tty" && ! grep -q "scanning" "$TMP/err"'
on_tty "$EPROC -f $IMG report --out $TMP/rep > /dev/null"
expect "report on a terminal: its progress is shown" 'grep -q "eproc: building the report" "$TMP/tty"'
