#!/bin/sh
# The command line as Volatility 3 users type it (issue 17 part A,
# docs/cli.md): options before or after the command, --pid lists with
# spaces, windows.* aliases, -r, -s "a;b", "did you mean", `eproc help
# CMD`, one help layout, the man page and the bash completion.
. tests/lib.sh

IMG=$TMP/m.raw
if ! "$EPROC" forge examples/custom.json --memory 128M -o "$IMG" > /dev/null 2> "$TMP/forge.err"; then
    fail "forge examples/custom.json ($(head -1 "$TMP/forge.err"))"
    exit 0
fi
SYM=$IMG.symbols
pids_of() { cut -d, -f4 "$TMP/out" | tail -n +2 | tr '\n' ' '; }

# ---- the reference: options before the command, comma list ----
run "$EPROC" -f "$IMG" -o csv pslist --pid 4,368
REF=$OUT
expect "reference run lists PIDs 4 and 368" '[ "$RC" -eq 0 ] && [ "$(pids_of)" = "4 368 " ]'

run "$EPROC" pslist -f "$IMG" -o csv --pid 4 368
expect "options after the command and --pid 4 368 give the same rows" '[ "$RC" -eq 0 ] && [ "$OUT" = "$REF" ]'
run "$EPROC" -f "$IMG" pslist --pid=4 0x170 -r csv
expect "--pid=4 0x170 (hex word joins) and -r csv give the same rows" '[ "$RC" -eq 0 ] && [ "$OUT" = "$REF" ]'
run "$EPROC" windows.pslist -f "$IMG" --pid 4 368 -r csv
expect "windows.pslist is pslist" '[ "$RC" -eq 0 ] && [ "$OUT" = "$REF" ]'
run "$EPROC" -f "$IMG" -r csv windows.pslist.PsList -p 4 368
expect "windows.pslist.PsList (with the class name) is pslist" '[ "$RC" -eq 0 ] && [ "$OUT" = "$REF" ]'
run "$EPROC" -f "$IMG" -r quick pslist --pid 4
expect "-r quick renders text" '[ "$RC" -eq 0 ] && echo "$OUT" | head -1 | grep -q "^Offset(V) "'
run "$EPROC" -f "$IMG" -r yaml pslist
expect "-r yaml is a usage error naming the formats" '[ "$RC" -eq 2 ] && echo "$ERR" | grep -q "unknown output format .yaml."'

# A word after --pid that is not a PID stays an argument of its own.
run "$EPROC" -f "$IMG" pslist --pid 4 stray
expect "--pid 4 stray: 'stray' is not taken as a PID (exit 2, unexpected argument)" \
    '[ "$RC" -eq 2 ] && echo "$ERR" | grep -q "unexpected argument .stray."'

# ---- every windows.X alias the help names runs the same command ----
bad=""
for name in $("$EPROC" --list-commands | grep '^windows\.'); do
    "$EPROC" help "$name" > "$TMP/h1" 2>&1 || bad="$bad $name"
    grep -q "^volatility 3: $name\$" "$TMP/h1" || bad="$bad $name"
done
expect "every listed Volatility 3 name resolves to the command that names it ($(printf '%s' "$bad"))" '[ -z "$bad" ]'
for pair in hollowprocesses:hollowfind joblinks:jobs psxview:psxview threads:threads; do
    run "$EPROC" help "windows.${pair%%:*}"
    expect "windows.${pair%%:*} is ${pair#*:}" '[ "$RC" -eq 0 ] && grep -q "^usage: .* ${pair#*:}" "$TMP/out"'
done

# ---- -s with several directories ----
run "$EPROC" -f "$IMG" -q -s "$TMP/none;$SYM" -o csv pslist --pid 4,368
expect "-s \"missing;good\" searches both (rows as with the default symbols)" '[ "$RC" -eq 0 ] && [ "$OUT" = "$REF" ]'
run "$EPROC" -f "$IMG" -s "$TMP/none;$SYM" -o csv pslist --pid 4,368
expect "-s \"missing;good\": the missing one is named in a warning" \
    'echo "$ERR" | grep -q "$TMP/none: symbol directory does not exist"'

# ---- did you mean ----
run "$EPROC" -f "$IMG" plist
expect "plist: exit 2, did you mean 'pslist'" '[ "$RC" -eq 2 ] && [ -z "$OUT" ] && echo "$ERR" | grep -q "did you mean .pslist."'
run "$EPROC" windows.malfnd
expect "windows.malfnd: did you mean 'malfind'" '[ "$RC" -eq 2 ] && echo "$ERR" | grep -q "did you mean .malfind."'
run "$EPROC" help hollowprocess
expect "help hollowprocess: did you mean 'hollowfind'" '[ "$RC" -eq 2 ] && echo "$ERR" | grep -q "did you mean .hollowfind."'
run "$EPROC" zzzzzzzz
expect "zzzzzzzz: no suggestion" '[ "$RC" -eq 2 ] && ! echo "$ERR" | grep -q "did you mean"'

# ---- help: eproc help CMD == eproc CMD --help, one layout ----
run "$EPROC" help
expect "eproc help is the main help" '[ "$RC" -eq 0 ] && echo "$OUT" | grep -q "^commands:"'
bad=""
for c in $("$EPROC" --list-commands | grep -v '^windows\.'); do
    "$EPROC" help "$c" > "$TMP/h1" 2>&1
    "$EPROC" "$c" --help > "$TMP/h2" 2>&1
    cmp -s "$TMP/h1" "$TMP/h2" || bad="$bad $c(differs)"
    # The sections, in this order, each once.
    order=$(grep -nE '^(usage:|options:|global options|columns|what it shows:|volatility 3:)' "$TMP/h1" | cut -d: -f2 | tr '\n' '|')
    [ "$order" = "usage|options|global options (before or after the command)|columns (key, text heading, type; null when unknown)|what it shows|volatility 3|" ] \
        || bad="$bad $c($order)"
done
expect "every command's help has usage, options, global options, columns, what it shows, volatility 3 in that order, and 'help CMD' = 'CMD --help'$(printf '%s' "$bad")" '[ -z "$bad" ]'

# The columns section is generated from the table the rows are built from:
# its keys are exactly the JSON keys each command gives on the image.
bad=""
for c in $("$EPROC" --list-commands | grep -v '^windows\.'); do
    case $c in
        forge|report) continue ;;
        procdump|dlldump|memdump) extra="--dump-dir $TMP/dumps --force"; mkdir -p "$TMP/dumps" ;;
        *) extra="" ;;
    esac
    "$EPROC" -q -f "$IMG" -o json $c $extra > "$TMP/cols.json" 2> /dev/null
    "$EPROC" help "$c" > "$TMP/h1"
    verdict=$(python3 - "$TMP/cols.json" "$TMP/h1" "$c" <<'PY'
import json, sys
text = open(sys.argv[1]).read()
try:
    rows = json.loads(text) if text.strip() else []
except ValueError:
    rows = [json.loads(l) for l in text.splitlines() if l.strip()]   # jsonl (dump-all)
rows = [rows] if isinstance(rows, dict) else rows
if not rows:
    print('ok'); sys.exit()         # no rows on this image (or not its kind of capture)
# dump-all's sections (arrays of other commands' rows) are listed by their
# own commands' help
sections = {'threads', 'modules', 'handles', 'vads', 'tokens'} if sys.argv[3] == 'dump-all' else set()
got = set(rows[0]) - sections
lines = open(sys.argv[2]).read().split('\n')
start = next(i for i, l in enumerate(lines) if l.startswith('columns ('))
tables = [set()]                     # a command with several tables labels each ("minidumps:")
for l in lines[start + 1:]:
    if l.rstrip().endswith(':'):
        tables.append(set())
    elif l.startswith('  '):
        tables[-1].add(l.split()[0])
    elif tables[-1]:
        break
keys = max(tables, key=lambda t: len(t & got))
print('ok' if got in tables else 'json %s, help %s' % (sorted(got - keys), sorted(keys - got)))
PY
)
    [ "$verdict" = ok ] || bad="$bad $c($verdict)"
done
expect "every command's help lists exactly the keys of its rows$bad" '[ -z "$bad" ]'
run "$EPROC" help pslist
expect "pslist's help lists its columns: offset, address; create_time, time" \
    'grep -Eq "^  offset +Offset\(V\) +address" "$TMP/out" && grep -Eq "^  create_time +CreateTime +time" "$TMP/out"'
run "$EPROC" help handles
expect "handles' help lists --pid among its options" 'sed -n "/^options:/,/^\$/p" "$TMP/out" | grep -q "^  --pid"'

# ---- man page ----
if command -v help2man > /dev/null 2>&1; then
    run sh scripts/manpage.sh "$EPROC" "$TMP/eproc.1"
    expect "the man page is written from the help" '[ "$RC" -eq 0 ] && [ -s "$TMP/eproc.1" ]'
    man -l "$TMP/eproc.1" > "$TMP/man.txt" 2> "$TMP/man.err"
    expect "man renders it with the main options and every command's section" \
        'grep -q -- "--renderer" "$TMP/man.txt" && grep -q "^   pslist" "$TMP/man.txt" && grep -q "^   hollowfind" "$TMP/man.txt" && [ ! -s "$TMP/man.err" ]'
else
    skip "man page (help2man absent: make deps installs it)"
fi

# ---- bash completion ----
complete_words() {
    # complete_words WORD...: the completions bash offers after them.
    bash -c '. scripts/eproc.bash-completion; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _eproc; printf "%s\n" "${COMPREPLY[@]}"' \
        eproc-completion "$EPROC" "$@"
}
if command -v bash > /dev/null 2>&1; then
    got=$(complete_words psl | tr '\n' ' ')
    expect "completion: psl -> pslist ($got)" '[ "$got" = "pslist " ]'
    got=$(complete_words -f x windows.psx | tr '\n' ' ')
    expect "completion after -f FILE: windows.psx -> windows.psxview ($got)" '[ "$got" = "windows.psxview " ]'
    got=$(complete_words handles --f | tr '\n' ' ')
    expect "completion of handles' own options: --f -> --file --findings ($got)" \
        'echo "$got" | grep -q -- "--findings" && echo "$got" | grep -q -- "--file"'
    got=$(complete_words pslist -r j | tr '\n' ' ')
    expect "completion of -r: j -> json jsonl ($got)" '[ "$got" = "json jsonl " ]'
    # --pid and --name from the capture on the line (its pslist).
    want=$("$EPROC" -q -f "$IMG" -o csv pslist | tail -n +2 | cut -d, -f4 | sort -u | tr '\n' ' ')
    got=$(complete_words -f "$IMG" threads --pid '' | sort -u | tr '\n' ' ')
    expect "completion of --pid with -f IMG: the capture's PIDs ($got)" '[ -n "$want" ] && [ "$got" = "$want" ]'
    got=$(complete_words -s "$SYM" handles -f "$IMG" --pid 4 --name sm | tr '\n' ' ')
    expect "completion of --name (-f after the command, -s too): sm -> smss.exe ($got)" '[ "$got" = "smss.exe " ]'
    got=$(complete_words threads --pid '' | tr '\n' ' ')
    expect "completion of --pid without -f: nothing, quietly ($got)" '[ -z "$(echo $got)" ]'
    if [ -f /usr/share/bash-completion/bash_completion ]; then
        got=$(bash -c '. /usr/share/bash-completion/bash_completion; . scripts/eproc.bash-completion; complete -p eproc' 2>&1)
        expect "the completion registers with bash-completion loaded ($got)" '[ "$got" = "complete -F _eproc eproc" ]'
    else
        skip "bash-completion package absent"
    fi
else
    skip "bash absent"
fi
