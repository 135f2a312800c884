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
    order=$(grep -nE '^(usage:|options:|global options|what it shows:|volatility 3:)' "$TMP/h1" | cut -d: -f2 | tr '\n' '|')
    [ "$order" = "usage|options|global options (before or after the command)|what it shows|volatility 3|" ] \
        || bad="$bad $c($order)"
done
expect "every command's help has usage, options, global options, what it shows, volatility 3 in that order, and 'help CMD' = 'CMD --help'$(printf '%s' "$bad")" '[ -z "$bad" ]'
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
    if [ -f /usr/share/bash-completion/bash_completion ]; then
        got=$(bash -c '. /usr/share/bash-completion/bash_completion; . scripts/eproc.bash-completion; complete -p eproc' 2>&1)
        expect "the completion registers with bash-completion loaded ($got)" '[ "$got" = "complete -F _eproc eproc" ]'
    else
        skip "bash-completion package absent"
    fi
else
    skip "bash absent"
fi
