#!/bin/sh
# The exit-code contract (docs/architecture.md, "Contracts", issue 10 item 3, docs/decisions.md):
# exit 3 comes with exactly one stderr line, on hundreds of mutated
# captures of every format; a capture of a kind a command does not read
# gets one code and one message whatever the command; numeric options are
# range-checked; malfind exits 1 exactly when it reports.
. tests/lib.sh

# eprun ARGS...: eproc with a time limit.
eprun() { run timeout 120 "$EPROC" "$@"; }
nlines() { printf '%s\n' "$1" | grep -c .; }

# ---- the same small forged machine in the four kernel formats ----
M=$TMP/m
for fmt in raw crashdump elf lime; do
    if ! "$EPROC" forge examples/custom.json --memory 128M --no-symbols --format $fmt -o "$M.$fmt" \
        > /dev/null 2> "$TMP/forge.err"; then
        fail "forge examples/custom.json --format $fmt ($(head -1 "$TMP/forge.err"))"
        exit 0
    fi
done

# ---- numeric options ----
eprun -f "$M.raw" pslist --pid -18446744073709551612
expect "--pid -18446744073709551612 is refused (it used to select PID 4): exit 2, no rows" \
    '[ "$RC" -eq 2 ] && [ -z "$OUT" ] && [ "$(nlines "$ERR")" -eq 1 ] && echo "$ERR" | grep -q "is not a process id"'
eprun -f "$M.raw" pslist --pid 99999999999999999999
expect "--pid 99999999999999999999 is out of range: exit 2" \
    '[ "$RC" -eq 2 ] && echo "$ERR" | grep -q "out of range"'
eprun -f "$M.raw" pslist --pid 010
expect "--pid 010 is decimal ten, not octal eight (no such process: header only)" \
    '[ "$RC" -eq 0 ] && [ "$(nlines "$OUT")" -eq 1 ]'
# 63 zero-padded fours and then 2404: 706 bytes, all of which count.
long=$(python3 -c 'print(",".join(["0000000004"] * 63 + ["2404"]))')
eprun -f "$M.raw" -o csv pslist --pid "$long"
expect "a ${#long}-byte --pid list is read to its end (PID 2404 last)" \
    '[ "$RC" -eq 0 ] && echo "$OUT" | grep -q ",updater.exe,2404," && echo "$OUT" | grep -q ",System,4,"'
eprun -f "$M.raw" pslist --pid "$(python3 -c 'print(",".join(["4"] * 65))')"
expect "more than 64 --pid values: exit 2, said" '[ "$RC" -eq 2 ] && echo "$ERR" | grep -q "too many --pid values"'
for seed in -1 18446744073709551616 1e3 " 5" ""; do
    eprun forge --seed "$seed" -o "$TMP/seed.raw"
    expect "forge --seed '$seed' is refused: exit 2, nothing written" '[ "$RC" -eq 2 ] && [ ! -e "$TMP/seed.raw" ]'
done
eprun forge --seed 0xffffffffffffffff --memory 128M --no-symbols -o "$TMP/seedmax.raw"
expect "forge --seed 0xffffffffffffffff (2^64-1) is accepted" '[ "$RC" -eq 0 ] && [ -s "$TMP/seedmax.raw" ]'
rm -f "$TMP/seedmax.raw"*

# ---- a capture of a kind the command does not read ----
cmds=$("$EPROC" --help | awk '/^commands:/{f=1;next} /^$/{f=0} f{print $1}' | grep -v '^forge$')
MDMP=""
[ -n "$SHARED" ] && [ -f "$SHARED/minidumps/other/rizin-calc.dmp" ] && MDMP=$SHARED/minidumps/other/rizin-calc.dmp
wrong=0 bad=""
for img in "$M.raw" "$M.crashdump" $MDMP; do
    for c in $cmds; do
        extra=""
        [ "$c" = report ] && extra="--out $TMP/report --force"   # its one required option
        eprun -f "$img" "$c" $extra
        [ "$RC" -eq 0 ] || [ "$RC" -eq 1 ] && continue
        wrong=$((wrong + 1))
        if [ "$RC" -ne 3 ] || [ "$(nlines "$ERR")" -ne 1 ] ||
            ! printf '%s\n' "$ERR" | grep -q "^eproc: $img: $c reads \(memory images and kernel crash dumps\|process minidumps\), not a "; then
            bad="$bad $c($(basename "$img"):rc=$RC)"
        fi
    done
done
expect "a capture a command does not read: exit 3 and the one message, every command ($wrong cases)$bad" \
    '[ -z "$bad" ] && [ "$wrong" -ge 4 ]'

# ---- warnings before a fatal error are not printed with it ----
head -c 2000000 "$M.lime" > "$TMP/lime-short.img"
eprun -f "$TMP/lime-short.img" pslist
expect "LiME cut before its page tables: the cut's warning is dropped, one error line, exit 3" \
    '[ "$RC" -eq 3 ] && [ "$(nlines "$ERR")" -eq 1 ] && echo "$ERR" | grep -q "^eproc: $TMP/lime-short.img: "'
head -c 133000000 "$M.lime" > "$TMP/lime-cut.img"
eprun -f "$TMP/lime-cut.img" info
expect "LiME cut in its data: the run's warning is still printed when the run succeeds" \
    '[ "$RC" -eq 0 ] && echo "$ERR" | grep -q "^eproc: warning: .*ends past end of file"'

# ---- hundreds of structure-aware mutations ----
set --
if [ -n "$SHARED" ] && [ -d "$SHARED/minidumps" ]; then
    set -- "$SHARED"/minidumps/breakpad/*.dmp "$SHARED"/minidumps/other/*.dmp
else
    skip "mutations of real minidumps (../shared/data absent)"
fi
python3 tests/tools/mutate_captures.py "$EPROC" "$TMP" "$M" "$@"
