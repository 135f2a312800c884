#!/bin/sh
# Every README example runs as shown (issue 17): each `$ eproc ...` line of
# README.md is run (in a folder holding the images it names, forged from
# the same scenarios, and the real captures of ../shared/data under the
# names it uses); it must exit as the README shows (an "eproc: ..." error
# line: non-zero; otherwise 0, or 1 for a command that reports findings),
# and where the README shows a text header line whole, the command's
# header must be that line.  The forge lines themselves are replaced by
# smaller images of the same scenarios.
. tests/lib.sh

mkdir -p "$TMP/readme/work" "$TMP/readme/bin"
R=$(cd "$TMP/readme" && pwd)
W=$R/work
ln -sf "$(cd "$(dirname "$EPROC")" && pwd)/$(basename "$EPROC")" "$R/bin/eproc"
for s in default:demo attacks:attacks subsystems:subsystems kobjects:kobjects anomalies:anomalies; do
    "$EPROC" forge "examples/${s%%:*}.json" --memory 256M -o "$W/${s##*:}.raw" > /dev/null 2> "$TMP/forge.err" ||
        fail "forge examples/${s%%:*}.json ($(head -1 "$TMP/forge.err"))"
done
# wow.raw: the README says it is forged from tests/cli/wow64.sh's scenario
sed -n '/^cat > "\$TMP\/w.json"/,/^EOF$/p' tests/cli/wow64.sh | sed '1d;$d' > "$W/wow.json"
"$EPROC" forge "$W/wow.json" -o "$W/wow.raw" > /dev/null 2> "$TMP/forge.err" ||
    fail "forge tests/cli/wow64.sh's scenario ($(head -1 "$TMP/forge.err"))"
HAVE_SHARED=0
if [ -n "$SHARED" ]; then
    HAVE_SHARED=1
    # the names the README uses, relative to the folder it runs in
    ln -sfn "$SHARED/.." "$R/shared"
    ln -sfn "$SHARED/malformed" "$R/malformed"
    ln -sfn "$SHARED/isf" "$W/isf"
    ln -sfn "$SHARED/kernel-triage" "$W/kernel-triage"
    ln -sfn "$SHARED/minidumps/other" "$W/other"
    ln -sfn "$SHARED/minidumps/breakpad" "$W/breakpad"
    [ -f "$SHARED/minidumps/wine/wine-full.dmp.xz" ] && xz -dc "$SHARED/minidumps/wine/wine-full.dmp.xz" > "$W/wine-full.dmp"
fi

python3 - README.md "$W" "$R/bin" "$HAVE_SHARED" <<'PY'
import os, re, subprocess, sys
readme, work, bindir, have_shared = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == '1'
lines = open(readme, encoding='utf-8').read().split('\n')
examples, in_block, cur = [], False, None
for no, l in enumerate(lines, 1):
    if l.startswith('```'):
        in_block = not in_block
        cur = None
        continue
    if not in_block:
        continue
    if l.startswith('$ '):
        cur = {'line': no, 'cmd': l[2:], 'out': []}
        examples.append(cur)
    elif cur is not None:
        cur['out'].append(l)
env = dict(os.environ, PATH=bindir + ':' + os.environ['PATH'])
env.pop('EPROC_PROGRESS', None)
ran = bad = 0
for ex in examples:
    cmd = ex['cmd']
    if not cmd.startswith('eproc ') or ' forge ' in ' ' + cmd + ' ':
        continue
    # "  (first rows; columns trimmed)" and "  # comment" annotate, they are not the command
    note = ''
    m = re.search(r'\s{2,}(\(.*\)|#.*)$', cmd)
    if m:
        note, cmd = m.group(1), cmd[:m.start()]
    files = re.findall(r'-f\s+(\S+)', cmd)
    if any(not os.path.exists(os.path.join(work, f)) for f in files) or 'IMAGE' in cmd:
        print('skip - README line %d: %s (capture not here)' % (ex['line'], cmd))
        continue
    p = subprocess.run(['sh', '-c', cmd], cwd=work, env=env, capture_output=True, text=True, timeout=600)
    ran += 1
    shown = [o for o in ex['out'] if o.strip()]
    errors = [o for o in shown if o.startswith('eproc: ') and not o.startswith('eproc: warning')]
    piped = '|' in cmd or ';' in cmd or '>' in cmd
    problems = []
    if not piped:
        if errors and p.returncode == 0:
            problems.append('README shows an error, it exited 0')
        if not errors and p.returncode not in (0, 1):
            problems.append('exit %d: %s' % (p.returncode, p.stderr.strip()[:200]))
    elif p.returncode != 0 and not errors:
        problems.append('exit %d: %s' % (p.returncode, p.stderr.strip()[:200]))
    # a header line shown whole: the first line the README shows that is
    # neither a warning nor an error, for text output of a whole command
    body = [o for o in shown if not o.startswith('eproc: ')]
    text_out = not re.search(r'-o\s*(json|jsonl|csv|bodyfile)|-r\s*(json|csv)|--dump-dir|report', cmd)
    if body and text_out and not note and not piped and re.match(r'^[A-Z][A-Za-z0-9()]*( {2,}|$)', body[0]) \
            and '  ' in body[0]:
        got = p.stdout.split('\n')[0]
        if got.split() != body[0].split():
            problems.append('header differs:\n    README: %s\n    eproc:  %s' % (body[0], got))
    if problems:
        bad += 1
        print('not ok - README line %d: %s: %s' % (ex['line'], cmd, '; '.join(problems)))
    else:
        print('ok - README line %d: %s' % (ex['line'], cmd))
print('# %d README examples run, %d differ' % (ran, bad))
PY
