#!/bin/sh
# One schema (issue 17 part D, docs/schema.md): across every command's
# JSON, one key has one JSON type; sizes and attributes are hex strings;
# protection is null when none; lists are arrays; docs/schema.md lists
# every key of every command it documents.
. tests/lib.sh

IMG=$TMP/att.raw
if ! "$EPROC" forge examples/attacks.json --memory 256M -o "$IMG" > /dev/null 2> "$TMP/forge.err"; then
    fail "forge examples/attacks.json ($(head -1 "$TMP/forge.err"))"
    exit 0
fi
MD=""
[ -n "$SHARED" ] && [ -f "$SHARED/minidumps/other/rizin-calc.dmp" ] && MD=$SHARED/minidumps/other/rizin-calc.dmp
mkdir -p "$TMP/json" "$TMP/dumps"
for c in $("$EPROC" --list-commands | grep -v '^windows\.'); do
    case $c in
        forge) continue ;;
        procdump|dlldump|memdump) extra="--dump-dir $TMP/dumps --force" ;;
        *) extra="" ;;
    esac
    "$EPROC" -q -f "$IMG" -o json $c $extra > "$TMP/json/img.$c.json" 2>/dev/null
    [ -n "$MD" ] && "$EPROC" -q -f "$MD" -o json $c $extra > "$TMP/json/md.$c.json" 2>/dev/null
done
python3 - "$TMP/json" docs/schema.md <<'PY'
import glob, json, os, re, sys
def jt(v):
    if v is None or v == []: return None   # an empty list may be a section with no rows
    if isinstance(v, bool): return 'bool'
    if isinstance(v, int): return 'int'
    if isinstance(v, list): return 'array'
    if isinstance(v, dict): return 'object'
    return 'string'
types, where, values, cmds = {}, {}, {}, {}
for f in sorted(glob.glob(os.path.join(sys.argv[1], '*.json'))):
    cmd = os.path.basename(f).split('.')[1]
    try:
        rows = json.load(open(f))
    except ValueError:
        continue
    if isinstance(rows, dict):
        rows = [rows]
    # A key holding an array of objects is a section of another command's
    # rows (dump-all: threads, modules, handles...): its rows are checked as
    # rows, under "CMD.KEY", and the key itself is not a value.
    todo = [(cmd, r) for r in rows]
    while todo:
        c, r = todo.pop()
        keys = cmds.setdefault(c, set())
        for k, v in r.items():
            if k.endswith('_hex'):
                continue
            keys.add(k)
            if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
                todo.extend(('%s.%s' % (c, k), x) for x in v)
                continue
            values.setdefault(k, []).append((c, v))
            t = jt(v)
            if t:
                types.setdefault(k, set()).add(t)
                where.setdefault((k, t), set()).add(c)
def check(desc, good, detail=''):
    print(('ok - ' if good else 'not ok - ') + desc + ('' if good else ': %s' % detail))
conflicts = {k: {t: sorted(where[(k, t)]) for t in ts} for k, ts in types.items() if len(ts) > 1}
check('one JSON type per key across %d commands (%d keys)' % (len(cmds), len(types)), not conflicts, conflicts)
bad = [(c, k, v) for k in ('size', 'attributes') for c, v in values.get(k, []) if v is not None and not (isinstance(v, str) and v.startswith('0x'))]
check('size and attributes are hex strings everywhere', not bad, bad[:5])
bad = [(c, v) for c, v in values.get('protection', []) if v == '']
check('protection is null when none (never "")', not bad, bad[:5])
bad = [(c, k, v) for k in ('missing_from', 'seen_by', 'parent_seen_by', 'bugcheck_parameters') for c, v in values.get(k, []) if v is not None and not isinstance(v, list)]
seen = sorted({k for k in ('missing_from', 'seen_by', 'parent_seen_by') if k in values})
check('missing_from, seen_by, parent_seen_by, bugcheck_parameters are arrays (%s seen)' % ', '.join(seen), not bad and len(seen) == 3, bad[:5])
bad = [(c, v) for c, v in values.get('pdb_id', []) if v is not None and not re.fullmatch(r'[0-9A-F]{33,40}', v)]
check('pdb_id is GUID+age in hex wherever it appears (%s)' % sorted({c for c, _ in values.get('pdb_id', [])}), not bad and len({c for c, _ in values.get('pdb_id', [])}) >= 1, bad[:5])
# The documentation: every documented command lists every key it prints.
doc = open(sys.argv[2]).read()
sections = dict(re.findall(r'^### (\S+)[^\n]*\n(.*?)(?=^### |\Z)', doc, re.S | re.M))
for cmd in sorted(cmds):
    if not cmds[cmd]:
        continue
    if '.' in cmd:
        continue   # a section: its keys are those of the command it comes from
    # A command or key without its line in docs/schema.md fails: the doc
    # is the schema users read (regenerate it with scripts/schema_doc.py).
    if cmd not in sections:
        check('docs/schema.md has a section for %s' % cmd, False, 'run scripts/schema_doc.py')
        continue
    listed = set(re.findall(r'^\| `([^`]+)`', sections[cmd], re.M))
    missing = sorted(cmds[cmd] - listed)
    check('docs/schema.md lists every key of %s' % cmd, not missing, 'missing %s (run scripts/schema_doc.py)' % missing)
PY
