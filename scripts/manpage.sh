#!/bin/sh
# Write the man page eproc.1 from the help itself (help2man): the main
# help, then every command's `eproc help COMMAND` under COMMANDS.
# usage: scripts/manpage.sh BUILD/eproc OUT.1
set -e
EPROC=$1
OUT=$2
INC="$OUT.include"
{
    echo "[COMMANDS]"
    for c in $("$EPROC" --list-commands | grep -v '^windows\.'); do
        echo ".SS $c"
        echo ".nf"
        # roff: a backslash is \e; a line may not start with . or '.
        "$EPROC" help "$c" | awk '/^global options/ { skip = 1; next } skip && /^$/ { skip = 0 } !skip' | sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
        echo ".fi"
    done
    echo "Every command also takes the global options above, before or after its name."
    echo "[SEE ALSO]"
    echo "The README and docs/ of the eproc sources; docs/cli.md for the command line."
} > "$INC"
help2man --no-info --no-discard-stderr --name="rebuild Windows processes from memory captures" \
    --include="$INC" --output="$OUT" "$EPROC"
rm -f "$INC"
