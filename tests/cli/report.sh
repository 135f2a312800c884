#!/bin/sh
# eproc report (issue 17 part F, docs/report.md): the page is one
# self-contained file (no script, nothing fetched), valid HTML (tidy, and
# a strict structural check of our own), headless Chromium draws the tree,
# and its DOM holds every process of the forged machine as a tree node and
# every finding the commands report.
. tests/lib.sh

IMG=$TMP/att.raw
if ! "$EPROC" forge examples/attacks.json --memory 256M -o "$IMG" > /dev/null 2> "$TMP/forge.err"; then
    fail "forge examples/attacks.json ($(head -1 "$TMP/forge.err"))"
    exit 0
fi
run "$EPROC" -q -f "$IMG" report --out "$TMP/rep"
PAGE=$TMP/rep/report.html
expect "report --out DIR writes DIR/report.html and prints its path" '[ "$RC" -eq 0 ] && [ -s "$PAGE" ] && [ "$OUT" = "$PAGE" ]'
run "$EPROC" -q -f "$IMG" report --out "$TMP/rep"
expect "an existing report is not replaced without --force (exit 2)" '[ "$RC" -eq 2 ] && echo "$ERR" | grep -q "report.html"'
run "$EPROC" -q -f "$IMG" report --out "$TMP/rep" --force
expect "--force replaces it" '[ "$RC" -eq 0 ]'
run "$EPROC" -q -f "$IMG" report
expect "report without --out: exit 2" '[ "$RC" -eq 2 ] && echo "$ERR" | grep -q -- "--out DIR is required"'

# ---- strict structure: our own check (tags balanced, ids unique, every
# internal link lands, no script, nothing external) ----
res=$(python3 - "$PAGE" <<'PY'
import re, sys
from html.parser import HTMLParser
VOID = {'meta', 'br', 'hr', 'img', 'input', 'link', 'wbr', 'col', 'area', 'base', 'source', 'track', 'embed', 'rect', 'path'}
class P(HTMLParser):
    def __init__(s):
        super().__init__(); s.stack = []; s.errors = []; s.ids = {}; s.hrefs = []; s.tags = set(); s.doctype = False
    def handle_decl(s, d): s.doctype = s.doctype or d.lower() == 'doctype html'
    def handle_starttag(s, t, a):
        s.tags.add(t); a = dict(a)
        if 'id' in a:
            if a['id'] in s.ids: s.errors.append('duplicate id %s' % a['id'])
            s.ids[a['id']] = 1
        for k in ('href', 'src', 'xlink:href', 'action', 'srcset', 'poster'):
            if k in a: s.hrefs.append((k, a[k]))
        for k in a:
            if k.startswith('on'): s.errors.append('event handler %s' % k)
        if t not in VOID: s.stack.append((t, s.getpos()))
    def handle_startendtag(s, t, a):
        s.handle_starttag(t, a)
        if t not in VOID: s.stack.pop()
    def handle_endtag(s, t):
        if t in VOID: return
        if not s.stack or s.stack[-1][0] != t:
            s.errors.append('</%s> at %s closes %s' % (t, s.getpos(), s.stack[-1] if s.stack else None)); return
        s.stack.pop()
text = open(sys.argv[1], encoding='utf-8').read()
p = P(); p.feed(text); p.close()
def check(d, good, detail=''):
    print(('ok - ' if good else 'not ok - ') + 'report page: ' + d + ('' if good else ': %s' % detail))
check('starts with <!DOCTYPE html> and is UTF-8 (meta charset)', p.doctype and '<meta charset="utf-8">' in text)
check('every element closed in order', not p.errors and not p.stack, (p.errors + [str(x) for x in p.stack])[:5])
check('no script, no iframe, no object, no external stylesheet or font', not ({'script', 'iframe', 'object', 'embed', 'link'} & p.tags)
      and not re.search(r'@import|url\(|@font-face', text))
external = [h for h in p.hrefs if not h[1].startswith('#')]
check('every link is inside the page (nothing fetched)', not external, external[:5])
dangling = [h for k, h in p.hrefs if h.startswith('#') and h[1:] not in p.ids]
check('every internal link has its target (%d links)' % len(p.hrefs), not dangling and p.hrefs, dangling[:5])
check('one <h1>, sections tree, findings, summary, processes, timeline',
      all('id="%s"' % s in text for s in ('tree', 'findings', 'summary', 'processes', 'timeline')) and text.count('<h1>') == 1)
PY
)
echo "$res"
if command -v tidy > /dev/null 2>&1; then
    tidy -q -e "$PAGE" > /dev/null 2> "$TMP/tidy.err"
    trc=$?
    # tidy 5.6 predates SVG 2 and calls <a href> inside SVG proprietary;
    # any other message is a defect.
    other=$(grep -v 'Warning: <a> proprietary attribute "href"' "$TMP/tidy.err" | head -3)
    expect "tidy (HTML5): no errors, no warnings but SVG 2's <a href> ($other)" '[ "$trc" -le 1 ] && [ -z "$other" ]'
else
    skip "tidy absent (make deps installs it)"
fi

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
    skip "headless Chromium absent (make deps installs it): screenshot and DOM tests"
    exit 0
fi
chrome() { timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --user-data-dir="$ABS_TMP/chrome" "$@" 2>/dev/null; }
ABS_TMP=$(cd "$TMP" && pwd)

# ---- screenshot: the tree's nodes are drawn in the first screen ----
chrome --window-size=1280,1000 --screenshot="$ABS_TMP/shot.png" "file://$ABS_TMP/rep/report.html" > /dev/null
res=$(python3 - "$TMP/shot.png" <<'PY'
import struct, sys, zlib
d = open(sys.argv[1], 'rb').read()
assert d[:8] == b'\x89PNG\r\n\x1a\n'
pos, idat, w = 8, b'', 0
while pos < len(d):
    n, kind = struct.unpack('>I4s', d[pos:pos + 8]); body = d[pos + 8:pos + 8 + n]; pos += 12 + n
    if kind == b'IHDR': w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
    elif kind == b'IDAT': idat += body
bpp = {2: 3, 6: 4}[ctype]
raw = zlib.decompress(idat); stride = w * bpp; prev = bytearray(stride); rows = []
i = 0
for y in range(h):
    f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0; b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(line); prev = line
def count(rgb):
    return sum(1 for line in rows for x in range(0, stride, bpp) if tuple(line[x:x + 3]) == rgb)
node, hidden, finding = count((0xbe, 0xe3, 0xf8)), count((0xfe, 0xd7, 0xd7)), count((0xfe, 0xeb, 0xc8))
print('%d %d %d' % (node, hidden, finding))
PY
)
NODE_PX=$(echo "$res" | cut -d" " -f1)
FIND_PX=$(echo "$res" | cut -d" " -f3)
expect "screenshot shows the tree: running-process node fill drawn ($NODE_PX pixels) in the first screen" '[ "${NODE_PX:-0}" -gt 20000 ]'
expect "screenshot: the finding colour is drawn too ($FIND_PX pixels: legend and marked nodes)" '[ "${FIND_PX:-0}" -gt 500 ]'

# ---- DOM: every process a node, every finding listed ----
chrome --dump-dom "file://$ABS_TMP/rep/report.html" > "$TMP/dom.html"
"$EPROC" -q -f "$IMG" -o json psxview > "$TMP/xv.json"
"$EPROC" -q -f "$IMG" -o json malfind > "$TMP/mf.json"
"$EPROC" -q -f "$IMG" -o json hollowfind > "$TMP/hf.json"
"$EPROC" -q -f "$IMG" -o json handles --findings > "$TMP/hd.json"
# With `eproc check` in the build its findings are listed (each with its
# rule and severity) and replace handles --findings (the same judgment).
echo '[]' > "$TMP/ck.json"
if "$EPROC" --list-commands | grep -qx check; then
    "$EPROC" -q -f "$IMG" -o json check > "$TMP/ck.json"
    echo '[]' > "$TMP/hd.json"
fi
python3 - "$TMP/dom.html" "$IMG.truth.json" "$TMP" <<'PY'
import json, re, sys
from html.parser import HTMLParser
dom, truth, tmp = open(sys.argv[1]).read(), json.load(open(sys.argv[2])), sys.argv[3]
class P(HTMLParser):
    def __init__(s):
        super().__init__(); s.nodes = []; s.findings = []; s.panes = []; s.severity = []
    def handle_starttag(s, t, a):
        a = dict(a); cls = (a.get('class') or '').split()
        if t == 'g' and 'node' in cls: s.nodes.append((int(a['data-pid']), set(cls)))
        if t == 'tr' and 'finding' in cls:
            s.findings.append((int(a['data-pid']), a['data-source']))
            s.severity.append((int(a['data-pid']), a['data-source'], a.get('data-severity', '')))
        if t == 'details' and 'process' in cls: s.panes.append(int(a['data-pid']))
p = P(); p.feed(dom)
def check(d, good, detail=''):
    print(('ok - ' if good else 'not ok - ') + 'report DOM: ' + d + ('' if good else ': %s' % detail))
want = sorted(pr['pid'] for pr in truth['processes'] if not pr.get('freed'))
got = sorted(pid for pid, _ in p.nodes)
check('every process of the forged machine is a node of the tree (%d)' % len(want), set(want) <= set(got) and len(got) == len(p.panes), sorted(set(want) - set(got)))
check('every tree node has its pane', sorted(p.panes) == got)
load = lambda n: json.load(open('%s/%s.json' % (tmp, n)))
exp = sorted([(r['pid'], 'psxview') for r in load('xv') if r['missing_from']] + [(r['pid'], 'malfind') for r in load('mf')]
             + [(r['pid'], 'hollowfind') for r in load('hf')] + [(r['pid'], 'handles') for r in load('hd')]
             + [(r['pid'] if r['pid'] is not None else -1, r['rule']) for r in load('ck')])
check('every finding of psxview, malfind, hollowfind and check (or handles) is listed (%d, %d of check)' % (len(exp), len(load('ck'))),
      sorted(p.findings) == exp and exp, (sorted(p.findings)[:5], exp[:5]))
sev = sorted((r['pid'] if r['pid'] is not None else -1, r['rule'], r['severity']) for r in load('ck'))
check('each check finding shows its rule and severity', sev == sorted(x for x in p.severity if x[2]), sev[:3])
hidden = {t['target_pid'] for t in truth['techniques'] if t.get('target_pid') and 'unlink' in t.get('technique', t.get('kind', ''))}
marked = {pid for pid, cls in p.nodes if 'hidden' in cls}
check('the unlinked processes are marked hidden (%s)' % sorted(hidden), hidden and hidden <= marked, sorted(marked))
sus = {pid for pid, _ in p.findings}
check('the processes with findings are marked (%d)' % len(sus - {-1}), sus - {-1} == {pid for pid, cls in p.nodes if 'suspicious' in cls}, (sorted(sus), sorted(pid for pid, cls in p.nodes if 'suspicious' in cls)))
exited = {pr['pid'] for pr in truth['processes'] if pr.get('exit_time') and not pr.get('freed')}
check('exited processes are marked (%d)' % len(exited), exited <= {pid for pid, cls in p.nodes if 'exited' in cls})
PY

# ---- layout: long cells (evidence, rights lists, paths) wrap or scroll in
# their cell, the page is no wider than the window.  Measured by Chromium
# on a test copy of the page with a probe script (the report has none). ----
sed 's|</body>|<script>var d = document.documentElement, ev = document.querySelectorAll("td.evidence"), longest = 0;\
ev.forEach(function (td) { longest = Math.max(longest, td.textContent.length); });\
document.body.setAttribute("data-layout", d.scrollWidth + " " + innerWidth + " " + longest);</script></body>|' \
    "$PAGE" > "$TMP/rep/probe.html"
layout=$(chrome --window-size=1280,900 --dump-dom "file://$ABS_TMP/rep/probe.html" | sed -n 's/.*data-layout="\([0-9 ]*\)".*/\1/p')
PAGE_W=$(echo "$layout" | cut -d" " -f1); VIEW_W=$(echo "$layout" | cut -d" " -f2); LONGEST=$(echo "$layout" | cut -d" " -f3)
expect "layout at 1280 px: the page is ${PAGE_W:-?} px wide, evidence cells up to ${LONGEST:-?} characters wrap inside it" \
    '[ -n "$layout" ] && [ "$PAGE_W" -le "$VIEW_W" ] && [ "$LONGEST" -gt 200 ]'

# ---- a minidump: its one process and the stream summary ----
if need_shared "report on a minidump"; then
    run "$EPROC" -q -f "$SHARED/minidumps/other/rizin-calc.dmp" report --out "$TMP/md"
    expect "report on a minidump: one process node (calc.exe)" \
        '[ "$RC" -eq 0 ] && [ "$(grep -c "class=\"node" "$TMP/md/report.html")" -eq 1 ] && grep -q "calc.exe (3368)" "$TMP/md/report.html"'
fi
